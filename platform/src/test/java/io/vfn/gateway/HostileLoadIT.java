package io.vfn.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
import io.vfn.testing.Await;
import io.vfn.testing.TestNode;
import io.vfn.testing.VfnProcess;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Anonymous callers flood one real node ({@code java -Xmx512m -jar vfn.jar}, default bounds) and cannot take it down:
 * (a) async submitters posting 1 MiB and 10 MiB bodies, (b) 200 parallel 10 MiB sync uploads beside 1,000 slow
 * sockets, (c) 100,000 subscribe frames on one WebSocket. Each phase floods for {@code -Dvfn.flood.seconds} (default
 * 6; the full run is 60) and prints a {@code RESULT} line with the figures that prove its claim: what was
 * accepted, refused and completed, the latency a normal caller saw meanwhile, and the node's heap after a full GC.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostileLoadIT {

    private static final long SECONDS = Long.getLong("vfn.flood.seconds", 6);
    /** The heap a node may keep after a flood and a full GC: its call store's bound (25 %) and its own needs. */
    private static final long HEAP_BOUND = 320L << 20;

    private static VfnProcess node;
    private static Vertx vertx;
    private static HttpClient client;
    /**
     * The test's own requests (setup, probes of health and heap), each on a new connection: none of them waits behind,
     * or goes over, a connection the floods left behind.
     */
    private static HttpClient control;

    @BeforeAll
    static void start() throws IOException {
        node = VfnProcess.startForLoad("test-" + UUID.randomUUID(), TestNode.freePort(), TestNode.tempDir());
        vertx = Vertx.vertx();
        client = vertx.createHttpClient(
                new HttpClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(node.port()),
                new PoolOptions().setHttp1MaxSize(256));
        control = vertx.createHttpClient(new HttpClientOptions()
                .setDefaultHost("127.0.0.1")
                .setDefaultPort(node.port())
                .setKeepAlive(false));
        for (String example : List.of("echo", "sleep")) {
            try (InputStream jar = HostileLoadIT.class.getResourceAsStream("/examples/" + example + ".jar")) {
                Answer deployed = send(
                        HttpMethod.PUT,
                        "/system/functions/" + example,
                        Buffer.buffer(jar.readAllBytes()),
                        Map.of(
                                "Authorization",
                                "Bearer " + VfnProcess.TOKEN,
                                "Content-Type",
                                "application/java-archive"));
                assertThat(deployed.status()).isEqualTo(201);
            }
        }
    }

    @AfterAll
    static void stop() {
        if (vertx != null) {
            Await.result(vertx.close(), 30);
        }
        if (node != null) {
            node.stop();
            // What the node logged as failing, for a failed run's reader.
            node.log()
                    .lines()
                    .filter(line -> line.contains("SEVERE") || line.contains("ERROR") || line.contains("Exception"))
                    .limit(40)
                    .forEach(line -> System.out.println("NODE " + line));
        }
    }

    @Test
    @Order(1)
    void asyncFlood_ofAnonymous1MiBAnd10MiBBodies_refusesWithProblems_andEveryAcceptedCallSucceeds() {
        Tally oneMiB = asyncFlood(1 << 20, SECONDS);
        Tally tenMiB = asyncFlood(10 << 20, Math.max(3, SECONDS / 2));
        List<String> accepted = new ArrayList<>(oneMiB.accepted);
        accepted.addAll(tenMiB.accepted);
        Map<String, Integer> ended = awaitEnds(accepted);
        long heap = heapAfterFullGc();

        System.out.printf(
                "RESULT flood-async seconds=%d 1MiB[%s] 10MiB[%s] accepted_ended=%s heap_after_gc_mib=%d alive=%b%n",
                SECONDS, oneMiB, tenMiB, ended, heap >> 20, node.isAlive());
        assertThat(node.isAlive()).isTrue();
        assertThat(oneMiB.accepted).as("some 1 MiB calls accepted").isNotEmpty();
        assertThat(oneMiB.statuses.keySet()).isSubsetOf(202, 413, 429, 503);
        assertThat(tenMiB.statuses.keySet()).containsOnly(413);
        assertThat(oneMiB.notProblems.get() + tenMiB.notProblems.get())
                .as("refusals that are not problem+json")
                .isZero();
        assertThat(ended).containsOnlyKeys("succeeded");
        assertThat(ended.get("succeeded")).as("accepted calls that ended").isEqualTo(accepted.size());
        assertThat(heap).isLessThan(HEAP_BOUND);
        assertReady();
    }

    @Test
    @Order(2)
    void syncFlood_of200ParallelUploadsAnd1000SlowSockets_leavesNormalCallsAnsweredWithinASecond() throws Exception {
        List<Socket> slow = new ArrayList<>();
        try {
            for (int i = 0; i < 1_000; i++) {
                Socket socket = new Socket("127.0.0.1", node.port());
                write(socket, "POST /function/echo HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ");
                slow.add(socket);
            }
            HttpClient uploads = vertx.createHttpClient(
                    new HttpClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(node.port()),
                    new PoolOptions().setHttp1MaxSize(200));
            Buffer tenMiB = Buffer.buffer(new byte[10 << 20]);
            Tally tally = new Tally();
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(SECONDS);
            List<Future<Void>> loops = posters(uploads, "/function/echo", tenMiB, 200, until, tally);
            // A normal caller meanwhile: a small call every 100 ms, on a connection of its own, and one trickled
            // byte on every slow socket each second.
            long[] maxMs = {0};
            int[] probes = {0};
            int[] probeFailures = {0};
            long[] lastTrickle = {System.nanoTime()};
            // Awaitility paces the probes (one per poll) until the flood's time is up.
            await().atMost(Duration.ofSeconds(SECONDS + 60))
                    .pollInSameThread()
                    .pollDelay(Duration.ZERO)
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> {
                        long start = System.nanoTime();
                        String answer = RawHttp.exchange(
                                node.port(),
                                "POST /function/echo HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 5\r\nConnection: close\r\n\r\nprobe");
                        maxMs[0] = Math.max(maxMs[0], (System.nanoTime() - start) / 1_000_000);
                        probes[0]++;
                        if (!answer.startsWith("HTTP/1.1 200") || !answer.endsWith("probe")) {
                            probeFailures[0]++;
                        }
                        if (System.nanoTime() - lastTrickle[0] > TimeUnit.SECONDS.toNanos(1)) {
                            lastTrickle[0] = System.nanoTime();
                            for (Socket socket : slow) {
                                write(socket, "x");
                            }
                        }
                        return System.nanoTime() >= until;
                    });
            Await.result(Future.join(loops), 120);
            long open = slow.stream().filter(HostileLoadIT::stillOpen).count();
            long heap = heapAfterFullGc();

            System.out.printf(
                    "RESULT flood-sync seconds=%d uploads[%s] slow_sockets_open=%d probes=%d probe_failures=%d probe_max_ms=%d heap_after_gc_mib=%d alive=%b%n",
                    SECONDS, tally, open, probes[0], probeFailures[0], maxMs[0], heap >> 20, node.isAlive());
            assertThat(node.isAlive()).isTrue();
            assertThat(probeFailures[0]).isZero();
            assertThat(maxMs[0]).as("slowest normal call, ms").isLessThan(1_000);
            assertThat(tally.statuses.keySet()).isSubsetOf(200, 503);
            assertThat(tally.notProblems.get()).isZero();
            assertThat(heap).isLessThan(HEAP_BOUND);
            assertReady();
        } finally {
            for (Socket socket : slow) {
                socket.close();
            }
        }
    }

    @Test
    @Order(3)
    void webSocketFlood_of100000Subscribes_getsProblemFramesPastTheBound_andOtherSocketsGoOn() {
        String running = send(HttpMethod.POST, "/async-function/sleep?ms=60000", Buffer.buffer(), Map.of())
                .headers()
                .get("X-Call-Id");
        int frames = 100_000;
        Map<Integer, AtomicInteger> errors = new ConcurrentHashMap<>();
        WebSocket flood = connect();
        flood.textMessageHandler(
                text -> errors.computeIfAbsent(new JsonObject(text).getInteger("status", 0), s -> new AtomicInteger())
                        .incrementAndGet());
        WebSocket other = connect();
        long start = System.nanoTime();
        for (int i = 0; i < frames; i++) {
            flood.writeTextMessage(new JsonObject()
                    .put("op", "subscribe")
                    .put("id", "s" + i)
                    .put("callId", running)
                    .encode());
        }
        // Meanwhile, round trips on another socket.
        long maxMs = 0;
        int roundTrips = 0;
        int expectedRefusals = frames - SocketSubscriptions.MAX;
        while (count(errors, 429) < expectedRefusals
                && System.nanoTime() - start < TimeUnit.SECONDS.toNanos(Math.max(60, SECONDS))) {
            long sent = System.nanoTime();
            JsonObject answer = invokeOver(other, "r" + roundTrips);
            maxMs = Math.max(maxMs, (System.nanoTime() - sent) / 1_000_000);
            roundTrips++;
            assertThat(answer.getString("body")).isEqualTo("ping");
        }
        long floodMs = (System.nanoTime() - start) / 1_000_000;
        long heap = heapAfterFullGc();
        Await.result(flood.close(), 10);
        Await.result(other.close(), 10);

        System.out.printf(
                "RESULT flood-ws frames=%d error_frames_by_status=%s flood_ms=%d other_socket_round_trips=%d other_max_ms=%d heap_after_gc_mib=%d alive=%b%n",
                frames, errors, floodMs, roundTrips, maxMs, heap >> 20, node.isAlive());
        assertThat(count(errors, 429)).isEqualTo(expectedRefusals);
        assertThat(errors.keySet()).containsOnly(429);
        assertThat(roundTrips).isPositive();
        assertThat(heap).isLessThan(HEAP_BOUND);
        assertReady();
    }

    /** What a flood's requests got. */
    private static final class Tally {
        final Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        final ConcurrentLinkedQueue<String> accepted = new ConcurrentLinkedQueue<>();
        final AtomicInteger notProblems = new AtomicInteger();
        final AtomicInteger errors = new AtomicInteger();

        void count(Answer answer) {
            statuses.computeIfAbsent(answer.status(), s -> new AtomicInteger()).incrementAndGet();
            if (answer.status() == 202) {
                accepted.add(answer.headers().get("X-Call-Id"));
            } else if (answer.status() >= 400
                    && !String.valueOf(answer.headers().get("Content-Type")).startsWith(Problems.CONTENT_TYPE)) {
                notProblems.incrementAndGet();
            }
        }

        @Override
        public String toString() {
            return "statuses=" + statuses + " connection_errors=" + errors;
        }
    }

    private static Tally asyncFlood(int bodyBytes, long seconds) {
        Buffer body = Buffer.buffer(new byte[bodyBytes]);
        Tally tally = new Tally();
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        Await.result(Future.join(posters(client, "/async-function/echo", body, 64, until, tally)), seconds + 120);
        return tally;
    }

    /** Closed-loop posters of one body until the time is up, each answer (or failed connection) tallied. */
    private static List<Future<Void>> posters(
            HttpClient http, String uri, Buffer body, int count, long untilNanos, Tally tally) {
        List<Future<Void>> posters = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            posters.add(loop(
                    untilNanos,
                    () -> request(http, HttpMethod.POST, uri, body, Map.of())
                            .<Void>map(answer -> {
                                tally.count(answer);
                                return null;
                            })
                            .otherwise(e -> {
                                tally.errors.incrementAndGet();
                                return null;
                            })));
        }
        return posters;
    }

    /** Polls every call until it ended; answers how many ended in each status. */
    private static Map<String, Integer> awaitEnds(List<String> callIds) {
        Map<String, Integer> ended = new ConcurrentHashMap<>();
        AtomicInteger next = new AtomicInteger();
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        List<Future<Void>> pollers = new ArrayList<>();
        for (int i = 0; i < 32; i++) {
            pollers.add(loop(until, () -> {
                int n = next.getAndIncrement();
                if (n >= callIds.size()) {
                    return Future.failedFuture("done");
                }
                return awaitEnd(callIds.get(n), until).map(status -> {
                    ended.merge(status, 1, Integer::sum);
                    return null;
                });
            }));
        }
        Await.result(Future.join(pollers), 200);
        return ended;
    }

    /**
     * Polls a call until its record says it ended: its status then, or "unknown" when the time is up. An answer that is
     * not the record (a pooled connection the node closed after the flood, say) is asked again.
     */
    private static Future<String> awaitEnd(String callId, long until) {
        return request(client, HttpMethod.GET, "/calls/" + callId, Buffer.buffer(), Map.of())
                .map(answer ->
                        answer.status() == 200 ? answer.body().toJsonObject().getString("status", "") : "")
                .otherwise("")
                .compose(status -> {
                    if (!status.isEmpty() && !Set.of("queued", "running").contains(status)) {
                        return Future.succeededFuture(status);
                    }
                    if (System.nanoTime() > until) {
                        return Future.succeededFuture(status.isEmpty() ? "unknown" : status);
                    }
                    Promise<Void> later = Promise.promise();
                    vertx.setTimer(100, id -> later.complete());
                    return later.future().compose(v -> awaitEnd(callId, until));
                });
    }

    /** Runs a step again and again until the time is up or a step fails. */
    private static Future<Void> loop(long untilNanos, java.util.function.Supplier<Future<Void>> step) {
        if (System.nanoTime() >= untilNanos) {
            return Future.succeededFuture();
        }
        return step.get().transform(done -> done.failed() ? Future.succeededFuture() : loop(untilNanos, step));
    }

    private record Answer(int status, io.vertx.core.MultiMap headers, Buffer body) {}

    private static Future<Answer> request(
            HttpClient http, HttpMethod method, String uri, Buffer body, Map<String, String> headers) {
        RequestOptions options = new RequestOptions().setMethod(method).setURI(uri);
        headers.forEach(options::putHeader);
        return http.request(options)
                .compose(request -> request.send(body))
                .compose(
                        response -> response.body().map(b -> new Answer(response.statusCode(), response.headers(), b)));
    }

    private static Answer send(HttpMethod method, String uri, Buffer body, Map<String, String> headers) {
        return Await.result(request(control, method, uri, body, headers), 60);
    }

    private static WebSocket connect() {
        return Await.result(
                vertx.createWebSocketClient()
                        .connect(new WebSocketConnectOptions()
                                .setHost("127.0.0.1")
                                .setPort(node.port())
                                .setURI("/ws")),
                30);
    }

    private static JsonObject invokeOver(WebSocket socket, String id) {
        Promise<JsonObject> answer = Promise.promise();
        socket.textMessageHandler(text -> answer.tryComplete(new JsonObject(text)));
        socket.writeTextMessage(new JsonObject()
                .put("op", "invoke")
                .put("id", id)
                .put("function", "echo")
                .put("body", "ping")
                .encode());
        return Await.result(answer.future(), 30);
    }

    private static int count(Map<Integer, AtomicInteger> counts, int status) {
        AtomicInteger n = counts.get(status);
        return n == null ? 0 : n.get();
    }

    /** Runs a full GC in the node ({@code jcmd GC.run}), then reads its heap in use from its metrics. */
    private static long heapAfterFullGc() {
        try {
            Process jcmd = new ProcessBuilder("jcmd", Long.toString(node.pid()), "GC.run")
                    .redirectErrorStream(true)
                    .start();
            jcmd.getInputStream().readAllBytes();
            assertThat(jcmd.waitFor(60, TimeUnit.SECONDS)).isTrue();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        String metrics = send(HttpMethod.GET, "/metrics", Buffer.buffer(), Map.of())
                .body()
                .toString();
        return metrics.lines()
                .filter(line -> line.startsWith("jvm_memory_used_bytes") && line.contains("area=\"heap\""))
                .mapToLong(line -> (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }

    private static void assertReady() {
        await().atMost(Duration.ofSeconds(30))
                .until(() -> send(HttpMethod.GET, "/health/ready", Buffer.buffer(), Map.of())
                                .status()
                        == 200);
    }

    private static void write(Socket socket, String text) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(text.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    private static boolean stillOpen(Socket socket) {
        try {
            write(socket, "x");
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
