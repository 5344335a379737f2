package io.vfn.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vfn.cluster.NodeState;
import io.vfn.launcher.VfnNode;
import io.vfn.runtime.Invoker;
import io.vfn.sdk.Addresses;
import io.vfn.testfunctions.Caller;
import io.vfn.testfunctions.Gate;
import io.vfn.testfunctions.GreeterV1;
import io.vfn.testfunctions.RequestEcho;
import io.vfn.testing.Await;
import io.vfn.testing.Gateway;
import io.vfn.testing.SocketClient;
import io.vfn.testing.TestJars;
import io.vfn.testing.TestNode;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * WebSocket {@code invoke} takes the same path as HTTP sync (one invoker): the same refusal while draining, drain
 * accounting, bounded resends of a call that never ran; and no caller, whatever its entry point, can set the platform's {@code :}-entries.
 * Calls enter through a gateway-only node and run on another one, so they cross the cluster as in production.
 */
class InvocationPathTest {

    private static final String SMUGGLED_DEADLINE = Long.toString(Long.MAX_VALUE / 2);
    private static final JsonObject SMUGGLING_HEADERS = new JsonObject()
            .put(":deadline", SMUGGLED_DEADLINE)
            .put(":call-id", "smuggled-id")
            .put(":query", "smuggled=1")
            .put("X-Plain", "kept");

    private static TestNode.Cluster cluster;
    private static VfnNode edge;
    private static VfnNode worker;
    private static Gateway viaEdge;

