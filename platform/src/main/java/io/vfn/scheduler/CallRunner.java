package io.vfn.scheduler;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vfn.Failure;
import io.vfn.VfnException;
import io.vfn.catalog.Catalog;
import io.vfn.catalog.FunctionRecord;
import io.vfn.catalog.FunctionSpec;
import io.vfn.logs.CallLines;
import io.vfn.logs.ClusterLogs;
import io.vfn.metrics.VfnMetrics;
import io.vfn.runtime.CallFailures;
import io.vfn.runtime.Invocation;
import io.vfn.runtime.Invoker;
import io.vfn.runtime.Reply;
import io.vfn.runtime.Route;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * Runs async calls: leases them, hands each to the {@link Invoker} like a sync call, and records the outcome:
 * the result, a retry after a back-off, or the end. Ended calls are announced to every node and their callback
 * delivered.
 */
public final class CallRunner {

    private static final System.Logger LOG = System.getLogger(CallRunner.class.getName());
    /** A lease outlives the call's timeout by this much before another node may take the call. */
    private static final long LEASE_GRACE_MS = 30_000;

    private final Vertx vertx;
    private final Context context;
    private final CallStore store;
    private final Catalog catalog;
    private final VfnMetrics metrics;
    private final String nodeId;
    private final CallbackSender callbacks;
    private final Invoker invoker;
    private final ClusterLogs logs;
    private final CallEvents events;
    private final Map<String, Long> backingOff = new ConcurrentHashMap<>();
    /** Calls taken from a queue, not leased yet: they wait for room among the running bytes (by function). */
    private final Set<Taken> waitingForRoom = ConcurrentHashMap.newKeySet();

    private final RunningBytes runningBytes;
    private final long maxResult;

    /**
     * @param vertx     the node
     * @param store     the calls
     * @param catalog   the deployed functions
     * @param metrics   where outcomes are counted
     * @param nodeId    this node, the owner of its leases
     * @param callbacks delivers results to callback URLs
     * @param invoker   sends each attempt to the function, as for a sync call
     * @param logs      the function logs of every node: an attempt's lines are kept with its record
     * @param events    tells every node of the ends
     * @param maxResult the largest result body kept; a larger one fails the call
     * @param runningBytes the bound on what the attempts running here hold
     */
    public CallRunner(
            Vertx vertx,
            CallStore store,
            Catalog catalog,
            VfnMetrics metrics,
            String nodeId,
            CallbackSender callbacks,
            Invoker invoker,
            ClusterLogs logs,
            CallEvents events,
            long maxResult,
            RunningBytes runningBytes) {
        this.vertx = vertx;
        this.runningBytes = runningBytes;
        this.maxResult = maxResult;
        this.context = vertx.getOrCreateContext();
        this.store = store;
        this.catalog = catalog;
        this.metrics = metrics;
        this.nodeId = nodeId;
        this.callbacks = callbacks;
        this.invoker = invoker;
        this.logs = logs;
        this.events = events;
    }

    /**
     * Runs calls taken from a function's queue, in their order: leases them all at once (a store operation each),
     * then dispatches each and records its outcome, none of it blocking.
     *
     * @param function the function whose queue they came from
     * @param callIds  the calls, oldest first
     * @return one future per distinct call, in the same order, complete when its attempt ended (the call may be waiting for
     *     a retry then) or when it was not this node's to run; they complete on the caller's context
     */
    public List<Future<Void>> run(String function, List<String> callIds) {
        Context caller = vertx.getOrCreateContext();
        Map<String, Promise<Void>> attempts = new LinkedHashMap<>();
        callIds.forEach(id -> attempts.put(id, Promise.promise()));
        leaseInTurn(new Taken(function, caller, new ConcurrentLinkedDeque<>(attempts.entrySet()), 0));
        return attempts.values().stream().map(Promise::future).toList();
    }

