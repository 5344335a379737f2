package io.vfn.scheduler;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * Tells every node that async calls ended, so that sockets subscribed anywhere get their results. The ends of one
 * event-loop turn go out together in one clustered publish: one message per node for a batch of ends, not one per
 * call (each is a message to every other node).
 */
public final class CallEvents {

    /** Published to every node: {@code {"calls": [{"callId": …, "status": …}, …]}}. */
    public static final String ENDED = "vfn.calls.ends";
    /**
     * What a node of the previous release publishes, one call at a time: {@code {"callId": …, "status": …}}. Still
     * heard, so that a rolling upgrade loses no push; nothing publishes to it any more.
     */
    public static final String ENDED_ONE_BY_ONE = "vfn.calls.ended";

    private final Vertx vertx;
    /** Ends not published yet, oldest first; guarded by {@code this}. */
    private List<JsonObject> pending = new ArrayList<>();

    /** @param vertx the node, whose clustered event bus carries the news */
    public CallEvents(Vertx vertx) {
        this.vertx = vertx;
    }

    /**
     * Publishes a call's end, with the others that end in the same turn of the caller's event loop.
     *
     * @param call the call that ended (its end stored)
     */
    public void ended(CallRecord call) {
        JsonObject end = new JsonObject()
                .put("callId", call.callId())
                .put("status", call.status().label());
        boolean first;
        synchronized (this) {
            first = pending.isEmpty();
            pending.add(end);
        }
        if (first) {
            // After what the event loop has queued already: the ends it completes meanwhile join this message.
            vertx.getOrCreateContext().runOnContext(v -> publish());
        }
    }

    private void publish() {
        List<JsonObject> ends;
        synchronized (this) {
            ends = pending;
            pending = new ArrayList<>();
        }
        vertx.eventBus().publish(ENDED, new JsonObject().put("calls", new JsonArray(ends)));
    }

    /**
     * @param message what a node published to {@link #ENDED} or {@link #ENDED_ONE_BY_ONE}
     * @return the ids of the calls that ended
     */
    static List<String> callIds(JsonObject message) {
        JsonArray calls = message.getJsonArray("calls");
        if (calls == null) {
            String callId = message.getString("callId");
            return callId == null ? List.of() : List.of(callId);
        }
        List<String> ids = new ArrayList<>(calls.size());
        for (int i = 0; i < calls.size(); i++) {
            String callId = calls.getJsonObject(i).getString("callId");
            if (callId != null) {
                ids.add(callId);
            }
        }
        return ids;
    }
}
