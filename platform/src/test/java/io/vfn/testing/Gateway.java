package io.vfn.testing;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vfn.launcher.VfnNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;

/** A real HTTP client of one node's gateway, on 127.0.0.1, blocking for test readability. */
public final class Gateway implements AutoCloseable {

    /** Calls polled at once by {@link #awaitEnds}. */
    private static final int POLLERS = 16;

    private static final long POLL_MS = 50;
    private static final Set<String> UNENDED = Set.of("queued", "running");

    private final Vertx vertx;
    private final WebClient client;
    private final String token;

    /**
     * @param node the node to talk to
     */
    public Gateway(VfnNode node) {
        this(node.port(), node.context().secrets().adminToken());
    }

    /**
     * @param port  the gateway's port
     * @param token the admin token
     */
    public Gateway(int port, String token) {
        this.vertx = Vertx.vertx();
        this.client = WebClient.create(
                vertx,
                new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port),
                new PoolOptions().setHttp1MaxSize(256));
        this.token = token;
    }

    /** @return the underlying client, for concurrent calls */
    public WebClient client() {
        return client;
    }

    /**
     * @param function a function
     * @param body     the body, UTF-8
     * @return the response to {@code POST /function/<function>}
     */
    public HttpResponse<Buffer> invoke(String function, String body) {
        return send(client.request(HttpMethod.POST, "/function/" + function), Buffer.buffer(body));
    }

    /**
     * @param method an HTTP method
     * @param uri    a path with optional query
     * @param body   the body
     * @param admin  whether to send the admin token
     * @return the response
     */
    public HttpResponse<Buffer> request(HttpMethod method, String uri, Buffer body, boolean admin) {
        HttpRequest<Buffer> request = client.request(method, uri);
        if (admin) {
            request.bearerTokenAuthentication(token);
        }
        return send(request, body);
    }

    /**
     * @param name  the function's name
     * @param jar   the jar's bytes
     * @param query the spec as query parameters, e.g. {@code timeout=1s}, or empty
     * @return the response to {@code PUT /system/functions/<name>}
     */
    public HttpResponse<Buffer> deploy(String name, byte[] jar, String query) {
        HttpRequest<Buffer> request = client.put("/system/functions/" + name + (query.isEmpty() ? "" : "?" + query))
                .bearerTokenAuthentication(token)
                .putHeader("Content-Type", "application/java-archive");
        return send(request, Buffer.buffer(jar));
    }

    /**
     * @param name a function
     * @return the response to {@code DELETE /system/functions/<name>}
     */
    public HttpResponse<Buffer> undeploy(String name) {
        return send(client.delete("/system/functions/" + name).bearerTokenAuthentication(token), null);
    }

    /**
     * @param uri a path
     * @return the response to an admin {@code GET}
     */
    public HttpResponse<Buffer> adminGet(String uri) {
        return send(client.get(uri).bearerTokenAuthentication(token), null);
    }

    /**
     * @param function a function
     * @param uriSuffix sub-path and query after the name, e.g. {@code ?ms=10}, or empty
     * @param body     the body
     * @param callback a callback URL, or {@code null}
     * @return the response to {@code POST /async-function/<function>}
     */
    public HttpResponse<Buffer> invokeAsync(String function, String uriSuffix, String body, String callback) {
        HttpRequest<Buffer> request = client.post("/async-function/" + function + uriSuffix);
        if (callback != null) {
            request.putHeader("X-Callback-Url", callback);
        }
        return send(request, Buffer.buffer(body));
    }

    /**
     * @param callId a call
     * @return its record, from {@code GET /calls/<id>}
     */
    public JsonObject call(String callId) {
        return send(client.get("/calls/" + callId), null).bodyAsJsonObject();
    }

    /**
     * Waits until a call ended.
     *
     * @param callId  the call
     * @param seconds the most to wait
     * @return its ended record
     */
    public JsonObject awaitEnd(String callId, long seconds) {
        return awaitEnds(List.of(callId), seconds).get(0);
    }

    /**
     * Waits until every call ended, polling {@code GET /calls/<id>} for a bounded number of them at once: thousands of
     * calls are checked in seconds, not one blocking poll after another.
     *
     * @param callIds the calls
     * @param seconds the most to wait for all of them
     * @return their ended records, in the order of the ids
     */
    public List<JsonObject> awaitEnds(List<String> callIds, long seconds) {
        AtomicReferenceArray<JsonObject> ended = new AtomicReferenceArray<>(callIds.size());
        AtomicInteger next = new AtomicInteger();
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        List<Future<Void>> pollers = new ArrayList<>();
        for (int i = 0; i < Math.min(POLLERS, callIds.size()); i++) {
            Promise<Void> done = Promise.promise();
            vertx.runOnContext(v -> pollNext(callIds, ended, next, until, done));
            pollers.add(done.future());
        }
        Await.result(Future.all(pollers), seconds + 30);
        List<JsonObject> records = new ArrayList<>();
        for (int i = 0; i < ended.length(); i++) {
            records.add(ended.get(i));
        }
        return records;
    }

    /** Polls the next call not yet taken until it ended, then the one after, until none is left. */
    private void pollNext(
            List<String> callIds,
            AtomicReferenceArray<JsonObject> ended,
            AtomicInteger next,
            long until,
            Promise<Void> done) {
        int n = next.getAndIncrement();
        if (n >= callIds.size()) {
            done.tryComplete();
            return;
        }
        pollUntilEnded(callIds.get(n), until)
                .onSuccess(record -> {
                    ended.set(n, record);
                    pollNext(callIds, ended, next, until, done);
                })
                .onFailure(done::tryFail);
    }

    private Future<JsonObject> pollUntilEnded(String callId, long until) {
        return client.get("/calls/" + callId).send().compose(response -> {
            // Only a record that says so has ended: any other answer (a busy node's problem) is asked again.
            JsonObject record = response.statusCode() == 200 ? response.bodyAsJsonObject() : null;
            if (record != null && !UNENDED.contains(record.getString("status", ""))) {
                return Future.succeededFuture(record);
            }
            if (System.nanoTime() > until) {
                return Future.failedFuture(new AssertionError("call " + callId + " not ended in time: "
                        + response.statusCode() + " " + response.bodyAsString()));
            }
            return vertx.timer(POLL_MS).compose(v -> pollUntilEnded(callId, until));
        });
    }

    /**
     * @param response a problem response
     * @return its JSON
     */
    public static JsonObject problem(HttpResponse<Buffer> response) {
        return response.bodyAsJsonObject();
    }

    /**
     * @param headers headers to add to every request of the returned call
     * @param function the function
     * @param body the body
     * @return the response
     */
    public HttpResponse<Buffer> invoke(String function, String body, MultiMap headers) {
        return send(client.request(HttpMethod.POST, "/function/" + function).putHeaders(headers), Buffer.buffer(body));
    }

    private static HttpResponse<Buffer> send(HttpRequest<Buffer> request, Buffer body) {
        return Await.result(body == null ? request.send() : request.sendBuffer(body), 120);
    }

    @Override
    public void close() {
        client.close();
        Await.result(vertx.close(), 30);
    }
}
