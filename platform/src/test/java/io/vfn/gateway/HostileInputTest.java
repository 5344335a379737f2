package io.vfn.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import io.vfn.launcher.VfnNode;
import io.vfn.testfunctions.GreeterV1;
import io.vfn.testing.Await;
import io.vfn.testing.Gateway;
import io.vfn.testing.TestJars;
import io.vfn.testing.TestNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Generated hostile input, {@code -Dvfn.hostile.requests} (10,000) of it, over every route and the WebSocket: every
 * request is answered (or its connection closed) within 30 s, every answer has a status the contract declares (never a
 * {@code 500}), every platform error is problem+json, every error
 * frame carries a contract status, and the node is still live and ready afterwards. The seed is printed, and named in
 * every failure: rerun one with {@code -Dvfn.hostile.seed=<seed>}.
 */
class HostileInputTest {

    /** The statuses the README's error table and routes declare. */
    private static final Set<Integer> CONTRACT =
            Set.of(200, 201, 202, 204, 400, 401, 404, 405, 409, 413, 415, 422, 429, 502, 503, 504, 507);

    /** A request the node has not answered (nor closed) after this long is a violation. */
    private static final long ANSWER_TIMEOUT_MS = 30_000;

    private static final int REQUESTS = Integer.getInteger("vfn.hostile.requests", 10_000);
    private static final long SEED = Long.getLong("vfn.hostile.seed", System.nanoTime());

    private static VfnNode node;
    private static Vertx vertx;
    private static HttpClient client;

    @BeforeAll
    static void start() {
        node = TestNode.start(
                "--max-body",
                Integer.toString(HostileRequests.MAX_BODY),
                "--max-async-body",
                Integer.toString(HostileRequests.MAX_ASYNC_BODY),
                "--max-jar",
                Integer.toString(HostileRequests.MAX_JAR));
        try (Gateway gateway = new Gateway(node)) {
            gateway.deploy("greeter", TestJars.of(GreeterV1.class), "");
            gateway.deploy("keyed", TestJars.of(GreeterV1.class), "auth=key");
            // Named by no generated request: whatever they deleted or changed, it must still answer.
            gateway.deploy("sentinel", TestJars.of(GreeterV1.class), "");
        }
        vertx = Vertx.vertx();
        client = vertx.createHttpClient(
                new HttpClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(node.port()),
                new PoolOptions().setHttp1MaxSize(32));
    }

    @AfterAll
    static void stop() {
        Await.result(vertx.close(), 30);
        TestNode.stop(node);
    }

    @Test
    void generatedHostileRequests_getOnlyContractStatuses_andTheNodeStaysLiveAndReady() {
        System.out.println("hostile input: seed " + SEED + " (rerun with -Dvfn.hostile.seed=" + SEED + ")");
        HostileRequests generator =
                new HostileRequests(SEED, node.context().secrets().adminToken());
        ConcurrentLinkedQueue<String> violations = new ConcurrentLinkedQueue<>();
        Map<Integer, AtomicInteger> statuses = new TreeMap<>();
        int frames = REQUESTS / 5;
        List<Future<Void>> sockets = new ArrayList<>();
        for (int s = 0; s < 4; s++) {
            List<String> texts = new ArrayList<>();
            for (int i = 0; i < frames / 4; i++) {
                texts.add(generator.frame());
            }
            sockets.add(frames(texts, violations));
        }
        int http = REQUESTS - frames;
        AtomicInteger next = new AtomicInteger();
        List<HostileRequests.Request> requests = new ArrayList<>();
        for (int i = 0; i < http; i++) {
            requests.add(generator.next());
        }
        List<Future<Void>> senders = new ArrayList<>();
        for (int i = 0; i < 32; i++) {
            senders.add(sendAll(requests, next, statuses, violations));
        }
        try {
            Await.result(Future.join(senders), 120);
        } catch (AssertionError e) {
            throw new AssertionError(
                    "seed " + SEED + ": " + Math.min(next.get(), http) + " of " + http
                            + " requests sent in 120 s; violations so far: " + violations,
                    e);
        }
        Await.result(Future.join(sockets), 120);

        System.out.println("hostile input: " + http + " requests by status " + statuses + ", " + frames + " frames");
        assertThat(violations)
                .as("seed " + SEED + ": answers outside the contract")
                .isEmpty();
        assertThat(next.get()).as("requests sent").isGreaterThanOrEqualTo(http);
        assertThat(status("/health/live")).as("seed " + SEED + ": live").isEqualTo(200);
        assertThat(status("/health/ready")).as("seed " + SEED + ": ready").isEqualTo(200);
        assertThat(status("/function/sentinel"))
                .as("seed " + SEED + ": a function named by no request still answers")
                .isEqualTo(200);
    }

