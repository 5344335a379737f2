package io.vfn.gateway;

import io.vfn.config.VfnOptions;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the node's gateway instances share of their bounds: the request bytes in flight and the open connections.
 *
 * @param bodies      request bytes held for calls in flight
 * @param connections open HTTP connections
 */
public record HttpBounds(InflightBodies bodies, AtomicInteger connections) {

    /**
     * @param options the node's settings
     * @return the bounds of a node, nothing held yet
     */
    public static HttpBounds create(VfnOptions options) {
        return new HttpBounds(new InflightBodies(options.maxInflightBody()), new AtomicInteger());
    }
}
