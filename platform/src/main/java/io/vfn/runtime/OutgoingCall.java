package io.vfn.runtime;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vfn.sdk.impl.Wire;
import io.vfn.sdk.impl.WireRequest;

/**
 * A call on its way to an instance, in the two forms it may travel in: handed to an instance on this node as it is
 * ({@link #direct}), or as an event-bus message, its fields as pseudo-headers ({@link #busOptions}, made once, on the
 * first send that needs it).
 */
final class OutgoingCall {

    private final String method;
    private final String path;
    private final String rawQuery;
    private final String callId;
    private final long deadlineMillis;
    private final MultiMap headers;
    private final Buffer body;
    private DeliveryOptions busOptions;

    /**
     * @param headers the headers the function sees (the caller's, without {@code :}-entries, and the call's trace);
     *                handed over
     */
    OutgoingCall(
            String method,
            String path,
            String rawQuery,
            String callId,
            long deadlineMillis,
            MultiMap headers,
            Buffer body) {
        this.method = method;
        this.path = path;
        this.rawQuery = rawQuery;
        this.callId = callId;
        this.deadlineMillis = deadlineMillis;
        this.headers = headers;
        this.body = body;
    }

    /** @return the body */
    Buffer body() {
        return body;
    }

    /**
     * @return the call as an instance on this node takes it; only the instance that runs it (a call that never ran is
     *     handed over again, unchanged) may change its headers
     */
    WireRequest direct() {
        return new WireRequest(method, path, rawQuery, callId, deadlineMillis, headers, body);
    }

    /** @return the message's headers and send timeout, made on the first call */
    DeliveryOptions busOptions() {
        if (busOptions == null) {
            busOptions = Wire.requestOptions(
                    method,
                    path,
                    rawQuery,
                    callId,
                    deadlineMillis,
                    MultiMap.caseInsensitiveMultiMap().addAll(headers));
        }
        return busOptions;
    }
}
