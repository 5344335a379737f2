package io.vfn.testing;

import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookVerificationException;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import java.net.http.HttpHeaders;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A callback receiver on a loopback address for tests: checks each delivery's signature with the Standard Webhooks
 * reference library (not vfn's code), answers {@code 503} (or the status {@link #failWith} names) to the
 * first {@code failFirst} attempts of every call, and counts the connections it was offered and what it accepted
 * per call id, with the headers of the accepted delivery.
 */
public final class CallbackReceiver implements AutoCloseable {

    private final Vertx vertx = Vertx.vertx();
    private final HttpServer server;
    private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> accepted = new ConcurrentHashMap<>();
    private final Map<String, String> bodies = new ConcurrentHashMap<>();
    private final Map<String, MultiMap> headers = new ConcurrentHashMap<>();
    private final AtomicInteger badSignatures = new AtomicInteger();
    private final AtomicInteger connections = new AtomicInteger();
    private final String host;
    private volatile int failFirst;
    private volatile int failStatus = 503;

    /**
     * @param secret    the callback secret ({@code whsec_…}) the signatures must match
     * @param failFirst attempts of each call to answer with 503
     */
    public CallbackReceiver(String secret, int failFirst) {
        this(secret, failFirst, "127.0.0.1");
    }

    /**
     * @param secret    the callback secret ({@code whsec_…}) the signatures must match
     * @param failFirst attempts of each call to answer with 503
     * @param host      the loopback address to listen on: {@code 127.0.0.1} or {@code ::1}
     */
    public CallbackReceiver(String secret, int failFirst, String host) {
        this.failFirst = failFirst;
        this.host = host;
        Webhook webhook = new Webhook(secret);
        server = vertx.createHttpServer()
                .connectionHandler(connection -> connections.incrementAndGet())
                .requestHandler(request -> request.body().onSuccess(body -> {
                    String callId = request.getHeader("X-Call-Id");
                    if (!validSignature(webhook, body.toString(), request.headers())) {
                        badSignatures.incrementAndGet();
                    }
                    if (attempts.computeIfAbsent(callId, id -> new AtomicInteger())
                                    .incrementAndGet()
                            <= this.failFirst) {
                        request.response().setStatusCode(failStatus).end();
                        return;
                    }
                    accepted.computeIfAbsent(callId, id -> new AtomicInteger()).incrementAndGet();
                    bodies.put(callId, body.toString());
                    headers.put(callId, MultiMap.caseInsensitiveMultiMap().addAll(request.headers()));
                    request.response().setStatusCode(204).end();
                }));
        Await.result(server.listen(0, host), 30);
    }

    /** Checks a delivery the way the README tells receivers to. */
    private static boolean validSignature(Webhook webhook, String body, MultiMap headers) {
        Map<String, List<String>> all = new java.util.HashMap<>();
        headers.forEach(header -> all.computeIfAbsent(header.getKey().toLowerCase(), k -> new ArrayList<>())
                .add(header.getValue()));
        try {
            webhook.verify(body, HttpHeaders.of(all, (name, value) -> true));
            return true;
        } catch (WebhookVerificationException e) {
            return false;
        }
    }

    /**
     * @param status the status to answer the first attempts with, e.g. {@code 429}
     * @return this
     */
    public CallbackReceiver failWith(int status) {
        failStatus = status;
        return this;
    }

    /** From now on, accepts every delivery. */
    public void acceptAll() {
        failFirst = 0;
    }

    /** @return the URL to give as {@code X-Callback-Url} */
    public String url() {
        return url(host.contains(":") ? "[" + host + "]" : host);
    }

    /**
     * @param hostName the host to write into the URL, e.g. a name that resolves to this receiver's address
     * @return the URL to give as {@code X-Callback-Url}
     */
    public String url(String hostName) {
        return "http://" + hostName + ":" + port() + "/callback";
    }

    /** @return the port it listens on */
    public int port() {
        return server.actualPort();
    }

    /** @return connections opened to it so far */
    public int connections() {
        return connections.get();
    }

    /** @return call id → deliveries accepted */
    public Map<String, AtomicInteger> accepted() {
        return accepted;
    }

    /** @return call id → attempts received */
    public Map<String, AtomicInteger> attempts() {
        return attempts;
    }

    /** @return call id → the body of the accepted delivery */
    public Map<String, String> bodies() {
        return bodies;
    }

    /** @return call id → the headers of the accepted delivery */
    public Map<String, MultiMap> headers() {
        return headers;
    }

    /** @return deliveries whose signature did not match */
    public int badSignatures() {
        return badSignatures.get();
    }

    @Override
    public void close() {
        Await.result(vertx.close(), 30);
    }
}
