package io.vfn.testing;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A callback receiver on 127.0.0.1 for tests: checks each delivery's signature, answers {@code 503} to the first
 * {@code failFirst} attempts of every call, and counts what it accepted per call id.
 */
public final class CallbackReceiver implements AutoCloseable {

    private final Vertx vertx = Vertx.vertx();
    private final HttpServer server;
    private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> accepted = new ConcurrentHashMap<>();
    private final Map<String, String> bodies = new ConcurrentHashMap<>();
    private final AtomicInteger badSignatures = new AtomicInteger();
    private volatile int failFirst;

    /**
     * @param secret    the callback secret the signatures must match
     * @param failFirst attempts of each call to answer with 503
     */
    public CallbackReceiver(String secret, int failFirst) {
        this.failFirst = failFirst;
        byte[] key = secret.getBytes(StandardCharsets.UTF_8);
        server = vertx.createHttpServer().requestHandler(request -> request.body().onSuccess(body -> {
            String callId = request.getHeader("X-Call-Id");
            if (!validSignature(key, body.getBytes(), request.getHeader("X-Vfn-Signature"))) {
                badSignatures.incrementAndGet();
            }
            if (attempts.computeIfAbsent(callId, id -> new AtomicInteger()).incrementAndGet() <= this.failFirst) {
                request.response().setStatusCode(503).end();
                return;
            }
            accepted.computeIfAbsent(callId, id -> new AtomicInteger()).incrementAndGet();
            bodies.put(callId, body.toString());
            request.response().setStatusCode(204).end();
        }));
        Await.result(server.listen(0, "127.0.0.1"), 30);
    }

    /** Checks a signature the way the README tells receivers to, independently of the platform's code. */
    private static boolean validSignature(byte[] key, byte[] body, String header) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] expected = ("sha256=" + HexFormat.of().formatHex(mac.doFinal(body))).getBytes(StandardCharsets.UTF_8);
            return header != null && MessageDigest.isEqual(expected, header.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** From now on, accepts every delivery. */
    public void acceptAll() {
        failFirst = 0;
    }

    /** @return the URL to give as {@code X-Callback-Url} */
    public String url() {
        return "http://127.0.0.1:" + server.actualPort() + "/callback";
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

    /** @return deliveries whose signature did not match */
    public int badSignatures() {
        return badSignatures.get();
    }

    @Override
    public void close() {
        Await.result(vertx.close(), 30);
    }
}
