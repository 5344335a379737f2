package io.vfn.scheduler;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vfn.Failure;
import io.vfn.VfnException;
import io.vfn.callback.CallbackDestination;
import io.vfn.callback.CallbackSigner;
import io.vfn.callback.CallbackUrls;
import io.vfn.callback.DestinationGuard;
import io.vfn.metrics.VfnMetrics;
import java.util.Optional;

/**
 * Delivers an ended call's result to its callback URL: a {@code POST} of the function's body and content type
 * with {@code X-Call-Id}, {@code X-Function-Name}, {@code X-Function-Status}, {@code X-Duration-Seconds} and the
 * call's {@code traceparent} (and {@code tracestate}), signed by
 * the {@link CallbackSigner} afresh for each attempt. A 5xx, 429 or connection failure is retried
 * with back-off; the call's record shows the delivery's state. Before each attempt the {@link DestinationGuard}
 * checks where the URL resolves now, and the request goes to the address it checked; a refused destination ends
 * the delivery at once. Never blocks the scheduler.
 */
public final class CallbackSender {

    /** Attempts before a delivery is given up. */
    public static final int MAX_ATTEMPTS = 6;

    private static final System.Logger LOG = System.getLogger(CallbackSender.class.getName());

    private final Vertx vertx;
    private final WebClient client;
    private final CallStore store;
    private final VfnMetrics metrics;
    private final DestinationGuard guard;
    private final CallbackSigner signer;

    /**
     * @param vertx   the node
     * @param store   the calls, whose records show the delivery's state
     * @param metrics where deliveries are counted
     * @param guard   decides where callbacks may go
     * @param signer  signs each attempt
     */
    public CallbackSender(
            Vertx vertx, CallStore store, VfnMetrics metrics, DestinationGuard guard, CallbackSigner signer) {
        this.vertx = vertx;
        this.client = WebClient.create(
                vertx,
                new WebClientOptions()
                        .setConnectTimeout(5_000)
                        .setIdleTimeout(30)
                        .setFollowRedirects(false));
        this.store = store;
        this.metrics = metrics;
        this.guard = guard;
        this.signer = signer;
    }

    /**
     * Starts (or, for a delivery another node left unfinished, goes on with) delivering an ended call's callback;
     * returns at once.
     *
     * @param call the ended call, with a callback
     */
    public void deliver(CallRecord call) {
        JsonObject result = call.result();
        Buffer body = result == null ? Buffer.buffer() : Bodies.raw(result);
        MultiMap headers = MultiMap.caseInsensitiveMultiMap()
                .add("X-Call-Id", call.callId())
                .add("X-Function-Name", call.function())
                .add("X-Function-Status", Integer.toString(functionStatus(call)))
                .add("X-Call-Status", call.status().label())
                .add("X-Duration-Seconds", seconds(call));
        Optional.ofNullable(result)
                .map(r -> r.getString("contentType"))
                .ifPresent(type -> headers.add("Content-Type", type));
        // The receiver's work joins the caller's trace, beside the call's attempts.
        call.trace().ifPresent(trace -> trace.writeTo(headers));
        int next = call.callback().getInteger("attempts", 0) + 1;
        vertx.runOnContext(v -> attempt(call.callId(), call.callback().getString("url"), headers, body, next));
    }

    private void attempt(String callId, String url, MultiMap headers, Buffer body, int attempt) {
        MultiMap signed = MultiMap.caseInsensitiveMultiMap().addAll(headers);
        signer.sign(signed, callId, System.currentTimeMillis() / 1000, body);
        guard.check(url).compose(destination -> post(destination, signed, body)).onComplete(sent -> {
            Integer status = sent.succeeded() ? sent.result().statusCode() : null;
            boolean refused =
                    sent.failed() && sent.cause() instanceof VfnException e && e.failure() == Failure.CALLBACK_REFUSED;
            boolean retryable = !refused && (status == null || status >= 500 || status == 429);
            CallbackState state = retryable
                    ? (attempt < MAX_ATTEMPTS ? CallbackState.RETRYING : CallbackState.FAILED)
                    : status != null && status < 400 ? CallbackState.DELIVERED : CallbackState.FAILED;
            metrics.callbackDelivery(state == CallbackState.RETRYING ? "retry" : state.label());
            String detail = sent.succeeded()
                    ? "status " + status
                    : (refused ? "refused: " : "") + sent.cause().getMessage();
            if (state == CallbackState.FAILED) {
                LOG.log(
                        System.Logger.Level.WARNING,
                        "callback of call " + callId + " to " + CallbackUrls.redacted(url) + " failed: " + detail);
            }
            // The next attempt waits for this one's state to be stored, so a late "retrying" never hides "delivered".
            save(callId, state, attempt, status, detail).onComplete(saved -> {
                if (state == CallbackState.RETRYING) {
                    vertx.setTimer(
                            RetryPolicy.CALLBACKS.delayMs(attempt),
                            id -> attempt(callId, url, headers, body, attempt + 1));
                }
            });
        });
    }

    private Future<HttpResponse<Buffer>> post(CallbackDestination destination, MultiMap headers, Buffer body) {
        HttpRequest<Buffer> request = client.request(HttpMethod.POST, destination.requestOptions())
                .putHeaders(headers)
                .timeout(30_000);
        destination.basicAuthorization().ifPresent(value -> request.putHeader("Authorization", value));
        return request.sendBuffer(body);
    }

    private Future<Void> save(String callId, CallbackState state, int attempt, Integer status, String detail) {
        return vertx.executeBlocking(
                () -> {
                    for (int tries = 0; tries < 5; tries++) {
                        Optional<CallRecord> found = store.get(callId);
                        if (found.isEmpty() || found.get().callback() == null) {
                            return null;
                        }
                        JsonObject callback = found.get()
                                .callback()
                                .copy()
                                .put("state", state.label())
                                .put("attempts", attempt)
                                .put("lastAttemptAt", System.currentTimeMillis())
                                .put("lastResult", detail);
                        if (status != null) {
                            callback.put("lastStatus", status);
                        }
                        if (store.replace(found.get().copy().callback(callback))) {
                            return null;
                        }
                    }
                    LOG.log(
                            System.Logger.Level.WARNING,
                            "the callback state of call " + callId + " could not be stored");
                    return null;
                },
                false);
    }

    private static int functionStatus(CallRecord call) {
        if (call.result() != null) {
            return call.result().getInteger("statusCode");
        }
        return call.status().withoutResult().status();
    }

    private static String seconds(CallRecord call) {
        JsonObject view = call.view();
        long ended = view.getLong("endedAt", System.currentTimeMillis());
        long started = view.getLong("startedAt", call.createdAt());
        return Double.toString((ended - started) / 1000.0);
    }

    /** Releases the HTTP client. */
    public void close() {
        client.close();
    }
}