    @BeforeAll
    static void start() {
        cluster = TestNode.Cluster.create();
        edge = cluster.start(TestNode.tempDir(), "--no-run-functions");
        worker = cluster.start(TestNode.tempDir());
        viaEdge = new Gateway(edge);
        viaEdge.deploy("echo", TestJars.of(RequestEcho.class), "timeout=5s");
        viaEdge.deploy("slow", TestJars.of(Gate.class), "timeout=30s");
        viaEdge.deploy("caller", TestJars.of(Caller.class), "timeout=5s");
        viaEdge.deploy("short", TestJars.of(Gate.class), "timeout=1s&concurrency=1&maxRetries=0");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> worker.context().runtime().isReady("short"));
    }

    @AfterAll
    static void stop() {
        if (viaEdge != null) {
            viaEdge.close();
        }
        TestNode.stop(worker);
        TestNode.stop(edge);
    }

    @Test
    void platformEntriesSentAsWebSocketHeaders_neverReachTheFunction() {
        try (SocketClient socket = new SocketClient(edge.port())) {
            long sent = System.currentTimeMillis();
            socket.send(new JsonObject()
                    .put("op", "invoke")
                    .put("id", "w")
                    .put("function", "echo")
                    .put("headers", SMUGGLING_HEADERS));

            JsonObject result = socket.next(30);

            assertThat(result.getString("op")).isEqualTo("result");
            assertSawOnlyThePlatformsOwn(
                    new JsonObject(result.getValue("body").toString()), result.getString("callId"), sent);
        }
    }

    @Test
    void platformEntriesStoredWithAnAsyncRequest_neverReachTheFunction() {
        try (SocketClient socket = new SocketClient(edge.port())) {
            long sent = System.currentTimeMillis();
            socket.send(new JsonObject()
                    .put("op", "invokeAsync")
                    .put("id", "a")
                    .put("function", "echo")
                    .put("headers", SMUGGLING_HEADERS));

            JsonObject accepted = socket.next(30);
            JsonObject result = socket.next(30);

            assertThat(result.getString("op")).isEqualTo("result");
            assertSawOnlyThePlatformsOwn(
                    new JsonObject(result.getValue("body").toString()), accepted.getString("callId"), sent);
        }
    }

    @Test
    void platformEntriesSentAsHttpHeaders_neverReachTheFunction() {
        long sent = System.currentTimeMillis();
        // Raw bytes: a well-behaved client refuses to send such header names at all.
        String answer = RawHttp.exchange(
                edge.port(),
                "POST /function/echo HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                        + ":deadline: " + SMUGGLED_DEADLINE
                        + "\r\n:call-id: smuggled-id\r\n:query: smuggled=1\r\nX-Plain: kept\r\n"
                        + "Content-Length: 0\r\nConnection: close\r\n\r\n");

        String statusLine = answer.substring(0, answer.indexOf("\r\n"));
        if (statusLine.contains(" 200 ")) {
            String callId = answer.lines()
                    .filter(l -> l.toLowerCase().startsWith("x-call-id:"))
                    .findFirst()
                    .orElseThrow()
                    .substring("x-call-id:".length())
                    .trim();
            assertSawOnlyThePlatformsOwn(
                    new JsonObject(answer.substring(answer.indexOf("\r\n\r\n") + 4)), callId, sent);
        } else {
            // The HTTP parser itself refuses header names that start with ':'.
            assertThat(statusLine).contains(" 400 ");
        }
    }

    @Test
    void functionCallingAFunction_goesThroughTheSameInvoker() {
        long sent = System.currentTimeMillis();
        HttpResponse<Buffer> answered = viaEdge.invoke("caller", "echo");
        HttpResponse<Buffer> unknown = viaEdge.invoke("caller", "nope");

        assertSawOnlyThePlatformsOwn(answered.bodyAsJsonObject(), answered.getHeader("X-Call-Id"), sent);
        assertThat(unknown.bodyAsString()).isEqualTo("failed 404");
    }

    @Test
    void smuggledFarDeadline_stillInterruptsABlockingCallAtItsTimeout() {
        try (SocketClient socket = new SocketClient(edge.port())) {
            socket.send(new JsonObject()
                    .put("op", "invoke")
                    .put("id", "long")
                    .put("function", "short")
                    .put("body", "60000")
                    .put("headers", new JsonObject().put(":deadline", SMUGGLED_DEADLINE)));
            JsonObject timedOut = socket.next(30);
            // "short" has one worker thread: this call runs only if the first one's thread was interrupted.
            socket.send(new JsonObject()
                    .put("op", "invoke")
                    .put("id", "next")
                    .put("function", "short")
                    .put("body", "0"));
            JsonObject next = socket.next(30);

            assertThat(timedOut.getString("op")).isEqualTo("error");
            assertThat(timedOut.getInteger("status")).isEqualTo(504);
            assertThat(next.getString("op")).isEqualTo("result");
            assertThat(next.getString("body")).isEqualTo("passed");
        }
    }

    @Test
    void webSocketInvoke_whoseInstanceVanishedUnseen_isSentAgain_aBoundedNumberOfTimes() {
        // "ghost" is deployed on a node that runs no function: the only consumer of its address is the stand-in.
        VfnNode lonely = TestNode.start("--no-run-functions");
        try (Gateway http = new Gateway(lonely);
                SocketClient socket = new SocketClient(lonely.port())) {
            http.deploy("ghost", TestJars.of(GreeterV1.class), "");
            AtomicInteger seenOnce = new AtomicInteger();
            MessageConsumer<Buffer> vanishingOnce = vanishingInstance(lonely, seenOnce, 1);
            socket.send(new JsonObject()
                    .put("op", "invoke")
                    .put("id", "once")
                    .put("function", "ghost")
                    .put("body", "x"));
            JsonObject resent = socket.next(30);
            Await.result(vanishingOnce.unregister(), 10);

            AtomicInteger seenAlways = new AtomicInteger();
            MessageConsumer<Buffer> alwaysVanishing = vanishingInstance(lonely, seenAlways, Integer.MAX_VALUE);
            socket.send(new JsonObject()
                    .put("op", "invoke")
                    .put("id", "always")
                    .put("function", "ghost")
                    .put("body", "x"));
            JsonObject gaveUp = socket.next(30);
            Await.result(alwaysVanishing.unregister(), 10);

            assertThat(resent.getString("op")).isEqualTo("result");
            assertThat(resent.getString("body")).isEqualTo("answered the resend");
            assertThat(seenOnce).hasValue(2);
            assertThat(gaveUp.getString("op")).isEqualTo("error");
            assertThat(gaveUp.getInteger("status")).isEqualTo(503);
            assertThat(seenAlways).hasValue(1 + Invoker.RESENDS);
        } finally {
            TestNode.stop(lonely);
        }
    }

    @Test
    void drainingNode_refusesNewWebSocketAndHttpCallsAlike_andWaitsForTheWebSocketCallItSent() {
        VfnNode draining = cluster.start(TestNode.tempDir(), "--no-run-functions");
        Future<Void> closed = null;
        try (SocketClient socket = new SocketClient(draining.port());
                Gateway http = new Gateway(draining)) {
            socket.send(new JsonObject()
                    .put("op", "invoke")
                    .put("id", "inflight")
                    .put("function", "slow")
                    .put("body", "3000"));
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> draining.context().state().callsInFlight() == 1);

            closed = draining.close();
            assertThat(draining.context().state().phase()).isEqualTo(NodeState.Phase.DRAINING);
            socket.send(new JsonObject().put("op", "invoke").put("id", "new").put("function", "echo"));
            JsonObject refused = socket.next(30);
            HttpResponse<Buffer> httpRefused = http.invoke("echo", "");
            HttpResponse<Buffer> readiness = http.request(HttpMethod.GET, "/health/ready", null, false);
            JsonObject inflight = socket.next(30);

            assertThat(refused.getString("id")).isEqualTo("new");
            assertThat(refused.getInteger("status")).isEqualTo(503).isEqualTo(httpRefused.statusCode());
            assertThat(refused.getString("title"))
                    .isEqualTo(Gateway.problem(httpRefused).getString("title"));
            assertThat(refused.getString("detail"))
                    .isEqualTo(Gateway.problem(httpRefused).getString("detail"));
            assertThat(readiness.statusCode()).isEqualTo(503);
            assertThat(inflight.getString("id")).isEqualTo("inflight");
            assertThat(inflight.getString("body")).isEqualTo("passed");
        } finally {
            Await.result(closed == null ? draining.close() : closed, 60);
        }
    }

    /** The function's view holds the platform's call id, a deadline within its timeout, no query, no ':' header. */
    private static void assertSawOnlyThePlatformsOwn(JsonObject seen, String callId, long sentAt) {
        assertThat(seen.getString("callId")).isEqualTo(callId).isNotEqualTo("smuggled-id");
        assertThat(seen.getLong("deadline")).isBetween(sentAt, System.currentTimeMillis() + 5_000);
        assertThat(seen.getJsonObject("query").isEmpty()).isTrue();
        assertThat(seen.getJsonObject("headers").fieldNames()).noneMatch(name -> name.startsWith(":"));
        assertThat(seen.getJsonObject("headers").getString("X-Plain")).isEqualTo("kept");
    }

    /**
     * A stand-in for an instance of "ghost" that answers its first {@code vanishings} calls the way the event bus
     * answers a call whose instance unregistered before it saw it, and the next ones with a text.
     */
    private static MessageConsumer<Buffer> vanishingInstance(VfnNode node, AtomicInteger seen, int vanishings) {
        MessageConsumer<Buffer> consumer = node.context()
                .vertx()
                .eventBus()
                .consumer(Addresses.function("ghost"), message -> {
                    if (seen.incrementAndGet() <= vanishings) {
                        message.reply(new ReplyException(
                                ReplyFailure.NO_HANDLERS, "No handlers for address " + message.address()));
                    } else {
                        message.reply(Buffer.buffer("answered the resend"));
                    }
                });
        Await.result(consumer.completion(), 10);
        return consumer;
    }
}
