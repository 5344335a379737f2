package io.vfn.scheduler;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vfn.Failure;
import io.vfn.VfnException;
import io.vfn.catalog.Catalog;
import io.vfn.catalog.FunctionRecord;
import io.vfn.catalog.FunctionSpec;
import io.vfn.metrics.VfnMetrics;
import io.vfn.runtime.CallFailures;
import io.vfn.runtime.Invocation;
import io.vfn.runtime.Invoker;
import io.vfn.runtime.Reply;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs one async call: leases it, hands it to the {@link Invoker} like a sync call, and records the outcome:
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
    private final Map<String, Long> backingOff = new ConcurrentHashMap<>();

    /**
     * @param vertx     the node
     * @param store     the calls
     * @param catalog   the deployed functions
     * @param metrics   where outcomes are counted
     * @param nodeId    this node, the owner of its leases
     * @param callbacks delivers results to callback URLs
     * @param invoker   sends each attempt to the function, as for a sync call
     */
    public CallRunner(Vertx vertx, CallStore store, Catalog catalog, VfnMetrics metrics, String nodeId, CallbackSender callbacks,
                      Invoker invoker) {
        this.vertx = vertx;
        this.context = vertx.getOrCreateContext();
        this.store = store;
        this.catalog = catalog;
        this.metrics = metrics;
        this.nodeId = nodeId;
        this.callbacks = callbacks;
        this.invoker = invoker;
    }

    /**
     * Runs a call taken from its queue.
     *
     * @param callId the call
     * @return completes when the attempt ended (the call may be waiting for a retry then)
     */
    public Future<Void> run(String callId) {
        return vertx.executeBlocking(() -> lease(callId), false).compose(leased -> {
            if (leased.isEmpty()) {
                return Future.succeededFuture();
            }
            CallRecord call = leased.get();
            long start = System.nanoTime();
            return dispatch(call).transform(outcome -> record(call, outcome.succeeded() ? outcome.result()
                : Outcome.failure(CallFailures.of(call.function(), outcome.cause())), start));
        });
    }

    /** Hands the calls waiting out a back-off on this node back to their queues now (a draining node). Blocking. */
    public void handBack() {
        for (String callId : Map.copyOf(backingOff).keySet()) {
            vertx.cancelTimer(backingOff.remove(callId));
            requeueAfterBackOff(callId);
        }
    }

    private Optional<CallRecord> lease(String callId) {
        Optional<CallRecord> found = store.get(callId);
        // A queued call with an owner waits out its back-off there: its id may be in the queue twice after a recovery.
        if (found.isEmpty() || found.get().status() != CallStatus.QUEUED || found.get().leaseOwner() != null) {
            return Optional.empty();
        }
        CallRecord call = found.get();
        long now = System.currentTimeMillis();
        Optional<FunctionSpec> spec = catalog.get(call.function()).map(r -> r.spec());
        if (spec.isEmpty()) {
            end(call.copy().status(CallStatus.FAILED, now).error("function '" + call.function() + "' was deleted"), "failed", 0);
            return Optional.empty();
        }
        if (now > call.createdAt() + spec.get().maxAge().toMillis()) {
            end(call.copy().status(CallStatus.EXPIRED, now).error("not run within maxAge " + spec.get().maxAge()), "expired", 0);
            return Optional.empty();
        }
        CallRecord leased = call.copy().status(CallStatus.RUNNING, now).attempt()
            .lease(nodeId, now + spec.get().timeout().toMillis() + LEASE_GRACE_MS);
        return store.replace(leased) ? Optional.of(CallRecord.parse(leased.encode())) : Optional.empty();
    }

    private Future<Outcome> dispatch(CallRecord call) {
        JsonObject request = call.request();
        MultiMap headers = MultiMap.caseInsensitiveMultiMap();
        request.getJsonObject("headers", new JsonObject()).forEach(h -> headers.add(h.getKey(), String.valueOf(h.getValue())));
        FunctionRecord function;
        try {
            function = catalog.require(call.function());
        } catch (VfnException e) {
            return Future.failedFuture(e);
        }
        Invocation invocation = new Invocation(request.getString("method"), request.getString("path"), request.getString("query"),
            call.callId(), headers, call.body());
        return invoker.invoke(function, invocation, Long.MAX_VALUE).map(Outcome::reply);
    }

    private Future<Void> record(CallRecord call, Outcome outcome, long startNanos) {
        return vertx.executeBlocking(() -> {
            long now = System.currentTimeMillis();
            long nanos = System.nanoTime() - startNanos;
            if (outcome.succeeded()) {
                end(call.copy().status(CallStatus.SUCCEEDED, now).result(outcome.result()).error(null), "success", nanos);
            } else if (!outcome.retryable()) {
                CallRecord failed = call.copy().status(CallStatus.FAILED, now).error(outcome.error());
                end(outcome.result() == null ? failed : failed.result(outcome.result()), "error", nanos);
            } else if (call.attempts() > catalog.get(call.function()).map(r -> r.spec().maxRetries()).orElse(0)) {
                end(call.copy().status(CallStatus.FAILED, now).error(outcome.error() + " (after " + call.attempts() + " attempts)"),
                    outcome.outcomeLabel(), nanos);
            } else {
                long delay = RetryPolicy.CALLS.delayMs(call.attempts());
                CallRecord waiting = call.copy().status(CallStatus.QUEUED, now).notBefore(now + delay).error(outcome.error())
                    .lease(nodeId, now + delay + LEASE_GRACE_MS);
                if (store.replace(waiting)) {
                    context.runOnContext(v -> backingOff.put(call.callId(), vertx.setTimer(delay, id -> {
                        backingOff.remove(call.callId());
                        vertx.executeBlocking(() -> {
                            requeueAfterBackOff(call.callId());
                            return null;
                        }, false);
                    })));
                }
            }
            return null;
        }, false);
    }

    private void requeueAfterBackOff(String callId) {
        store.get(callId).filter(c -> c.status() == CallStatus.QUEUED && nodeId.equals(c.leaseOwner())).ifPresent(c -> {
            if (store.replace(c.copy().release())) {
                store.requeue(callId, c.function());
            }
        });
    }

    /** Stores an ended call, then tells every node and the callback. Blocking. */
    private void end(CallRecord ended, String outcome, long nanos) {
        if (ended.callback() != null) {
            // This node delivers the callback; if it leaves before it is done, another one takes over.
            ended.callback(ended.callback().copy().put("owner", nodeId));
        }
        if (!store.replace(ended)) {
            LOG.log(System.Logger.Level.DEBUG, "call " + ended.callId() + " changed meanwhile; its end is not recorded twice");
            return;
        }
        metrics.invocation(ended.function(), VfnMetrics.Mode.ASYNC, outcome, nanos);
        CallEvents.ended(vertx.eventBus(), ended);
        if (ended.callback() != null) {
            callbacks.deliver(ended);
        }
    }

    /**
     * What one attempt gave.
     *
     * @param succeeded    the function answered 2xx or 3xx
     * @param retryable    worth another attempt (exception, 5xx, 429, timeout, no instance)
     * @param result       the function's answer, if it answered
     * @param error        what went wrong, if anything
     * @param outcomeLabel the metric's outcome
     */
    private record Outcome(boolean succeeded, boolean retryable, JsonObject result, String error, String outcomeLabel) {

        static Outcome reply(Reply reply) {
            int status = reply.status();
            JsonObject result = Bodies.result(status, reply.headers(), reply.body());
            if (status < 400) {
                return new Outcome(true, false, result, null, "success");
            }
            boolean retryable = status >= 500 || status == 429;
            return new Outcome(false, retryable, result, "the function answered " + status, "error");
        }

        static Outcome failure(VfnException failure) {
            boolean retryable = failure.failure() != Failure.FUNCTION_NOT_FOUND && failure.failure() != Failure.BAD_REQUEST;
            return new Outcome(false, retryable, null, failure.failure().title() + ": " + failure.detail(),
                VfnMetrics.outcomeOf(failure.failure()));
        }
    }
}
