package io.vfn.scheduler;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vfn.Failure;
import io.vfn.catalog.Catalog;
import io.vfn.catalog.FunctionRecord;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.UUID;

/**
 * Accepts async calls, for HTTP and WebSocket alike: checks the function and the callback URL, then keeps the
 * call in the cluster and queues it. Only then is it accepted: nothing accepted lives in one node's memory alone.
 */
public final class CallIntake {

    private final Vertx vertx;
    private final Catalog catalog;
    private final CallStore store;

    /**
     * @param vertx   the node
     * @param catalog the deployed functions
     * @param store   the calls
     */
    public CallIntake(Vertx vertx, Catalog catalog, CallStore store) {
        this.vertx = vertx;
        this.catalog = catalog;
        this.store = store;
    }

    /**
     * @param function the function
     * @param method   the HTTP method
     * @param path     the sub-path
     * @param query    the raw query, or {@code null}
     * @param headers  the caller's headers
     * @param body     the body
     * @param callback the callback URL, or {@code null}
     * @return the accepted call, status {@code queued}
     */
    public Future<CallRecord> accept(String function, String method, String path, String query, MultiMap headers,
                                     Buffer body, String callback) {
        FunctionRecord record;
        try {
            if (function.contains("@")) {
                throw Failure.BAD_REQUEST.exception("an async call runs the function's default route (its traffic split, "
                    + "sticky per call id); '@alias' and '@revision' pin sync and WebSocket calls only");
            }
            record = catalog.require(function);
            checkCallback(callback);
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
        // Unguessable: the id is the handle to the call's result.
        CallRecord call = CallRecord.accepted(UUID.randomUUID().toString(), function, method, path, query, headers, body,
            callback, System.currentTimeMillis());
        int maxQueue = record.spec().maxQueue();
        return vertx.executeBlocking(() -> {
            store.accept(call, maxQueue);
            return call;
        }, false);
    }

    static void checkCallback(String callback) {
        if (callback == null) {
            return;
        }
        try {
            URI uri = new URI(callback);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase();
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
                throw Failure.BAD_REQUEST.exception("X-Callback-Url must be an absolute http or https URL, was '" + callback + "'");
            }
        } catch (URISyntaxException e) {
            throw Failure.BAD_REQUEST.exception("X-Callback-Url is not a URL: " + e.getMessage());
        }
    }
}
