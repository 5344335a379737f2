package io.vfn.scheduler;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vfn.Failure;
import io.vfn.callback.DestinationGuard;
import io.vfn.catalog.Catalog;
import io.vfn.catalog.FunctionRecord;
import io.vfn.runtime.Route;
import io.vfn.sdk.impl.TraceContext;
import java.util.UUID;

/**
 * Accepts async calls, for HTTP and WebSocket alike: checks the function and the callback's destination, then
 * keeps the call in the cluster and queues it. Only then is it accepted: nothing accepted lives in one node's memory alone.
 */
public final class CallIntake {

    private final Vertx vertx;
    private final Catalog catalog;
    private final CallCommitter committer;
    private final DestinationGuard callbacks;
    private final StoreBudget budget;
    private final long maxBody;

    /**
     * @param vertx     the node
     * @param catalog   the deployed functions
     * @param store     the calls
     * @param callbacks decides where callbacks may go
     * @param budget    the bytes the store may still take
     * @param maxBody   the largest body of an async call
     */
    public CallIntake(
            Vertx vertx,
            Catalog catalog,
            CallStore store,
            DestinationGuard callbacks,
            StoreBudget budget,
            long maxBody) {
        this.vertx = vertx;
        this.catalog = catalog;
        this.committer = new CallCommitter(store);
        this.callbacks = callbacks;
        this.budget = budget;
        this.maxBody = maxBody;
    }

    /**
     * @param target   the function: {@code name}, or {@code name@alias} / {@code name@revision} for one revision
     * @param method   the HTTP method
     * @param path     the sub-path
     * @param query    the raw query, or {@code null}
     * @param headers  the caller's headers
     * @param body     the body
     * @param callback the callback URL, or {@code null}
     * @return the accepted call, status {@code queued}; failed with {@link Failure#CALLBACK_REFUSED} when the
     *     callback may not go where its URL points, {@code 404} for an unknown alias or a revision not kept,
     *     {@code 409} for a kept revision that runs nowhere
     */
    public Future<CallRecord> accept(
            String target, String method, String path, String query, MultiMap headers, Buffer body, String callback) {
        String name = Route.functionOf(target);
        FunctionRecord record;
        Route route;
        try {
            record = catalog.require(name);
            // An alias is read once, here: every attempt of the call (retries, a redrive) runs the revision it named.
            route = Route.resolve(record, target);
            if (body.length() > maxBody) {
                throw Failure.BODY_TOO_LARGE.exception(
                        "the body is larger than " + maxBody + " bytes, the async limit (--max-async-body)");
            }
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
        // The trace its attempts and its callback continue: the caller's, or one started for the call.
        MultiMap traced = MultiMap.caseInsensitiveMultiMap().addAll(headers);
        TraceContext.from(headers).orElseGet(TraceContext::start).writeTo(traced);
        CallRecord call = CallRecord.accepted(
                // Unguessable: the id is the handle to the call's result.
                UUID.randomUUID().toString(),
                name,
                method,
                path,
                query,
                traced,
                body,
                callback,
                System.currentTimeMillis());
        route.pinned().ifPresent(call::pinnedTo);
        try {
            // Before anything is stored: a refusal leaves no trace.
            budget.admit(name, call.bytes());
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
        Future<?> destination = callback == null ? Future.succeededFuture() : callbacks.check(callback);
        return destination
                .compose(checked -> committer.commit(
                        vertx.getOrCreateContext(), call, record.spec().maxQueue()))
                .map(call);
    }
}
