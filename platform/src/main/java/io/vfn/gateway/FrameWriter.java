package io.vfn.gateway;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonObject;
import io.vfn.VfnException;
import io.vfn.scheduler.Bodies;
import io.vfn.scheduler.CallRecord;
import java.util.ArrayDeque;

/**
 * Writes frames to one socket with a bounded queue: a slow reader is paused (no more of its frames are read), and
 * past {@link #MAX_PENDING} frames or {@link #MAX_PENDING_BYTES} waiting it is closed with {@code 1013}, never buffered
 * forever. Frames sent from other threads (pushed ends of calls) are handed to the socket's own context first.
 */
final class FrameWriter {

    /** The most frames waiting for a slow reader. */
    static final int MAX_PENDING = 1_000;
    /** The most characters of frames waiting for a slow reader. */
    static final long MAX_PENDING_BYTES = 8L << 20;

    private final ServerWebSocket socket;
    private final Context context;
    private final ArrayDeque<String> pending = new ArrayDeque<>();
    private long pendingBytes;

    /**
     * @param socket the socket, on its own context (the caller's)
     */
    FrameWriter(ServerWebSocket socket) {
        this.socket = socket;
        this.context = Vertx.currentContext();
        socket.drainHandler(v -> flush());
    }

    /**
     * @param id         the frame id the caller gave
     * @param call       an ended call
     * @param privileged whether the subscriber showed the function's key: it is then told a failed function's cause
     */
    void ended(String id, CallRecord call, boolean privileged) {
        JsonObject result = call.result();
        if (result == null) {
            send(errorFrame(id, CallsHandler.withoutResult(call, privileged), false)
                    .put("callId", call.callId()));
        } else {
            result(id, call.callId(), result);
        }
    }

    /**
     * @param id     the frame id the caller gave
     * @param callId the call
     * @param result its result ({@code statusCode}, {@code headers}, body)
     */
    void result(String id, String callId, JsonObject result) {
        JsonObject frame = new JsonObject()
                .put("op", "result")
                .put("id", id)
                .put("callId", callId)
                .put("status", result.getInteger("statusCode"))
                .put("headers", result.getJsonObject("headers"));
        Bodies.put(frame, result.getString("contentType"), Bodies.raw(result));
        send(frame);
    }

    /**
     * @param id      the frame id the caller gave, or {@code null}
     * @param failure what went wrong
     */
    void error(String id, VfnException failure) {
        error(id, failure, false);
    }

    /**
     * @param id         the frame id the caller gave, or {@code null}
     * @param failure    what went wrong
     * @param privileged whether the frame showed the function's key: it is then told a failed function's cause
     */
    void error(String id, VfnException failure, boolean privileged) {
        send(errorFrame(id, failure, privileged));
    }

    private static JsonObject errorFrame(String id, VfnException failure, boolean privileged) {
        return new JsonObject()
                .put("op", "error")
                .put("id", id)
                .put("status", failure.failure().status())
                .put("title", failure.failure().title())
                .put("detail", failure.detailFor(privileged));
    }

    /** @param frame a frame to write, or to queue while the reader is slow */
    void send(JsonObject frame) {
        if (context != null && Vertx.currentContext() != context) {
            context.runOnContext(v -> send(frame));
            return;
        }
        if (socket.isClosed()) {
            return;
        }
        String text = frame.encode();
        if (!pending.isEmpty() || socket.writeQueueFull()) {
            if (pending.size() >= MAX_PENDING || pendingBytes + text.length() > MAX_PENDING_BYTES) {
                pending.clear();
                pendingBytes = 0;
                socket.close((short) 1013, "reader too slow");
                return;
            }
            pending.add(text);
            pendingBytes += text.length();
            socket.pause();
            return;
        }
        socket.writeTextMessage(text);
    }

    private void flush() {
        while (!pending.isEmpty() && !socket.writeQueueFull()) {
            String text = pending.poll();
            pendingBytes -= text.length();
            socket.writeTextMessage(text);
        }
        if (pending.isEmpty()) {
            socket.resume();
        }
    }
}
