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
    private final Handler<ServerWebSocket> closed;

    /**
     * @param invoker       takes calls to functions, as for HTTP
     * @param catalog       the deployed functions (failures are counted for deployed ones only)
     * @param calls         accepts async calls
     * @param subscriptions this node's waiting sockets
     * @param metrics       where invocations are counted
     * @param keys          the invoke-key step: a frame for an {@code auth: key} function carries its {@code key}
     * @param closed        told when a socket closed
     */
    public WebSocketHandler(
            Invoker invoker,
            Catalog catalog,
            Calls calls,
            CallSubscriptions subscriptions,
            VfnMetrics metrics,
            InvokeKeyHandler keys,
            Handler<ServerWebSocket> closed) {
        this.keys = keys;
        this.closed = closed;
        this.invoker = invoker;
        this.catalog = catalog;
        this.calls = calls;
        this.subscriptions = subscriptions;
        this.metrics = metrics;
    }

    @Override
    public void handle(ServerWebSocket socket) {
        FrameWriter writer = new FrameWriter(socket);
        SocketSubscriptions held = new SocketSubscriptions(subscriptions);
        socket.closeHandler(v -> {
            held.closeAll();
            closed.handle(socket);
        });
        socket.textMessageHandler(text -> onFrame(writer, held, text));
        socket.binaryMessageHandler(
                binary -> writer.error(null, Failure.BAD_REQUEST.exception("send JSON text frames")));
    }

    private void onFrame(FrameWriter writer, SocketSubscriptions held, String text) {
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
                case "invokeAsync" -> invokeAsync(writer, held, id, frame);
                case "subscribe" -> subscribe(writer, held, id, required(frame, "callId"), frame);
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

    private void invokeAsync(FrameWriter writer, SocketSubscriptions held, String id, JsonObject frame) {
        String target = required(frame, "function");
        String name = Route.functionOf(target);
        MultiMap headers = credentials(frame);
        boolean keyShown = keyChecked(name, headers);
        String method = frame.getString("method", "POST");
        String path = frame.getString("path", "/");
        Buffer body = body(frame, headers);
        String callback = frame.getString("callback");
        // Refused before the call is accepted: a call whose end could not be pushed is not worth taking.
        held.take();
        calls.accept(target, method, path, "", headers, body, callback)
                .onSuccess(call -> {
                    writer.send(
                            new JsonObject().put("op", "accepted").put("id", id).put("callId", call.callId()));
                    held.subscribe(call.callId(), ended -> writer.ended(id, ended, keyShown));
                })
                .onFailure(cause -> {
                    held.giveBack();
                    writer.error(id, CallFailures.of(name, cause));
                });
    }

    /**
     * A call of an {@code auth: key} function is pushed only to a frame that carries that function's key. Only the
     * call's function and status are read to decide; its record once it ended.
     */
    private void subscribe(FrameWriter writer, SocketSubscriptions held, String id, String callId, JsonObject frame) {
        held.take();
        calls.brief(callId)
                .map(brief -> keys.allow(brief.function(), credentials(frame)))
                .onFailure(cause -> held.giveBack())
                .compose(keyShown -> held.subscribe(callId, ended -> writer.ended(id, ended, keyShown)))
                .onSuccess(exists -> {
                    if (!exists) {
                        writer.error(id, Failure.CALL_NOT_FOUND.exception("no call " + callId));
                    }
                })
                .onFailure(cause -> writer.error(
                        id,
                        cause instanceof VfnException known
                                ? known
                                : Failure.UNAVAILABLE.exception("the call store did not answer for call " + callId)));
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
}
