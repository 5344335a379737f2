package io.vfn.sdk.impl;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.MessageCodec;

/**
 * The codec of calls that stay in their node ({@code localOnly} sends to a function's node-local address): the body
 * is handed over as it is, not copied as Vert.x's own buffer codec does for every local delivery. The caller never
 * touches a body after sending it. Such a message never crosses the wire, so it has no wire form.
 */
public final class LocalCallCodec implements MessageCodec<Buffer, Buffer> {

    /** The codec's name, for {@link io.vertx.core.eventbus.DeliveryOptions#setCodecName}. */
    public static final String NAME = "vfn.local-call";

    /**
     * Registers the codec on a node's event bus, once.
     *
     * @param bus the event bus
     */
    public static void register(EventBus bus) {
        bus.registerCodec(new LocalCallCodec());
    }

    @Override
    public void encodeToWire(Buffer wire, Buffer body) {
        throw new UnsupportedOperationException("a node-local call never leaves its node");
    }

    @Override
    public Buffer decodeFromWire(int pos, Buffer wire) {
        throw new UnsupportedOperationException("a node-local call never leaves its node");
    }

    @Override
    public Buffer transform(Buffer body) {
        return body;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public byte systemCodecID() {
        return -1;
    }
}