    /**
     * Leases taken calls, in order, as many at a time as the node's running bytes have room for: a batch shares the
     * room, and a call too large for its share is leased on its own later, when there is room for its known size.
     */
    private void leaseInTurn(Taken taken) {
        Runnable retry = () -> taken.caller().runOnContext(v -> leaseInTurn(taken));
        while (!taken.calls().isEmpty()) {
            RunningBytes.Room room = taken.recordBytes() > 0
                    ? runningBytes.reserveFor(taken.recordBytes(), retry)
                    : runningBytes.reserve(taken.calls().size(), retry);
            if (room.calls() == 0) {
                waitingForRoom.add(taken);
                return;
            }
            waitingForRoom.remove(taken);
            Map<String, Promise<Void>> batch = new LinkedHashMap<>();
            Map.Entry<String, Promise<Void>> next;
            while (batch.size() < room.calls() && (next = taken.calls().poll()) != null) {
                batch.put(next.getKey(), next.getValue());
            }
            if (batch.isEmpty()) {
                runningBytes.release(room.total());
            } else {
                lease(taken.function(), taken.caller(), batch, room);
            }
        }
    }

    private void lease(String function, Context caller, Map<String, Promise<Void>> attempts, RunningBytes.Room room) {
        Future.fromCompletionStage(store.lease(attempts.keySet(), leaseOf(function, room.largestRecord())), caller)
                .onComplete(leased -> {
                    if (leased.failed()) {
                        // The calls are out of their queue, not leased: the sweep finds them and queues them again.
                        LOG.log(
                                System.Logger.Level.WARNING,
                                "leasing " + attempts.size() + " call(s) of " + function + " failed: "
                                        + leased.cause());
                        runningBytes.release(room.total());
                        attempts.values().forEach(Promise::tryComplete);
                        return;
                    }
                    attempts.forEach((id, attempt) -> {
                        CallRecord call = leased.result().records().get(id);
                        Long tooLarge = leased.result().tooLarge().get(id);
                        if (tooLarge != null) {
                            leaseInTurn(new Taken(
                                    function,
                                    caller,
                                    new ConcurrentLinkedDeque<>(List.of(Map.entry(id, attempt))),
                                    tooLarge));
                        } else if (call == null) {
                            attempt.complete();
                        } else if (call.status().ended()) {
                            // Expired, or its function was deleted: ended by the lease itself.
                            ended(call, call.status().label(), 0);
                            attempt.complete();
                        } else {
                            run(caller, call, attempt);
                        }
                    });
                    // Once the leased calls count what they really hold: the room was for the largest ones.
                    runningBytes.release(room.total());
                });
    }

    private void run(Context caller, CallRecord call, Promise<Void> attempt) {
        long held = runningBytes.hold(call);
        long start = System.nanoTime();
        dispatch(call)
                .transform(answer -> {
                    long nanos = System.nanoTime() - start;
                    Outcome outcome = answer.succeeded()
                            ? answer.result()
                            : Outcome.failure(CallFailures.of(call.function(), answer.cause()));
                    return withLines(call, outcome.ranOn()).compose(lined -> record(caller, lined, outcome, nanos));
                })
                .onComplete(done -> {
                    runningBytes.release(held);
                    attempt.complete();
                });
    }

    /**
     * Calls taken from a function's queue that are not leased yet, oldest first.
     *
     * @param recordBytes the size of their record when it is known (a single call too large for a batch), else 0
     */
    private record Taken(
            String function, Context caller, Deque<Map.Entry<String, Promise<Void>>> calls, long recordBytes) {}

    private LeaseProcessor leaseOf(String function, long largestRecord) {
        long now = System.currentTimeMillis();
        Optional<FunctionSpec> spec = catalog.get(function).map(FunctionRecord::spec);
        long timeout = spec.map(s -> s.timeout().toMillis()).orElse(0L);
        return new LeaseProcessor(
                nodeId,
                now,
                now + timeout + LEASE_GRACE_MS,
                spec.map(s -> s.maxAge().toMillis()).orElse(0L),
                spec.map(s -> s.maxAge().toString()).orElse(""),
                spec.isEmpty(),
                store.resultTtlSeconds(),
                largestRecord);
    }

    /**
     * Ends every queued call of a deleted function as {@code cancelled} (subscribers and callbacks are told why) and
     * removes its queue. A call waiting out a back-off somewhere ends the same way when it comes back. Blocking.
     *
     * @param function the deleted function
     * @return how many calls were cancelled
     */
    public int cancelQueued(String function) {
        int cancelled = 0;
        for (String callId : store.removeQueue(function)) {
            Optional<CallRecord> call =
                    store.get(callId).filter(c -> c.status() == CallStatus.QUEUED && c.leaseOwner() == null);
            if (call.isPresent()) {
                CallRecord mine = ownCallback(
                        call.get()
                                .copy()
                                .status(CallStatus.CANCELLED, System.currentTimeMillis())
                                .error("function '" + function + "' was deleted"),
                        nodeId);
                if (store.replace(mine)) {
                    ended(mine, "cancelled", 0);
                    cancelled++;
                }
            }
        }
        return cancelled;
    }

