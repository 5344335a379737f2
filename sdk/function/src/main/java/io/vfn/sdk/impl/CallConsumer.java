package io.vfn.sdk.impl;

import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.internal.ContextInternal;
import io.vfn.sdk.Addresses;
import io.vfn.sdk.FunctionContext;
import io.vfn.sdk.FunctionException;
import io.vfn.sdk.FunctionRequest;
import io.vfn.sdk.FunctionResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The calls of one function instance, whatever its style: it consumes the instance's addresses (and, for the revision
 * in force, takes the calls of its own node directly: {@link LocalInstances}) and, for each call,
 * keeps the function's in-flight limit on the node ({@code 429}), hands the function the call with its deadline (the
 * caller's or the function's timeout, whichever comes first), answers {@code 504} when that passes, and answers the
 * function's failures as {@link Failures} says. On stop it takes no more calls and waits for those it runs.
 */
public final class CallConsumer {

    private static final long DRAIN_POLL_MS = 10;
    private static final long REPLY_WRITE_GRACE_MS = 250;

    private final Vertx vertx;
    private final Context context;
    private final InstanceConfig config;
    private final FunctionContext functionContext;
    private final Function<FunctionRequest, Future<FunctionResponse>> function;
    private final NodeInflight nodeInflight;
    private final DeadlineWatch deadlines;
    private final String revision;
    private final String node;
    private final List<MessageConsumer<Buffer>> consumers = new ArrayList<>();
    private int inflight;
    private volatile boolean stopping;

    private CallConsumer(
            Vertx vertx,
            Context context,
            InstanceConfig config,
            Function<FunctionRequest, Future<FunctionResponse>> function) {
        this.vertx = vertx;
        this.context = context;
        this.config = config;
        this.function = function;
        this.functionContext = new BasicFunctionContext(
                vertx, config.name(), config.env(), DeploymentSecrets.of(vertx, config.deploymentId()));
        this.nodeInflight = NodeInflight.of(vertx, config.deploymentId());
        this.deadlines = new DeadlineWatch(vertx);
        this.revision = config.revision().isPresent()
                ? Integer.toString(config.revision().getAsInt())
                : null;
        this.node = config.node().orElse(null);
    }

    /**
     * @param vertx    the node
     * @param context  the instance's context, where its calls run
     * @param config   what the instance was told
     * @param function the function's answer to one call
     * @return the consumer, not consuming yet
     */
    public static CallConsumer create(
            Vertx vertx,
            Context context,
            InstanceConfig config,
            Function<FunctionRequest, Future<FunctionResponse>> function) {
        return new CallConsumer(vertx, context, config, function);
    }

    /** @return the function's context (name, env, secrets, logger, invoke) */
    public FunctionContext functionContext() {
        return functionContext;
    }

    /** @return completes when every address is consumed */
    public Future<Void> start() {
        List<Future<Void>> registered = new ArrayList<>();
        for (String address : config.addresses()) {
            registered.add(consume(vertx.eventBus().consumer(address, this::onCall)));
        }
        return Future.all(registered)
                .onSuccess(v -> {
                    if (config.addresses().contains(Addresses.function(config.name()))) {
                        // The node's own calls reach the instances of the revision in force without the event bus.
                        LocalInstances.of(vertx).join(config.name(), this);
                    }
                })
                .mapEmpty();
    }

    /** @return completes when no address is consumed any more and the calls this instance took are answered */
    public Future<Void> stop() {
        stopping = true;
        LocalInstances.of(vertx).leave(config.name(), this);
        return Future.all(consumers.stream().map(MessageConsumer::unregister).toList())
                .compose(v -> queuedCallsSeen())
                .compose(v -> drained())
                .compose(v -> repliesWritten());
    }

    private Future<Void> consume(MessageConsumer<Buffer> consumer) {
        consumers.add(consumer);
        return consumer.completion();
    }

    private void onCall(Message<Buffer> message) {
        Replies replies = overTheBus(message);
        if (!takeSlot(replies)) {
            return;
        }
        WireRequest request;
        try {
            request = Wire.decodeRequest(message, System.currentTimeMillis() + config.timeoutMs());
        } catch (RuntimeException e) {
            // Not a call any platform part sends: refused, and its slot given back.
            release();
            message.fail(400, "malformed call: " + e);
            return;
        }
        run(request, replies);
    }

    /**
     * Takes a call from a caller on this node ({@link LocalInstances}): it runs on this instance's context, as a call
     * off the bus does, and its answer completes {@code answer}.
     */
    void callDirectly(WireRequest request, Promise<Answer> answer) {
        Handler<Void> take = v -> {
            Replies replies = toTheCaller(answer);
            if (stopping) {
                // Taken from the registry just before this instance left it: the function never saw the call.
                answer.tryFail(new ReplyException(ReplyFailure.NO_HANDLERS, "the instance is stopping"));
            } else if (takeSlot(replies)) {
                run(request.notAfter(System.currentTimeMillis() + config.timeoutMs()), replies);
            }
        };
        if (runsHere()) {
            // An instance on the caller's own event loop: the call runs now, on this thread (no hand-off).
            ((ContextInternal) context).emit(take);
        } else {
            context.runOnContext(take);
        }
    }

