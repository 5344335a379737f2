package io.vfn.gateway;

import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vfn.Failure;
import io.vfn.VfnException;
import io.vfn.catalog.Catalog;
import io.vfn.metrics.VfnMetrics;
import io.vfn.runtime.CallFailures;
import io.vfn.runtime.Invocation;
import io.vfn.runtime.Invoker;
import io.vfn.runtime.Route;
import io.vfn.scheduler.Bodies;
import io.vfn.scheduler.CallRecord;
import io.vfn.scheduler.CallSubscriptions;
import io.vfn.scheduler.Calls;
import java.util.Base64;
import java.util.Map;

/**
 * {@code GET /ws}: JSON text frames to invoke ({@code invoke}), to call async ({@code invokeAsync}, whose result
 * is pushed) and to {@code subscribe} to a call's end, wherever in the cluster it runs. {@code invoke} goes through
 * the same {@link Invoker} as HTTP sync: the same admission, drain accounting, resend and failures. A malformed frame
 * gets an {@code error} frame and the socket stays open.
 */
public final class WebSocketHandler implements Handler<ServerWebSocket> {

    /** The route of the socket. */
    public static final String PATH = "/ws";

    private final Invoker invoker;
    private final Catalog catalog;
    private final Calls calls;
    private final CallSubscriptions subscriptions;
    private final VfnMetrics metrics;
    private final InvokeKeyHandler keys;

    /**
     * @param invoker       takes calls to functions, as for HTTP
     * @param catalog       the deployed functions (failures are counted for deployed ones only)
     * @param calls         accepts async calls
     * @param subscriptions this node's waiting sockets
     * @param metrics       where invocations are counted
     * @param keys          the invoke-key step: a frame for an {@code auth: key} function carries its {@code key}
     */
    public WebSocketHandler(
            Invoker invoker,
            Catalog catalog,
            Calls calls,
            CallSubscriptions subscriptions,
            VfnMetrics metrics,
            InvokeKeyHandler keys) {
        this.keys = keys;
        this.invoker = invoker;
        this.catalog = catalog;
        this.calls = calls;
        this.subscriptions = subscriptions;
        this.metrics = metrics;
    }

    @Override
    public void handle(ServerWebSocket socket) {
        FrameWriter writer = new FrameWriter(socket);
        socket.textMessageHandler(text -> onFrame(writer, text));
        socket.binaryMessageHandler(
                binary -> writer.error(null, Failure.BAD_REQUEST.exception("send JSON text frames")));
    }

    private void onFrame(FrameWriter writer, String text) {
        JsonObject frame;
        try {
            frame = new JsonObject(text);
        } catch (DecodeException e) {
            writer.error(null, Failure.BAD_REQUEST.exception("a frame must be a JSON object: " + e.getMessage()));
            return;
        }
        String id = frame.getValue("id") == null ? null : String.valueOf(frame.getValue("id"));
        try {
            switch (String.valueOf(frame.getValue("op"))) {
                case "invoke" -> invoke(writer, id, frame);
                case "invokeAsync" -> invokeAsync(writer, id, frame);
                case "subscribe" -> subscribe(writer, id, required(frame, "callId"), frame);
                default -> throw Failure.BAD_REQUEST.exception("op must be invoke, invokeAsync or subscribe");
            }
        } catch (VfnException e) {
            writer.error(id, e);
        } catch (ClassCastException | IllegalArgumentException e) {
            writer.error(id, Failure.BAD_REQUEST.exception("malformed frame: " + e.getMessage()));
        }
    }

    private void invoke(FrameWriter writer, String id, JsonObject frame) {
        long start = System.nanoTime();
        String target = required(frame, "function");
        String name = Route.functionOf(target);
        String callId = CallIds.fresh();
        MultiMap headers = credentials(frame);
        boolean keyShown = keyChecked(name, headers);
        Invocation call = new Invocation(
                frame.getString("method", "POST"),
                frame.getString("path", "/"),
                null,
                callId,
                headers,
                body(frame, headers));
        invoker.invoke(target, call, Long.MAX_VALUE)
                .onSuccess(reply -> {
                    metrics.invocation(
                            name,
                            VfnMetrics.Mode.WEBSOCKET,
                            reply.status() < 400 ? "success" : "error",
                            System.nanoTime() - start);
                    writer.result(id, callId, Bodies.result(reply.status(), reply.headers(), reply.body()));
                })
                .onFailure(cause -> {
                    VfnException failure = CallFailures.of(name, cause);
                    // Labels stay bounded: only deployed functions are counted.
                    if (catalog.get(name).isPresent()) {
                        metrics.invocation(
                                name,
                                VfnMetrics.Mode.WEBSOCKET,
                                VfnMetrics.outcomeOf(failure.failure()),
                                System.nanoTime() - start);
                    }
                    writer.error(id, failure, keyShown);
                });
    }