    /** One closed loop: sends the next request once the last one was answered. */
    private static Future<Void> sendAll(
            List<HostileRequests.Request> requests,
            AtomicInteger next,
            Map<Integer, AtomicInteger> statuses,
            ConcurrentLinkedQueue<String> violations) {
        int n = next.getAndIncrement();
        if (n >= requests.size()) {
            return Future.succeededFuture();
        }
        HostileRequests.Request request = requests.get(n);
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.valueOf(request.method()))
                .setURI(request.uri())
                .setIdleTimeout(ANSWER_TIMEOUT_MS);
        request.headers().forEach(options::putHeader);
        return client.request(options)
                .compose(sent -> sent.send(request.body()))
                .compose(response -> response.body().map(body -> {
                    synchronized (statuses) {
                        statuses.computeIfAbsent(response.statusCode(), s -> new AtomicInteger())
                                .incrementAndGet();
                    }
                    check(request, response.statusCode(), response.getHeader("Content-Type"), body, violations);
                    return (Void) null;
                }))
                // A connection the node closed (a body it refused unread) is an answer too; no answer at all is not.
                .otherwise(e -> {
                    if (e instanceof TimeoutException) {
                        violations.add("no answer within " + ANSWER_TIMEOUT_MS + " ms for " + request);
                    }
                    return null;
                })
                .compose(v -> sendAll(requests, next, statuses, violations));
    }

    private static void check(
            HostileRequests.Request request,
            int status,
            String contentType,
            Buffer body,
            ConcurrentLinkedQueue<String> violations) {
        if (!CONTRACT.contains(status)) {
            violations.add(status + " for " + request + ": " + snippet(body));
        } else if (status >= 400
                && !request.uri().startsWith("/function/")
                && (contentType == null || !contentType.startsWith(Problems.CONTENT_TYPE))) {
            violations.add(status + " without problem+json for " + request + ": " + snippet(body));
        }
    }

    /** Sends frames on one socket, reading every answer; error frames must carry a contract status. */
    private static Future<Void> frames(List<String> texts, ConcurrentLinkedQueue<String> violations) {
        WebSocket socket = Await.result(
                vertx.createWebSocketClient()
                        .connect(new WebSocketConnectOptions()
                                .setHost("127.0.0.1")
                                .setPort(node.port())
                                .setURI("/ws")),
                30);
        Promise<Void> last = Promise.promise();
        socket.textMessageHandler(text -> {
            JsonObject frame = new JsonObject(text);
            if ("error".equals(frame.getString("op")) && !CONTRACT.contains(frame.getInteger("status", 0))) {
                violations.add("error frame " + text);
            }
            if ("last".equals(frame.getString("id"))) {
                last.tryComplete();
            }
        });
        socket.closeHandler(v -> {
            violations.add("socket closed by the node: " + socket.closeStatusCode() + " " + socket.closeReason());
            last.tryComplete();
        });
        for (String text : texts) {
            socket.writeTextMessage(text);
        }
        socket.writeBinaryMessage(Buffer.buffer(new byte[] {1, 2, 3}));
        // An invoke of a known function, sent last, is answered after what came before it that answers at once.
        socket.writeTextMessage(new JsonObject()
                .put("op", "invoke")
                .put("id", "last")
                .put("function", "greeter")
                .put("body", "end")
                .encode());
        return last.future()
                .compose(v -> {
                    socket.closeHandler(null);
                    return socket.close();
                })
                .transform(v -> Future.succeededFuture());
    }

    private static int status(String uri) {
        HttpMethod method = uri.startsWith("/health") ? HttpMethod.GET : HttpMethod.POST;
        return Await.result(
                client.request(new RequestOptions().setMethod(method).setURI(uri))
                        .compose(request -> request.send(Buffer.buffer("x")))
                        .map(response -> response.statusCode()),
                30);
    }

    private static String snippet(Buffer body) {
        String text = body.toString();
        return text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }
}
