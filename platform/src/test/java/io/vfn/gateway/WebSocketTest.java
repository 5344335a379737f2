package io.vfn.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vfn.launcher.VfnNode;
import io.vfn.testfunctions.Gate;
import io.vfn.testfunctions.GreeterV1;
import io.vfn.testing.Gateway;
import io.vfn.testing.SocketClient;
import io.vfn.testing.TestJars;
import io.vfn.testing.TestNode;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code /ws} on two clustered nodes: invoke, invokeAsync with push, subscribe, pushes across nodes, bad frames. */
class WebSocketTest {

    private static VfnNode a;
    private static VfnNode b;
    private static Gateway viaA;

    @BeforeAll
    static void start() {
        TestNode.Cluster cluster = TestNode.Cluster.create();
        a = cluster.start(TestNode.tempDir(), "--no-examples");
        b = cluster.start(TestNode.tempDir(), "--no-examples");
        viaA = new Gateway(a);
        viaA.deploy("greeter", TestJars.of(GreeterV1.class), "");
        viaA.deploy("gate", TestJars.of(Gate.class), "");
        await().atMost(Duration.ofSeconds(30)).until(() -> b.context().runtime().isReady("gate"));
    }

    @AfterAll
    static void stop() {
        viaA.close();
        TestNode.stop(b);
        TestNode.stop(a);
    }

    @Test
    void invoke_answersWithAResultFrame() {
        try (SocketClient socket = new SocketClient(a.port())) {
            socket.send(new JsonObject()
                    .put("op", "invoke")
                    .put("id", "c1")
                    .put("function", "greeter")
                    .put("body", "ada"));

            JsonObject result = socket.next(30);

            assertThat(result.getString("op")).isEqualTo("result");
            assertThat(result.getString("id")).isEqualTo("c1");
            assertThat(result.getInteger("status")).isEqualTo(200);
            assertThat(result.getString("body")).isEqualTo("v1:ada");
            assertThat(result.getString("callId")).isNotBlank();
        }
        assertThat(viaA.request(HttpMethod.GET, "/metrics", null, false).bodyAsString())
                .contains("vfn_invocations_total{function=\"greeter\",mode=\"websocket\",outcome=\"success\"}");
    }

    @Test
    void invokeAsync_isAcceptedThenItsResultPushed() {
        try (SocketClient socket = new SocketClient(a.port())) {
            socket.send(new JsonObject()
                    .put("op", "invokeAsync")
                    .put("id", "c2")
                    .put("function", "greeter")
                    .put("body", new JsonObject().put("json", true)));

            JsonObject accepted = socket.next(30);
            JsonObject result = socket.next(30);

            assertThat(accepted.getString("op")).isEqualTo("accepted");
            assertThat(accepted.getString("id")).isEqualTo("c2");
            assertThat(result.getString("op")).isEqualTo("result");
            assertThat(result.getString("callId")).isEqualTo(accepted.getString("callId"));
            assertThat(result.getString("body")).isEqualTo("v1:{\"json\":true}");
        }
    }

    @Test
    void subscribeOnAnotherNode_beforeTheEnd_getsThePush() {
        String callId = viaA.invokeAsync("gate", "?ms=1000", "", null).getHeader("X-Call-Id");
        try (SocketClient socket = new SocketClient(b.port())) {
            socket.send(new JsonObject().put("op", "subscribe").put("id", "s1").put("callId", callId));

            JsonObject result = socket.next(30);

            assertThat(result.getString("op")).isEqualTo("result");
            assertThat(result.getString("callId")).isEqualTo(callId);
            assertThat(result.getString("body")).isEqualTo("passed");
        }
    }

    @Test
    void subscribeAfterTheEnd_answersAtOnce() {
        String callId = viaA.invokeAsync("greeter", "", "late", null).getHeader("X-Call-Id");
        viaA.awaitEnd(callId, 30);
        try (SocketClient socket = new SocketClient(b.port())) {
            socket.send(new JsonObject().put("op", "subscribe").put("callId", callId));

            assertThat(socket.next(10).getString("body")).isEqualTo("v1:late");
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "not json",
                "[1,2]",
                "{\"op\":\"dance\"}",
                "{\"op\":\"invoke\"}",
                "{\"op\":\"subscribe\",\"callId\":\"nope\"}",
                "{\"op\":\"invoke\",\"function\":\"nope\"}"
            })
    void malformedOrWrongFrame_getsAnErrorFrame_andTheSocketStaysOpen(String frame) {
        try (SocketClient socket = new SocketClient(a.port())) {
            socket.sendRaw(frame);

            JsonObject error = socket.next(10);

            assertThat(error.getString("op")).isEqualTo("error");
            assertThat(error.getInteger("status")).isIn(400, 404);
            assertThat(error.getString("title")).isNotBlank();
            socket.send(new JsonObject()
                    .put("op", "invoke")
                    .put("id", "after")
                    .put("function", "greeter")
                    .put("body", "ok"));
            assertThat(socket.next(30).getString("body")).isEqualTo("v1:ok");
            assertThat(socket.isOpen()).isTrue();
        }
    }
}
