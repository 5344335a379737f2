package io.vfn.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vfn.launcher.VfnNode;
import io.vfn.testfunctions.Gate;
import io.vfn.testfunctions.GreeterV1;
import io.vfn.testfunctions.HeldEcho;
import io.vfn.testing.Await;
import io.vfn.testing.Gateway;
import io.vfn.testing.SocketClient;
import io.vfn.testing.TestJars;
import io.vfn.testing.TestNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What one WebSocket may make a node hold: subscriptions (bounded, gone with the socket) and frames for a slow reader. */
class WebSocketBoundsTest {

    private static VfnNode node;
    private static Gateway gateway;

    @BeforeAll
    static void start() {
        node = TestNode.start();
        gateway = new Gateway(node);
        gateway.deploy("greeter", TestJars.of(GreeterV1.class), "");
        gateway.deploy("gate", TestJars.of(Gate.class), "");
        gateway.deploy("held", TestJars.of(HeldEcho.class), "concurrency=1000");
    }

    @AfterAll
    static void stop() {
        gateway.close();
        TestNode.stop(node);
    }

    @Test
    void subscriptionsPastTheBound_getA429Frame_theSocketGoesOn_andClosingItRemovesThemAll() {
        String running = gateway.invokeAsync("gate", "?ms=15000", "", null).getHeader("X-Call-Id");
        try (SocketClient socket = new SocketClient(node.port())) {
            for (int i = 0; i <= SocketSubscriptions.MAX; i++) {
                socket.send(new JsonObject()
                        .put("op", "subscribe")
                        .put("id", "s" + i)
                        .put("callId", running));
            }

            // A subscription to a call still running answers nothing: the first frame is the refusal of the last one.
            JsonObject refused = socket.next(30);
            assertThat(refused.getString("op")).isEqualTo("error");
            assertThat(refused.getString("id")).isEqualTo("s" + SocketSubscriptions.MAX);
            assertThat(refused.getInteger("status")).isEqualTo(429);
            await().atMost(Duration.ofSeconds(30)).until(() -> waiting() == SocketSubscriptions.MAX);

            socket.send(new JsonObject()
                    .put("op", "invoke")
                    .put("id", "i1")
                    .put("function", "greeter")
                    .put("body", "ada"));
            assertThat(socket.next(30).getString("body")).isEqualTo("v1:ada");
        }
        // The call runs on: only the socket's close can have removed its subscribers.
        await().atMost(Duration.ofSeconds(10)).until(() -> waiting() == 0);
        assertThat(gateway.call(running).getString("status")).isEqualTo("running");
    }

    @Test
    void subscribeToAnUnknownCall_answers404_andHoldsNothing() {
        try (SocketClient socket = new SocketClient(node.port())) {
            socket.send(new JsonObject().put("op", "subscribe").put("id", "u").put("callId", "no-such-call"));

            JsonObject answer = socket.next(30);
            assertThat(answer.getInteger("status")).isEqualTo(404);
            assertThat(waiting()).isZero();
        }
    }

    @Test
    void readerThatDoesNotRead_isClosedWith1013_onceThePushesWaitingForItPassTheBound() {
        // 100 calls held until the test releases them, 384 KiB each: 39 MB of pushes at once for a reader that reads
        // nothing, against a bound of 8 MiB waiting (plus what the operating system buffers, a few MB here).
        int calls = 100;
        String body = "b".repeat(384 * 1024);
        List<Future<HttpResponse<Buffer>>> submitted = new ArrayList<>();
        for (int i = 0; i < calls; i++) {
            submitted.add(gateway.client().post("/async-function/held").sendBuffer(Buffer.buffer(body)));
        }
        List<String> callIds = new ArrayList<>();
        for (Future<HttpResponse<Buffer>> response : submitted) {
            callIds.add(Await.result(response, 60).getHeader("X-Call-Id"));
        }
        Vertx vertx = Vertx.vertx();
        try {
            // A tiny receive buffer: the node's queue of frames fills, not the operating system's buffers.
            // A handshake on this loaded machine was seen cut now and then (client side, "closed while handshake in
            // process", before a frame): tried again, as a client would; what is tested starts after it.
            WebSocket socket = await().atMost(Duration.ofSeconds(60))
                    .ignoreExceptions()
                    .until(
                            () -> Await.result(
                                    vertx.createWebSocketClient(new WebSocketClientOptions().setReceiveBufferSize(8192))
                                            .connect(new WebSocketConnectOptions()
                                                    .setHost("127.0.0.1")
                                                    .setPort(node.port())
                                                    .setURI("/ws")),
                                    30),
                            java.util.Objects::nonNull);
            AtomicInteger received = new AtomicInteger();
            CompletableFuture<Short> closed = new CompletableFuture<>();
            socket.textMessageHandler(text -> received.incrementAndGet());
            socket.closeHandler(v -> closed.complete(socket.closeStatusCode()));
            socket.pause();
            for (String callId : callIds) {
                socket.writeTextMessage(new JsonObject()
                        .put("op", "subscribe")
                        .put("callId", callId)
                        .encode());
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> waiting() == calls);
            await().atMost(Duration.ofSeconds(30)).until(() -> asyncRunning() == calls);

            // Released again while some are not answered: a call leased a moment ago may not be held yet.
            await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> {
                        node.context().vertx().eventBus().publish(HeldEcho.RELEASE, "go");
                        return answered("held") >= calls;
                    });
            socket.resume();

            short code = closed.get(30, TimeUnit.SECONDS);
            System.out.printf(
                    "slow reader: %d of %d pushes reached it before the close (code %d)%n",
                    received.get(), calls, code);
            // The node closed it, dropping what it held for it. Its close frame (1013) waits behind the frames the
            // reader did not read; when the reader comes back after the node's closing timeout (10 s, likely on a
            // loaded machine), the connection was cut without it.
            assertThat(received.get()).isLessThan(calls);
            assertThat(code).isIn((short) 1013, (short) 1006, (short) 1000);
        } catch (Exception e) {
            throw new AssertionError(e);
        } finally {
            Await.result(vertx.close(), 30);
        }
    }

    private static int waiting() {
        return node.context().async().subscriptions().waiting();
    }

    private static int asyncRunning() {
        return node.context().async().scheduler().running();
    }

    private static double answered(String function) {
        return node
                .context()
                .metrics()
                .registry()
                .find("vfn_invocations_total")
                .tag("function", function)
                .counters()
                .stream()
                .mapToDouble(c -> c.count())
                .sum();
    }
}