    private void invokeAsync(FrameWriter writer, String id, JsonObject frame) {
        String target = required(frame, "function");
        String name = Route.functionOf(target);
        MultiMap headers = credentials(frame);
        boolean keyShown = keyChecked(name, headers);
        calls.accept(
                        target,
                        frame.getString("method", "POST"),
                        frame.getString("path", "/"),
                        "",
                        headers,
                        body(frame, headers),
                        frame.getString("callback"))
                .onSuccess(call -> {
                    writer.send(
                            new JsonObject().put("op", "accepted").put("id", id).put("callId", call.callId()));
                    subscriptions.subscribe(call.callId(), ended -> writer.ended(id, ended, keyShown));
                })
                .onFailure(cause -> writer.error(id, CallFailures.of(name, cause)));
    }

    /** A call of an {@code auth: key} function is pushed only to a frame that carries that function's key. */
    private void subscribe(FrameWriter writer, String id, String callId, JsonObject frame) {
        calls.find(callId)
                .map(call -> keys.allow(call, credentials(frame)))
                .compose(keyShown -> subscriptions.subscribe(callId, ended -> writer.ended(id, ended, keyShown)))
                .onSuccess(exists -> {
                    if (!exists) {
                        writer.error(id, Failure.CALL_NOT_FOUND.exception("no call " + callId));
                    }
                })
                .onFailure(cause -> writer.error(
                        id,
                        cause instanceof VfnException known
                                ? known
                                : Failure.INTERNAL.exception("call " + callId + " could not be read")));
    }

    private static String required(JsonObject frame, String field) {
        Object value = frame.getValue(field);
        if (!(value instanceof String text) || text.isBlank()) {
            throw Failure.BAD_REQUEST.exception("the frame needs a string '" + field + "'");
        }
        return text;
    }

    /**
     * The invoke-key step for a frame.
     *
     * @return whether the frame showed the function's key (it is then told a failed function's cause)
     */
    private boolean keyChecked(String name, MultiMap headers) {
        return catalog.get(name)
                .map(function -> keys.require(function, headers))
                .orElse(false);
    }

    /** A frame's headers with its key: a key goes per frame, in its {@code key} field (or a header of its own). */
    private static MultiMap credentials(JsonObject frame) {
        MultiMap headers = headers(frame);
        Object key = frame.getValue("key");
        if (key != null) {
            headers.set(InvokeKeyHandler.API_KEY_HEADER, String.valueOf(key));
        }
        return headers;
    }

    private static MultiMap headers(JsonObject frame) {
        MultiMap headers = MultiMap.caseInsensitiveMultiMap();
        JsonObject given = frame.getJsonObject("headers", new JsonObject());
        for (Map.Entry<String, Object> header : given) {
            headers.add(header.getKey(), String.valueOf(header.getValue()));
        }
        return headers;
    }

    /** The frame's body: {@code bodyBase64} bytes, a string as text, any other JSON value as JSON. */
    private static Buffer body(JsonObject frame, MultiMap headers) {
        if (frame.containsKey("bodyBase64")) {
            return Buffer.buffer(Base64.getDecoder().decode(frame.getString("bodyBase64")));
        }
        Object body = frame.getValue("body");
        if (body == null) {
            return Buffer.buffer();
        }
        if (body instanceof String text) {
            if (!headers.contains("Content-Type")) {
                headers.add("Content-Type", "text/plain; charset=utf-8");
            }
            return Buffer.buffer(text);
        }
        if (!headers.contains("Content-Type")) {
            headers.add("Content-Type", "application/json");
        }
        return Buffer.buffer(io.vertx.core.json.Json.encode(body));
    }

    /** Writes frames to one socket with a bounded queue: a slow reader is paused, then dropped, never buffered forever. */
    private static final class FrameWriter {
        private static final int MAX_PENDING = 1_000;

        private final ServerWebSocket socket;
        private final java.util.ArrayDeque<String> pending = new java.util.ArrayDeque<>();

        FrameWriter(ServerWebSocket socket) {
            this.socket = socket;
            socket.drainHandler(v -> flush());
        }

        void ended(String id, CallRecord call, boolean privileged) {
            JsonObject result = call.result();
            if (result == null) {
                send(errorFrame(id, CallsHandler.withoutResult(call, privileged), false)
                        .put("callId", call.callId()));
            } else {
                result(id, call.callId(), result);
            }
        }

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

        void error(String id, VfnException failure) {
            error(id, failure, false);
        }

        /** @param privileged whether the frame showed the function's key: it is then told a failed function's cause */
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

        void send(JsonObject frame) {
            if (socket.isClosed()) {
                return;
            }
            if (!pending.isEmpty() || socket.writeQueueFull()) {
                if (pending.size() >= MAX_PENDING) {
                    socket.close((short) 1013, "reader too slow");
                    return;
                }
                pending.add(frame.encode());
                socket.pause();
                return;
            }
            socket.writeTextMessage(frame.encode());
        }

        private void flush() {
            while (!pending.isEmpty() && !socket.writeQueueFull()) {
                socket.writeTextMessage(pending.poll());
            }
            if (pending.isEmpty()) {
                socket.resume();
            }
        }
    }
}
