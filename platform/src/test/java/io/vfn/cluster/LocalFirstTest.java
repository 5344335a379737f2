package io.vfn.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.Counter;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vfn.launcher.VfnNode;
import io.vfn.runtime.Invocation;
import io.vfn.runtime.Reply;
import io.vfn.testfunctions.Gate;
import io.vfn.testfunctions.GreeterV1;
import io.vfn.testfunctions.NodeOf;
import io.vfn.testing.Await;
import io.vfn.testing.Gateway;
import io.vfn.testing.TestJars;
import io.vfn.testing.TestNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Local-first dispatch on two nodes that run the functions (A and B) and a gateway-only one (C): a call goes to an
 * instance on the node that took it while that node has room, spills over to another node when it has none, and a
 * node without instances sends everything on. What one member deploys, the others serve.
 */
class LocalFirstTest {

    private static VfnNode a;
    private static VfnNode b;
    private static VfnNode c;
    private static Gateway viaA;
    private static Gateway viaB;
    private static Gateway viaC;

    @BeforeAll
    static void start() {
        TestNode.Cluster cluster = TestNode.Cluster.create();
        a = cluster.start(TestNode.tempDir());
        b = cluster.start(TestNode.tempDir());
        c = cluster.start(TestNode.tempDir(), "--no-run-functions");
        viaA = new Gateway(a);
        viaB = new Gateway(b);
        viaC = new Gateway(c);
        viaA.deploy("node", TestJars.of(NodeOf.class), "");
        viaA.deploy("ordered", TestJars.of(NodeOf.class), "concurrency=1");
        viaA.deploy("gate", TestJars.of(Gate.class), "concurrency=2");
        await().atMost(Duration.ofSeconds(60))
                .until(() -> List.of("node", "ordered", "gate").stream()
                        .allMatch(f -> a.context().runtime().isReady(f)
                                && b.context().runtime().isReady(f)));
    }

    @AfterAll
    static void stop() {
        viaA.close();
        viaB.close();
        viaC.close();
        TestNode.stop(c);
        TestNode.stop(b);
        TestNode.stop(a);
    }

    @Test
    void functionDeployedThroughA_isInvokedThroughB() {
        assertThat(b.context().cluster().clusterSize()).isEqualTo(3);
        assertThat(viaA.deploy("greeter", TestJars.of(GreeterV1.class), "").statusCode())
                .isEqualTo(201);

        await().atMost(Duration.ofSeconds(20))
                .until(() -> viaB.invoke("greeter", "from b").statusCode() == 200);
        assertThat(viaB.invoke("greeter", "from b").bodyAsString()).isEqualTo("v1:from b");
        assertThat(b.context().runtime().isReady("greeter")).isTrue();
    }

    @Test
    void gatewayOnlyNode_runsNoInstance_andSendsEveryCallToOtherMembers() {
        assertThat(viaA.deploy("edge-greeter", TestJars.of(GreeterV1.class), "").statusCode())
                .isEqualTo(201);

        await().atMost(Duration.ofSeconds(20))
                .until(() -> viaC.invoke("edge-greeter", "edge").statusCode() == 200);
        assertThat(viaC.invoke("edge-greeter", "edge").bodyAsString()).isEqualTo("v1:edge");
        assertThat(c.context().runtime().isReady("edge-greeter")).isFalse();
        assertThat(c.context().catalog().get("edge-greeter")).isPresent();
    }

    @Test
    void callsThroughA_areAnsweredByA_whileItHasRoom() {
        double localBefore = dispatched(a, "node", "local");
        double remoteBefore = dispatched(a, "node", "remote");

        for (int i = 0; i < 40; i++) {
            HttpResponse<Buffer> answer = viaA.invoke("node", "x");
            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(answer.bodyAsString()).isEqualTo(NodeOf.of(a.context().vertx()));
        }
        assertThat(dispatched(a, "node", "local") - localBefore).isEqualTo(40);
        assertThat(dispatched(a, "node", "remote") - remoteBefore).isZero();
    }

