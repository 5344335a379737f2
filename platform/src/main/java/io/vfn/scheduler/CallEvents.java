package io.vfn.scheduler;

import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;

/** Tells every node that an async call ended, so that sockets subscribed anywhere get its result. */
public final class CallEvents {

    /** Published to every node: {@code {"callId": …, "status": …}}. */
    public static final String ENDED = "vfn.calls.ended";

    private CallEvents() {}

    /**
     * @param bus  the clustered event bus
     * @param call the call that ended
     */
    public static void ended(EventBus bus, CallRecord call) {
        bus.publish(
                ENDED,
                new JsonObject()
                        .put("callId", call.callId())
                        .put("status", call.status().label()));
    }
}