    /** @return whether this instance runs on one of the node's event loops (a spec with {@code eventLoop}) */
    boolean runsOnEventLoop() {
        return context.isEventLoopContext();
    }

    /** @return whether this instance runs on the current thread's event loop, so a call from it needs no hand-off */
    boolean runsHere() {
        return runsOnEventLoop() && ((ContextInternal) context).inThread();
    }

    /** Takes one of the function's in-flight slots on the node, or refuses the call (the function never sees it). */
    private boolean takeSlot(Replies replies) {
        if (nodeInflight.incrementUpTo(config.concurrency()) < 0) {
            replies.fail(429, Wire.LIMIT_REACHED + " of " + config.concurrency() + " on this node is reached");
            return false;
        }
        inflight++;
        return true;
    }

    private void run(WireRequest request, Replies replies) {
        CallTag tag = CallTag.of(vertx, config.name(), request);
        Future<FunctionResponse> handled = tag.call(() -> safely(request));
        if (handled.isComplete()) {
            // The common case for quick functions: no deadline to watch.
            answer(replies, request, handled);
            return;
        }
        DeadlineWatch.Pending call = deadlines.watch(
                request.deadlineMillis(),
                () -> answer(
                        replies,
                        request,
                        Future.failedFuture(new FunctionException(
                                504, "the function did not answer within " + config.timeoutMs() + " ms"))));
        handled.onComplete(result -> {
            if (call.settle()) {
                answer(replies, request, result);
            }
        });
    }

    private Future<FunctionResponse> safely(FunctionRequest request) {
        try {
            Future<FunctionResponse> handled = function.apply(request);
            return handled == null ? Future.succeededFuture() : handled;
        } catch (Throwable e) {
            // Whatever the function throws, an Error too, the call is answered and its in-flight slot given back.
            return Future.failedFuture(e);
        }
    }

    private void answer(Replies replies, FunctionRequest request, AsyncResult<FunctionResponse> result) {
        release();
        if (result.succeeded() && result.result() != null) {
            FunctionResponse response = result.result();
            MultiMap headers = Wire.replyHeaders(response);
            if (revision != null) {
                headers.add(Wire.REVISION, revision);
            }
            if (node != null) {
                headers.add(Wire.NODE, node);
            }
            replies.reply(headers, response.body());
            return;
        }
        boolean passedOn = result.failed() && result.cause() instanceof FunctionException;
        FunctionException failure =
                result.succeeded() ? Failures.answeredNothing() : Failures.ofFunction(result.cause());
        if (!passedOn) {
            // Filed under the function and the call: its log is where an anonymous caller's failure is explained.
            CallTag.of(vertx, config.name(), request).call(() -> {
                functionContext.logger().log(System.Logger.Level.WARNING, "call failed: " + failure.detail());
                return null;
            });
        }
        replies.fail(failure.status(), failure.detail());
    }

    /** Where the answer to one call goes: back over the event bus, or to a caller on this node. */
    private interface Replies {
        void reply(MultiMap headers, Buffer body);

        void fail(int status, String detail);
    }

    private static Replies overTheBus(Message<Buffer> message) {
        return new Replies() {
            @Override
            public void reply(MultiMap headers, Buffer body) {
                message.reply(body, new DeliveryOptions().setHeaders(headers));
            }

            @Override
            public void fail(int status, String detail) {
                message.fail(status, detail);
            }
        };
    }

    private static Replies toTheCaller(Promise<Answer> answer) {
        return new Replies() {
            @Override
            public void reply(MultiMap headers, Buffer body) {
                answer.tryComplete(new Answer(headers, body));
            }

            @Override
            public void fail(int status, String detail) {
                // As the bus hands a caller an instance's failure.
                answer.tryFail(new ReplyException(ReplyFailure.RECIPIENT_FAILURE, status, detail));
            }
        };
    }

    private void release() {
        inflight--;
        nodeInflight.decrement();
    }

    /**
     * Completes once every call already queued on this instance's context has been seen: the context runs its tasks
     * in order, so a task queued now runs after them. Without it, calls queued before the consumer left would be
     * lost with the instance's threads, never answered.
     */
    private Future<Void> queuedCallsSeen() {
        Promise<Void> seen = Promise.promise();
        context.runOnContext(v -> seen.complete());
        return seen.future();
    }

    /** Waits for the calls in flight, at most a timeout and a second. */
    private Future<Void> drained() {
        if (inflight == 0) {
            return Future.succeededFuture();
        }
        Promise<Void> done = Promise.promise();
        long giveUpAt = System.currentTimeMillis() + config.timeoutMs() + 1_000;
        vertx.setPeriodic(DRAIN_POLL_MS, id -> {
            if (inflight == 0 || System.currentTimeMillis() > giveUpAt) {
                vertx.cancelTimer(id);
                done.tryComplete();
            }
        });
        return done.future();
    }

    /**
     * A reply's write completes on this instance's context after {@code reply} returned. Once the instance is gone its
     * threads are too, and a write completing then fails its connection, which is shared by every call between the
     * two members: the calls on it are lost. The last replies are given a moment to be written.
     */
    private Future<Void> repliesWritten() {
        return vertx.timer(REPLY_WRITE_GRACE_MS).mapEmpty();
    }
}
