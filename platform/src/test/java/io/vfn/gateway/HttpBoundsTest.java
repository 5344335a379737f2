package io.vfn.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.json.JsonObject;
import io.vfn.launcher.VfnNode;
import io.vfn.testfunctions.Gate;
import io.vfn.testfunctions.GreeterV1;
import io.vfn.testing.Gateway;
import io.vfn.testing.SocketClient;
import io.vfn.testing.TestJars;
import io.vfn.testing.TestNode;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The gateway's own bounds: request bytes in flight node-wide (refused before the body is read), idle and slow
 * connections closed, and the connection bound. Raw sockets, because well-behaved clients never trickle.
 */
class HttpBoundsTest {

    private static final int MAX_CONNECTIONS = 40;

    private static VfnNode node;

    @BeforeAll
    static void start() {
        // 1 MiB in flight: bodies over 64 KiB may hold 768 KiB of it.
        node = TestNode.start(
                "--max-inflight-body",
                "1m",
                "--http-idle-timeout",
                "4s",
                "--request-read-timeout",
                "10s",
                "--max-connections",
                Integer.toString(MAX_CONNECTIONS));
        try (Gateway gateway = new Gateway(node)) {
            assertThat(gateway.deploy("greeter", TestJars.of(GreeterV1.class), "")
                            .statusCode())
                    .isEqualTo(201);
            assertThat(gateway.deploy("gate", TestJars.of(Gate.class), "").statusCode())
                    .isEqualTo(201);
        }
    }

    @AfterAll
    static void stop() {
        TestNode.stop(node);
    }

    @Test
    void bodiesPastTheNodesBytesInFlight_answer503BeforeTheirBodyIsRead_whileSmallCallsGoOn() throws IOException {
        try (Socket held = open()) {
            // A 700,000-byte upload whose body has not all come yet holds its whole declared length.
            write(held, post("/function/greeter", 700_000, false) + "x".repeat(1000));
            await().atMost(Duration.ofSeconds(3)).until(() -> gauge("vfn_inflight_body_bytes") == 700_000);

            // Headers only: the answer comes without a byte of the body sent.
            String refused = exchangeHeadersOnly(post("/function/greeter", 700_000, true));
            assertThat(refused).startsWith("HTTP/1.1 503");
            assertThat(refused).contains("Retry-After: 1").contains("application/problem+json");
            assertThat(refused).contains("--max-inflight-body");
            // An async body counts three times (read, in its record, serialized): 600,000 bytes would fit alone.
            String asyncRefused = exchangeHeadersOnly(post("/async-function/greeter", 200_000, true));
            assertThat(asyncRefused).startsWith("HTTP/1.1 503");
            // A chunked async body holds the room of the largest it may be: 256 KiB, three times, does not fit.
            String chunkedRefused = exchangeHeadersOnly("POST /async-function/greeter HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n");
            assertThat(chunkedRefused).startsWith("HTTP/1.1 503");

            String small = RawHttp.exchange(node.port(), post("/function/greeter", 3, true) + "ada");
            assertThat(small).startsWith("HTTP/1.1 200").endsWith("v1:ada");
        }
        // The held upload's bytes are released when its connection goes.
        await().atMost(Duration.ofSeconds(10)).until(() -> gauge("vfn_inflight_body_bytes") == 0);
        String again = RawHttp.exchange(node.port(), post("/function/greeter", 700_000, true) + "y".repeat(700_000));
        assertThat(again).startsWith("HTTP/1.1 200");
        String chunked = RawHttp.exchange(
                node.port(),
                "POST /async-function/greeter HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n"
                        + "Connection: close\r\n\r\n3\r\nada\r\n0\r\n\r\n");
        assertThat(chunked).startsWith("HTTP/1.1 202");
    }

    @Test
    void largeAsyncCalls_runOneAtATimeWithinTheNodesRunningBytes_whileSmallOnesRunTogether() {
        try (Gateway gateway = new Gateway(node)) {
            // 200,000 bytes: a record that holds four times 267 KB once leased, more than the whole 1 MiB bound.
            List<JsonObject> large = runAsync(gateway, "y".repeat(200_000));
            List<JsonObject> small = runAsync(gateway, "");

            assertThat(large)
                    .allSatisfy(call -> assertThat(call.getString("status")).isEqualTo("succeeded"));
            assertThat(small)
                    .allSatisfy(call -> assertThat(call.getString("status")).isEqualTo("succeeded"));
            assertThat(mostAtOnce(large)).as("large calls running at once").isEqualTo(1);
            assertThat(mostAtOnce(small)).as("small calls running at once").isGreaterThan(1);
        }
    }

