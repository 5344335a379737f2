package io.vfn.sdk.impl;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.shareddata.Shareable;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The instances of the functions running on this node that a call from the same node reaches without the event bus:
 * the caller hands the call to an instance's own context and gets its answer back on its own, with no reply address,
 * no message and no headers to encode. Only the instances of a function's revision in force are here (those that
 * consume its cluster-wide address), in the order they started; calls take them in turn.
 *
 * <p>Internal to vfn: the SDK's {@link CallConsumer} joins and leaves, the platform's dispatch calls.
 */
public final class LocalInstances implements Shareable {

    private static final String MAP = "vfn.local-instances";
    private static final String KEY = "node";
    /** Time an answer needs to come back after the instance gave up at the deadline. */
    private static final long ANSWER_GRACE_MS = 1_000;

    private final Map<String, Instances> byFunction = new ConcurrentHashMap<>();

    /**
     * @param vertx the node
     * @return the node's registry, created on first use
     */
    public static LocalInstances of(Vertx vertx) {
        return vertx.sharedData()
                .<String, LocalInstances>getLocalMap(MAP)
                .computeIfAbsent(KEY, k -> new LocalInstances());
    }

    void join(String function, CallConsumer instance) {
        byFunction.computeIfAbsent(function, f -> new Instances()).add(instance);
    }

    void leave(String function, CallConsumer instance) {
        Instances instances = byFunction.get(function);
        if (instances != null) {
            instances.remove(instance);
        }
    }

    /**
     * Hands a call to the next of this node's instances of the function, on its own context; the answer comes back on
     * the caller's context. The instance keeps its function's in-flight limit and timeout as for a call off the bus,
     * and fails the same way: a {@link ReplyException} whose failure code is the status ({@code 429} with
     * {@link Wire#LIMIT_REACHED} when the limit is reached), {@link ReplyFailure#NO_HANDLERS} when no instance is here
     * (or the one taken was stopping: the function never saw the call), {@link ReplyFailure#TIMEOUT} when the instance
     * did not even answer a moment after the deadline (its thread blocked).
     *
     * @param vertx    the node
     * @param function the function
     * @param request  the call, with its deadline
     * @return the instance's answer: its headers (with {@link Wire#STATUS}, and {@link Wire#REVISION} when it runs one)
     *     and body
     */
    public Future<Answer> call(Vertx vertx, String function, WireRequest request) {
        ContextInternal caller = (ContextInternal) vertx.getOrCreateContext();
        Instances instances = byFunction.get(function);
        CallConsumer instance = instances == null ? null : instances.next();
        if (instance != null && instance.runsOnEventLoop()) {
            // Instances on the node's event loops: the one on the caller's own loop, when there is one, takes the
            // call with no hand-off.
            instance = instances.onThisThread(instance);
        }
        if (instance == null) {
            return caller.failedFuture(
                    new ReplyException(ReplyFailure.NO_HANDLERS, "no instance of " + function + " on this node"));
        }
        Promise<Answer> answer = caller.promise();
        long wait = Math.max(1, request.deadlineMillis() - System.currentTimeMillis()) + ANSWER_GRACE_MS;
        long timer = vertx.setTimer(
                wait,
                id -> answer.tryFail(new ReplyException(
                        ReplyFailure.TIMEOUT, "no answer from the instance within " + wait + " ms")));
        instance.callDirectly(request, answer);
        return answer.future().andThen(done -> vertx.cancelTimer(timer));
    }

    /** A function's instances on this node, taken in turn. */
    private static final class Instances {
        /** Replaced whole on a change (rare), read without a lock on every call. */
        private volatile CallConsumer[] members = new CallConsumer[0];

        private final AtomicInteger turn = new AtomicInteger();

        synchronized void add(CallConsumer instance) {
            CallConsumer[] more = Arrays.copyOf(members, members.length + 1);
            more[members.length] = instance;
            members = more;
        }

        synchronized void remove(CallConsumer instance) {
            members = Arrays.stream(members).filter(m -> m != instance).toArray(CallConsumer[]::new);
        }

        CallConsumer next() {
            CallConsumer[] now = members;
            return now.length == 0 ? null : now[Math.floorMod(turn.getAndIncrement(), now.length)];
        }

        /** @return the instance on the current thread's event loop, or else the one given */
        CallConsumer onThisThread(CallConsumer otherwise) {
            for (CallConsumer member : members) {
                if (member.runsHere()) {
                    return member;
                }
            }
            return otherwise;
        }
    }
}
