package io.vfn.scheduler;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vfn.Failure;
import io.vfn.VfnException;
import io.vfn.cluster.NodeState;
import java.util.List;

/**
 * The async calls' life, in one place for every route (HTTP and WebSocket): accept, find, list, cancel and redrive.
 * The routes translate their protocol; the decisions (which transitions are allowed, what is unqueued, who is told)
 * are made here. Every method answers a future and never blocks the caller: the cluster's store is read on workers.
 */
public final class Calls {

    private final Vertx vertx;
    private final NodeState state;
    private final CallIntake intake;
    private final CallStore store;
    private final CallEvents events;
    /**
     * Reads whole records for callers (a record holds its request and result: megabytes for a large call), at most
     * {@value #RECORD_READERS} at a time, so that many pollers of large calls queue instead of filling the heap.
     */
    private final WorkerExecutor recordReads;

    static final int RECORD_READERS = 4;

    /**
     * @param vertx  the node
     * @param state  the node's phase: only a ready node accepts calls
     * @param intake checks and keeps new calls
     * @param store  the calls kept in the cluster
     * @param events tells every node of the ends
     */
    public Calls(Vertx vertx, NodeState state, CallIntake intake, CallStore store, CallEvents events) {
        this.vertx = vertx;
        this.recordReads = vertx.createSharedWorkerExecutor("vfn-call-reads", RECORD_READERS);
        this.state = state;
        this.intake = intake;
        this.store = store;
        this.events = events;
    }

    /**
     * Accepts a call: kept in the cluster and queued before this completes.
     *
     * @param target   the function: {@code name}, or {@code name@alias} / {@code name@revision} for the revision the
     *                 alias names now (every attempt of the call runs that one)
     * @param method   the HTTP method
     * @param path     the sub-path
     * @param query    the raw query, or {@code null}
     * @param headers  the caller's headers
     * @param body     the body
     * @param callback the callback URL, or {@code null}
     * @return the accepted call, status {@code queued}; failed with {@code 503} while the node is not ready, {@code 404}
     *     for an unknown function, alias or revision, {@code 409} for a revision that runs nowhere, {@code 400} for a
     *     bad callback URL
     */
    public Future<CallRecord> accept(
            String target, String method, String path, String query, MultiMap headers, Buffer body, String callback) {
        try {
            state.requireReady();
        } catch (VfnException e) {
            return Future.failedFuture(e);
        }
        return intake.accept(target, method, path, query, headers, body, callback);
    }

    /**
     * @param callId a call
     * @return its record; failed with {@code 404} when unknown or ended longer ago than the result time-to-live
     */
    public Future<CallRecord> find(String callId) {
        return recordReads.executeBlocking(() -> store.get(callId).orElseThrow(() -> notFound(callId)), false);
    }

    /**
     * A call's function and status without its bodies, without blocking a thread.
     *
     * @param callId a call
     * @return them; failed with {@code 404} when unknown or ended longer ago than the result time-to-live
     */
    public Future<CallBrief> brief(String callId) {
        return Future.fromCompletionStage(store.briefAsync(callId), vertx.getOrCreateContext())
                .compose(
                        brief -> brief == null ? Future.failedFuture(notFound(callId)) : Future.succeededFuture(brief));
    }

    /**
     * @param function only this function's calls, or {@code null} for all
     * @param status   only calls in this status, or {@code null} for all
     * @param limit    the most to list
     * @param maxBytes the most bytes of records to list (at least one record)
     * @return the calls, newest first
     */
    public Future<List<CallRecord>> list(String function, CallStatus status, int limit, long maxBytes) {
        return recordReads.executeBlocking(() -> store.list(function, status, limit, maxBytes), false);
    }

    /**
     * Cancels a queued call: it ends, leaves its queue, and its subscribers are told like those of any other end.
     *
     * @param callId the call
     * @return the cancelled call; failed with {@code 404} unknown, {@code 409} once it runs or ended
     */
    public Future<CallRecord> cancel(String callId) {
        return vertx.executeBlocking(
                        () -> {
                            CallRecord call = store.get(callId).orElseThrow(() -> notFound(callId));
                            if (call.status() != CallStatus.QUEUED) {
                                throw Failure.CONFLICT.exception("call " + callId + " is "
                                        + call.status().label() + ": only a queued call can be cancelled");
                            }
                            CallRecord cancelled = call.copy().status(CallStatus.CANCELLED, System.currentTimeMillis());
                            if (!store.replace(cancelled)) {
                                throw Failure.CONFLICT.exception(
                                        "call " + callId + " changed while being cancelled: it may run now");
                            }
                            store.unqueue(callId, call.function());
                            return cancelled;
                        },
                        false)
                .onSuccess(cancelled -> events.ended(cancelled));
    }

    /**
     * Runs a failed or expired call again, as if new (its attempts and result forgotten).
     *
     * @param callId the call
     * @return the queued call; failed with {@code 404} unknown, {@code 409} when it did not fail or expire
     */
    public Future<CallRecord> redrive(String callId) {
        return vertx.executeBlocking(
                () -> {
                    CallRecord call = store.get(callId).orElseThrow(() -> notFound(callId));
                    if (call.status() != CallStatus.FAILED && call.status() != CallStatus.EXPIRED) {
                        throw Failure.CONFLICT.exception("call " + callId + " is "
                                + call.status().label() + ": only failed or expired calls are retried");
                    }
                    CallRecord again = call.redriven(System.currentTimeMillis());
                    if (!store.redrive(again)) {
                        throw Failure.CONFLICT.exception("call " + callId + " changed meanwhile");
                    }
                    return again;
                },
                false);
    }

    private static VfnException notFound(String callId) {
        return Failure.CALL_NOT_FOUND.exception(
                "no call " + callId + " (unknown, or ended longer ago than the result time-to-live)");
    }
}
