package io.vfn.runtime;

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

    private final WireRequest request;
    private DeliveryOptions busOptions;

    /**
     * @param request the call; its headers are the ones the function sees (the caller's, without {@code :}-entries,
     *                and the call's trace), handed over
     */
    OutgoingCall(WireRequest request) {
        this.request = request;
    }

    /** @return the body */
    Buffer body() {
        return request.body();
    }

    /**
     * @return the call as an instance on this node takes it; only the instance that runs it (a call that never ran is
     *     handed over again, unchanged) may change its headers
     */
    WireRequest direct() {
        return request;
    }

    /** @return the message's headers and send timeout, made on the first call */
    DeliveryOptions busOptions() {
        if (busOptions == null) {
            busOptions = Wire.requestOptions(request);
        }
        return busOptions;
    }
}
