package io.vfn.sdk.client.impl;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vfn.sdk.client.InvokeResponse;
import io.vfn.sdk.client.VfnClientException;
import io.vfn.sdk.client.VfnClientOptions;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * Waits for async calls to end: every waiting call is subscribed on one shared {@code /ws} socket (opened on the
 * first wait, reopened after it closed), and polled through {@code GET /calls/{id}/result} when no socket can be
 * opened or the socket closes while calls still wait.
 */
final class CallWatcher {

    private final Vertx vertx;
    private final VfnClientOptions options;
    private final Function<String, Future<Optional<InvokeResponse>>> results;
    private final WebSocketClient sockets;
    /** Call id → those waiting for its end; an entry leaves the map when the call is answered. */
    private final Map<String, List<Promise<InvokeResponse>>> waiting = new ConcurrentHashMap<>();

    private Future<WebSocket> socket;
    private volatile boolean closed;

    /**
     * @param vertx   the client's Vert.x
     * @param options where the gateway is, how often to poll
     * @param results reads a call's exact result ({@code GET /calls/{id}/result}); empty while pending
     */
    CallWatcher(Vertx vertx, VfnClientOptions options, Function<String, Future<Optional<InvokeResponse>>> results) {
        this.vertx = vertx;
        this.options = options;
        this.results = results;
        this.sockets = vertx.createWebSocketClient();
    }

    /**
     * @param callId an async call
     * @return its answer once it ended
     */
    Future<InvokeResponse> watch(String callId) {
        Promise<InvokeResponse> promise = Promise.promise();
        if (closed) {
            promise.fail(closedFailure());
            return promise.future();
        }
        waiting.computeIfAbsent(callId, id -> new CopyOnWriteArrayList<>()).add(promise);
        JsonObject subscribe =
                new JsonObject().put("op", "subscribe").put("id", callId).put("callId", callId);
        // A call of an auth: key function is pushed only to a frame that carries the function's key.
        options.key().ifPresent(key -> subscribe.put("key", key));
        socket().onSuccess(open -> open.writeTextMessage(subscribe.encode()).onFailure(notSent -> poll(callId)))
                .onFailure(noSocket -> poll(callId));
        return promise.future();
    }

    /** Closes the socket; calls still waiting fail. */
    Future<Void> close() {
        closed = true;
        waiting.keySet().forEach(callId -> fail(callId, closedFailure()));
        return sockets.close();
    }

    private synchronized Future<WebSocket> socket() {
        if (socket == null || socket.failed()) {
            URI gateway = options.gateway();
            boolean ssl = "https".equals(gateway.getScheme());
            WebSocketConnectOptions connect = new WebSocketConnectOptions()
                    .setHost(gateway.getHost())
                    .setPort(gateway.getPort() > 0 ? gateway.getPort() : ssl ? 443 : 80)
                    .setSsl(ssl)
                    .setURI(gateway.getRawPath() + "/ws")
                    .setTimeout(options.requestTimeout().toMillis())
                    // Not a browser: no Origin header, which the gateway checks only for browsers' handshakes.
                    .setAllowOriginHeader(false);
            Future<WebSocket> connecting = sockets.connect(connect);
            connecting.onSuccess(open -> {
                open.textMessageHandler(this::onFrame);
                open.closeHandler(v -> onClose(connecting));
            });
            socket = connecting;
        }
        return socket;
    }

    private void onClose(Future<WebSocket> closedSocket) {
        synchronized (this) {
            if (socket == closedSocket) {
                socket = null;
            }
        }
        // Calls subscribed on the closed socket are polled from now on.
        waiting.keySet().forEach(this::poll);
    }

    private void onFrame(String text) {
        JsonObject frame;
        try {
            frame = new JsonObject(text);
        } catch (DecodeException e) {
            return;
        }
        String callId = Optional.ofNullable(frame.getString("callId")).orElse(frame.getString("id"));
        if (callId == null || !waiting.containsKey(callId)) {
            return;
        }
        if ("result".equals(frame.getString("op")) && FrameBodies.exact(frame)) {
            MultiMap headers = MultiMap.caseInsensitiveMultiMap();
            frame.getJsonObject("headers", new JsonObject())
                    .forEach(h -> headers.add(h.getKey(), String.valueOf(h.getValue())));
            headers.set("X-Call-Id", callId);
            complete(callId, new InvokeResponse(frame.getInteger("status", 200), headers, FrameBodies.bytes(frame)));
        } else {
            // A JSON body re-encoded in the frame, or an error: the stored result (or its problem) is exact.
            fetch(callId);
        }
    }

    private void fetch(String callId) {
        results.apply(callId)
                .onSuccess(result -> {
                    if (result.isPresent()) {
                        complete(callId, result.get());
                    } else {
                        poll(callId);
                    }
                })
                .onFailure(failure -> fail(callId, failure));
    }

    private void poll(String callId) {
        if (closed) {
            fail(callId, closedFailure());
        } else if (waiting.containsKey(callId)) {
            vertx.setTimer(options.pollInterval().toMillis(), t -> {
                if (waiting.containsKey(callId)) {
                    fetch(callId);
                }
            });
        }
    }

    private void complete(String callId, InvokeResponse response) {
        Optional.ofNullable(waiting.remove(callId)).ifPresent(all -> all.forEach(p -> p.tryComplete(response)));
    }

    private void fail(String callId, Throwable failure) {
        Optional.ofNullable(waiting.remove(callId)).ifPresent(all -> all.forEach(p -> p.tryFail(failure)));
    }

    private static VfnClientException closedFailure() {
        return new VfnClientException(
                "urn:vfn:client:closed",
                "Client closed",
                0,
                "the client was closed before the call ended",
                Optional.empty(),
                Optional.empty());
    }
}
