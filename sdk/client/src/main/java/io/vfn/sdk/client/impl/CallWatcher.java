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
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Waits for async calls to end: subscribes on {@code /ws} (one socket per waiting call, closed once it is answered)
 * and falls back to polling {@code GET /calls/{id}/result} when no socket can be opened or it closes early.
 */
final class CallWatcher {

    private final Vertx vertx;
    private final VfnClientOptions options;
    private final Function<String, Future<Optional<InvokeResponse>>> results;
    private final WebSocketClient sockets;
    private final Set<Promise<InvokeResponse>> pending = ConcurrentHashMap.newKeySet();
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
        pending.add(promise);
        promise.future().onComplete(done -> pending.remove(promise));
        URI gateway = options.gateway();
        boolean ssl = "https".equals(gateway.getScheme());
        WebSocketConnectOptions connect = new WebSocketConnectOptions().setHost(gateway.getHost())
            .setPort(gateway.getPort() > 0 ? gateway.getPort() : ssl ? 443 : 80).setSsl(ssl)
            .setURI(gateway.getRawPath() + "/ws").setTimeout(options.requestTimeout().toMillis());
        sockets.connect(connect).onSuccess(socket -> {
            socket.textMessageHandler(text -> onFrame(socket, callId, text, promise));
            socket.closeHandler(v -> {
                if (!promise.future().isComplete()) {
                    poll(callId, promise);
                }
            });
            socket.writeTextMessage(new JsonObject().put("op", "subscribe").put("id", callId).put("callId", callId).encode());
        }).onFailure(noSocket -> poll(callId, promise));
        return promise.future();
    }

    private void onFrame(WebSocket socket, String callId, String text, Promise<InvokeResponse> promise) {
        JsonObject frame;
        try {
            frame = new JsonObject(text);
        } catch (DecodeException e) {
            return;
        }
        if (!callId.equals(frame.getString("callId")) && !callId.equals(frame.getString("id"))) {
            return;
        }
        socket.close();
        if ("result".equals(frame.getString("op")) && FrameBodies.exact(frame)) {
            MultiMap headers = MultiMap.caseInsensitiveMultiMap();
            frame.getJsonObject("headers", new JsonObject()).forEach(h -> headers.add(h.getKey(), String.valueOf(h.getValue())));
            headers.set("X-Call-Id", callId);
            promise.tryComplete(new InvokeResponse(frame.getInteger("status", 200), headers, FrameBodies.bytes(frame)));
        } else {
            // A JSON body re-encoded in the frame, or an error: the stored result (or problem) is exact.
            fetch(callId, promise);
        }
    }

    private void fetch(String callId, Promise<InvokeResponse> promise) {
        results.apply(callId).onSuccess(result -> {
            if (result.isPresent()) {
                promise.tryComplete(result.get());
            } else {
                poll(callId, promise);
            }
        }).onFailure(promise::tryFail);
    }

    private void poll(String callId, Promise<InvokeResponse> promise) {
        if (closed) {
            promise.tryFail(closedFailure());
            return;
        }
        vertx.setTimer(options.pollInterval().toMillis(), t -> fetch(callId, promise));
    }

    /** @return completes once the sockets are closed; calls still waiting fail */
    Future<Void> close() {
        closed = true;
        pending.forEach(p -> p.tryFail(closedFailure()));
        return sockets.close();
    }

    private static VfnClientException closedFailure() {
        return new VfnClientException("urn:vfn:client:closed", "Client closed", 0,
            "the client was closed before the call ended", Optional.empty(), Optional.empty());
    }
}