    /**
     * Hands the calls waiting out a back-off on this node, and those taken from their queue that still wait for room
     * to run, back to their queues now (a draining node). Blocking.
     */
    public void handBack() {
        for (String callId : Map.copyOf(backingOff).keySet()) {
            vertx.cancelTimer(backingOff.remove(callId));
            requeueAfterBackOff(callId);
        }
        for (Taken taken : List.copyOf(waitingForRoom)) {
            waitingForRoom.remove(taken);
            Map.Entry<String, Promise<Void>> next;
            while ((next = taken.calls().poll()) != null) {
                store.requeue(next.getKey(), taken.function());
                next.getValue().tryComplete();
            }
        }
    }

    private Future<Outcome> dispatch(CallRecord call) {
        JsonObject request = call.request();
        MultiMap headers = MultiMap.caseInsensitiveMultiMap();
        request.getJsonObject("headers", new JsonObject())
                .forEach(h -> headers.add(h.getKey(), String.valueOf(h.getValue())));
        Route route;
        try {
            FunctionRecord function = catalog.require(call.function());
            route = call.revision().isPresent()
                    ? Route.pinned(function, call.revision().getAsInt())
                    : Route.of(function);
        } catch (VfnException e) {
            return Future.failedFuture(e);
        }
        Invocation invocation = new Invocation(
                request.getString("method"),
                request.getString("path"),
                request.getString("query"),
                call.callId(),
                headers,
                call.body());
        return invoker.invoke(route, invocation, Long.MAX_VALUE).map(reply -> Outcome.reply(reply, maxResult));
    }

    /**
     * The call with the lines its attempts logged, read from every node now that the attempt ended: what the record
     * kept from earlier attempts plus this one's, the newest within {@link CallLines}' bounds. Without them when the
     * nodes could not be read: the attempt's outcome matters more.
     *
     * @param ranOn the node whose instance answered, when it said: only it is read
     */
    private Future<CallRecord> withLines(CallRecord call, Optional<String> ranOn) {
        return logs.call(call.function(), call.callId(), ranOn)
                // Nothing logged (the common case): the record stays as it is, not copied.
                .map(fresh -> fresh.isEmpty() ? call : call.copy().logs(CallLines.merge(call.logs(), fresh)))
                .otherwise(call);
    }

    private Future<Void> record(Context caller, CallRecord call, Outcome outcome, long nanos) {
        long now = System.currentTimeMillis();
        if (outcome.succeeded()) {
            return end(
                    caller,
                    call.copy()
                            .status(CallStatus.SUCCEEDED, now)
                            .result(outcome.result())
                            .error(null),
                    "success",
                    nanos);
        }
        if (!outcome.retryable()) {
            CallRecord failed = call.copy().status(CallStatus.FAILED, now).error(outcome.error(), outcome.cause());
            return end(caller, outcome.result() == null ? failed : failed.result(outcome.result()), "error", nanos);
        }
        if (call.attempts()
                > catalog.get(call.function()).map(r -> r.spec().maxRetries()).orElse(0)) {
            return end(
                    caller,
                    call.copy()
                            .status(CallStatus.FAILED, now)
                            .error(outcome.error() + " (after " + call.attempts() + " attempts)", outcome.cause()),
                    outcome.outcomeLabel(),
                    nanos);
        }
        long delay = RetryPolicy.CALLS.delayMs(call.attempts());
        CallRecord waiting = call.copy()
                .status(CallStatus.QUEUED, now)
                .notBefore(now + delay)
                .error(outcome.error(), outcome.cause())
                .lease(nodeId, now + delay + LEASE_GRACE_MS);
        return Future.fromCompletionStage(store.replaceAsync(waiting), caller).map(stored -> {
            if (stored) {
                // The back-off timer runs on this runner's own context, as handBack does.
                context.runOnContext(v -> backingOff.put(call.callId(), vertx.setTimer(delay, id -> {
                    backingOff.remove(call.callId());
                    vertx.executeBlocking(
                            () -> {
                                requeueAfterBackOff(call.callId());
                                return null;
                            },
                            false);
                })));
            }
            return null;
        });
    }