    /** Submits four 300 ms calls of a body at once and waits for their ends. */
    private static List<JsonObject> runAsync(Gateway gateway, String body) {
        List<String> callIds = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            var accepted = gateway.invokeAsync("gate", "?ms=300", body, null);
            assertThat(accepted.statusCode()).isEqualTo(202);
            callIds.add(accepted.getHeader("X-Call-Id"));
        }
        return callIds.stream().map(id -> gateway.awaitEnd(id, 30)).toList();
    }

    /** The most calls whose runs (from {@code startedAt} to {@code endedAt}) overlap at one moment. */
    private static int mostAtOnce(List<JsonObject> calls) {
        int most = 0;
        for (JsonObject call : calls) {
            long at = call.getLong("startedAt");
            int running = (int) calls.stream()
                    .filter(other -> other.getLong("startedAt") <= at && other.getLong("endedAt") > at)
                    .count();
            most = Math.max(most, running);
        }
        return most;
    }

    @Test
    void bodyThatCanNeverFit_answers413() {
        String answer = exchangeHeadersOnly(post("/function/greeter", 900_000, true));
        // Three times 300,000 bytes is more than the 786,432 that large bodies may hold.
        String asyncAnswer = exchangeHeadersOnly(post("/async-function/greeter", 300_000, true));

        assertThat(answer).startsWith("HTTP/1.1 413").contains("may hold in flight");
        assertThat(asyncAnswer).startsWith("HTTP/1.1 413").contains("may hold in flight");
    }

    @Test
    void connectionWhoseHeadersTrickle_isClosedAfterTheIdleTimeout() throws IOException {
        try (Socket socket = open()) {
            write(socket, "POST /function/greeter HTTP/1.1\r\nHost: x\r\n");
            long start = System.nanoTime();

            assertThat(closedWithin(socket, 15_000)).isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - start))
                    .isBetween(Duration.ofSeconds(3), Duration.ofSeconds(14));
        }
    }

    @Test
    void bodyThatTrickles_isCutAtTheReadTimeout_notByItsIdleness() throws IOException, InterruptedException {
        try (Socket socket = open()) {
            write(socket, post("/function/greeter", 1000, false));
            long start = System.nanoTime();
            // A byte a second keeps the connection busy, so only the read deadline (10 s) can end it.
            boolean closed = false;
            for (int i = 0; i < 40 && !closed; i++) {
                try {
                    write(socket, "z");
                    closed = closedWithin(socket, 1_000);
                } catch (IOException e) {
                    closed = true;
                }
            }
            long seconds = Duration.ofNanos(System.nanoTime() - start).toSeconds();
            assertThat(closed).as("closed within 40 s").isTrue();
            assertThat(seconds).isBetween(9L, 25L);
        }
    }

    @Test
    void connectionsPastTheBound_areClosedAtOnce_andTheNodeServesOnceTheyGo() throws IOException {
        List<Socket> sockets = new ArrayList<>();
        try {
            for (int i = 0; i < MAX_CONNECTIONS + 10; i++) {
                sockets.add(open());
            }
            // Those that came when the bound was full are closed at once, long before any idle timeout. (A connection
            // of an earlier test that closes meanwhile lets one more in: so not every one of the last ten, but some.)
            List<Socket> pastTheBound = sockets.subList(MAX_CONNECTIONS, sockets.size());
            await().atMost(Duration.ofSeconds(3)).until(() -> anyClosed(pastTheBound));
            assertThat(gauge("vfn_http_connections")).isLessThanOrEqualTo(MAX_CONNECTIONS);
        } finally {
            for (Socket socket : sockets) {
                socket.close();
            }
        }
        await().atMost(Duration.ofSeconds(10))
                .ignoreExceptions()
                .until(() -> RawHttp.exchange(node.port(), post("/function/greeter", 2, true) + "ok")
                        .startsWith("HTTP/1.1 200"));
    }

    @Test
    void webSocket_isNotClosedAsIdle_andItsConnectionIsCountedUntilItCloses() {
        double whileOpen;
        try (SocketClient socket = new SocketClient(node.port())) {
            // Longer than the idle timeout (4 s) with nothing sent: a WebSocket has no HTTP request in progress.
            await().during(Duration.ofSeconds(6)).atMost(Duration.ofSeconds(8)).until(socket::isOpen);
            socket.send(new JsonObject()
                    .put("op", "invoke")
                    .put("id", "w")
                    .put("function", "greeter")
                    .put("body", "ws"));
            assertThat(socket.next(30).getString("body")).isEqualTo("v1:ws");
            // Read once the connections of earlier tests are long gone (they close within the idle timeout).
            whileOpen = gauge("vfn_http_connections");
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> gauge("vfn_http_connections") == whileOpen - 1);
    }

    @Test
    void callWaitingForItsFunctionLongerThanTheIdleTimeout_isNotCut() {
        String answer = RawHttp.exchange(node.port(), post("/function/gate?ms=6000", 0, true));

        assertThat(answer).startsWith("HTTP/1.1 200").endsWith("passed");
    }

    private static String post(String path, long length, boolean close) {
        return "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/plain\r\nContent-Length: " + length
                + "\r\n" + (close ? "Connection: close\r\n" : "") + "\r\n";
    }

    private static Socket open() throws IOException {
        Socket socket = new Socket("127.0.0.1", node.port());
        socket.setSoTimeout(30_000);
        return socket;
    }

    private static void write(Socket socket, String text) throws IOException {
        socket.getOutputStream().write(text.getBytes(StandardCharsets.ISO_8859_1));
        socket.getOutputStream().flush();
    }

    /** Sends headers that announce a body, never the body, and reads the answer until the node closes. */
    private static String exchangeHeadersOnly(String headers) {
        try (Socket socket = open()) {
            write(socket, headers);
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static boolean anyClosed(List<Socket> sockets) throws IOException {
        for (Socket socket : sockets) {
            if (closedWithin(socket, 20)) {
                return true;
            }
        }
        return false;
    }

    /** @return whether the peer closed the connection within the time (what it sent before is read and dropped) */
    private static boolean closedWithin(Socket socket, int millis) throws IOException {
        socket.setSoTimeout(millis);
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[4096];
        try {
            while (in.read(buffer) >= 0) {
                // what the node answered, if anything
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (java.net.SocketException e) {
            return true;
        }
    }

    private static double gauge(String name) {
        return node.context().metrics().registry().get(name).gauge().value();
    }
}