    @Test
    void anAnswer_namesTheNodeWhoseInstanceGaveIt_handedOverOrOverTheBus() {
        Map<String, String> nodeIdByAnswer = Map.of(
                NodeOf.of(a.context().vertx()), a.context().cluster().nodeId(),
                NodeOf.of(b.context().vertx()), b.context().cluster().nodeId());

        Reply handedOver = Await.result(a.context().invoker().invoke("node", invocation(), Long.MAX_VALUE), 10);
        assertThat(handedOver.node()).contains(a.context().cluster().nodeId());
        assertThat(handedOver.functionHeaders().names()).noneMatch(name -> name.startsWith(":"));

        // A gateway-only node runs nothing: its calls cross the bus, and the answer still names the node that gave it.
        for (int i = 0; i < 4; i++) {
            Reply overTheBus = Await.result(c.context().invoker().invoke("node", invocation(), Long.MAX_VALUE), 10);
            assertThat(overTheBus.node())
                    .contains(nodeIdByAnswer.get(overTheBus.body().toString()));
        }
    }

    private static Invocation invocation() {
        return new Invocation(
                "POST", "", "", UUID.randomUUID().toString(), MultiMap.caseInsensitiveMultiMap(), Buffer.buffer("x"));
    }

    @Test
    void saturatedA_spillsToB_andRefusesNone() {
        double remoteBefore = dispatched(a, "gate", "remote");
        // Two long calls take A's whole concurrency (2)...
        List<Future<HttpResponse<Buffer>>> holding = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            holding.add(viaA.client().post("/function/gate?ms=3000").sendBuffer(Buffer.buffer("hold")));
        }
        await().atMost(Duration.ofSeconds(20))
                .until(() -> a.context().runtime().status("gate").getInteger("inflight", 0) == 2);

        // ...so the next ones go to B, and are served there rather than refused.
        for (int i = 0; i < 2; i++) {
            assertThat(viaA.client()
                            .post("/function/gate?ms=10")
                            .sendBuffer(Buffer.buffer("spill"))
                            .map(HttpResponse::statusCode)
                            .await())
                    .isEqualTo(200);
        }
        assertThat(dispatched(a, "gate", "remote") - remoteBefore).isGreaterThanOrEqualTo(2);
        for (Future<HttpResponse<Buffer>> call : holding) {
            assertThat(Await.result(call, 30).statusCode()).isEqualTo(200);
        }
    }

    @Test
    void gatewayOnlyNode_sendsEveryCallToTheOthers() {
        double remoteBefore = dispatched(c, "node", "remote");

        for (int i = 0; i < 20; i++) {
            HttpResponse<Buffer> answer = viaC.invoke("node", "x");
            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(answer.bodyAsString())
                    .isIn(NodeOf.of(a.context().vertx()), NodeOf.of(b.context().vertx()));
        }
        assertThat(dispatched(c, "node", "remote") - remoteBefore).isEqualTo(20);
        assertThat(dispatched(c, "node", "local")).isZero();
    }

    @Test
    void asyncCallsOfAFunctionWithConcurrencyOne_startInQueueOrderOnEachNode_andNeedNoSecondAttempt() {
        List<String> callIds = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            HttpResponse<Buffer> accepted = (i % 2 == 0 ? viaA : viaB).invokeAsync("ordered", "", "call-" + i, null);
            assertThat(accepted.statusCode()).isEqualTo(202);
            callIds.add(accepted.getHeader("X-Call-Id"));
        }

        Map<String, Long> lastStartByNode = new HashMap<>();
        for (String callId : callIds) {
            JsonObject record = viaA.awaitEnd(callId, 60);
            assertThat(record.getString("status")).isEqualTo("succeeded");
            // A call refused by a busy instance elsewhere would be retried at the back of the queue: out of order.
            assertThat(record.getInteger("attempts")).isEqualTo(1);
            String node = record.getJsonObject("result").getString("body");
            long started = record.getLong("startedAt");
            assertThat(started).isGreaterThanOrEqualTo(lastStartByNode.getOrDefault(node, 0L));
            lastStartByNode.put(node, started);
        }
    }

    private static double dispatched(VfnNode node, String function, String target) {
        Counter counter = node.context()
                .metrics()
                .registry()
                .find("vfn_dispatch_total")
                .tags("function", function, "target", target)
                .counter();
        return counter == null ? 0 : counter.count();
    }
}