    private void requeueAfterBackOff(String callId) {
        store.get(callId)
                .filter(c -> c.status() == CallStatus.QUEUED && nodeId.equals(c.leaseOwner()))
                .ifPresent(c -> {
                    if (store.replace(c.copy().release())) {
                        store.requeue(callId, c.function());
                    }
                });
    }

    /** Stores an ended call, its result and expiry in one write, then tells every node and the callback. */
    private Future<Void> end(Context caller, CallRecord ended, String outcome, long nanos) {
        CallRecord mine = ownCallback(ended, nodeId);
        return Future.fromCompletionStage(store.replaceAsync(mine), caller)
                .map(stored -> {
                    if (stored) {
                        ended(mine, outcome, nanos);
                    } else {
                        LOG.log(
                                System.Logger.Level.DEBUG,
                                "call " + mine.callId() + " changed meanwhile; its end is not recorded twice");
                    }
                    return (Void) null;
                })
                .onFailure(e -> LOG.log(
                        System.Logger.Level.WARNING,
                        "storing the end of call " + mine.callId() + " failed (its lease runs out and it runs again): "
                                + e));
    }

    /** What follows a call's stored end: its count, the news to every node, its callback. */
    private void ended(CallRecord ended, String outcome, long nanos) {
        metrics.invocation(ended.function(), VfnMetrics.Mode.ASYNC, outcome, nanos);
        events.ended(ended);
        if (ended.callback() != null) {
            callbacks.deliver(ended);
        }
    }

    /**
     * @param ended  an ended call
     * @param nodeId the node that ended it
     * @return the call, its callback (if any) delivered by that node: if it leaves before it is done, another one
     *     takes over
     */
    static CallRecord ownCallback(CallRecord ended, String nodeId) {
        if (ended.callback() != null) {
            ended.callback(ended.callback().copy().put("owner", nodeId));
        }
        return ended;
    }

    /**
     * What one attempt gave.
     *
     * @param succeeded    the function answered 2xx or 3xx
     * @param retryable    worth another attempt (exception, 5xx, 429, timeout, no instance)
     * @param result       the function's answer, if it answered
     * @param error        what went wrong, if anything
     * @param cause        what the function's failure said, shown to readers with a credential only
     * @param outcomeLabel the metric's outcome
     * @param ranOn        the node whose instance answered, when it said (not when the attempt failed without an answer)
     */
    private record Outcome(
            boolean succeeded,
            boolean retryable,
            JsonObject result,
            String error,
            Optional<String> cause,
            String outcomeLabel,
            Optional<String> ranOn) {

        static Outcome reply(Reply reply, long maxResult) {
            int status = reply.status();
            if (reply.body().length() > maxResult) {
                // Refused, not truncated: a cut body would pass for the whole answer. Another attempt would answer as
                // much.
                return new Outcome(
                        false,
                        false,
                        null,
                        "the function answered " + status + " with "
                                + reply.body().length() + " bytes, more than an async call keeps (" + maxResult
                                + ", --max-async-result)",
                        Optional.empty(),
                        "error",
                        reply.node());
            }
            JsonObject result = Bodies.result(status, reply.headers(), reply.body());
            if (status < 400) {
                return new Outcome(true, false, result, null, Optional.empty(), "success", reply.node());
            }
            boolean retryable = status >= 500 || status == 429;
            return new Outcome(
                    false,
                    retryable,
                    result,
                    "the function answered " + status,
                    Optional.empty(),
                    "error",
                    reply.node());
        }

        static Outcome failure(VfnException failure) {
            // A pruned revision never comes back; one that runs nowhere may (an alias or a share given to it again).
            boolean retryable = failure.failure() != Failure.FUNCTION_NOT_FOUND
                    && failure.failure() != Failure.REVISION_NOT_FOUND
                    && failure.failure() != Failure.BAD_REQUEST;
            return new Outcome(
                    false,
                    retryable,
                    null,
                    failure.failure().title() + ": " + failure.detail(),
                    failure.functionCause(),
                    VfnMetrics.outcomeOf(failure.failure()),
                    Optional.empty());
        }
    }
}
