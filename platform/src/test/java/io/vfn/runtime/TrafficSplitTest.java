package io.vfn.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vfn.launcher.VfnNode;
import io.vfn.testfunctions.GreeterV1;
import io.vfn.testfunctions.GreeterV2;
import io.vfn.testfunctions.GreeterV3;
import io.vfn.testing.Await;
import io.vfn.testing.Gateway;
import io.vfn.testing.TestJars;
import io.vfn.testing.TestNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Aliases and the weighted default route on two members: greeter has revisions 1, 2, 3 (3 in force), {@code canary}
 * names 2, and the default route is split 90/10 between 1 and 2.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TrafficSplitTest {

    private static final int CALLS = 2_000;

    private static VfnNode a;
    private static VfnNode b;
    private static Gateway gatewayA;
    private static Gateway gatewayB;

    @BeforeAll
    static void start() {
        TestNode.Cluster cluster = TestNode.Cluster.create();
        a = cluster.start(TestNode.tempDir());
        b = cluster.start(TestNode.tempDir());
        gatewayA = new Gateway(a);
        gatewayB = new Gateway(b);
        for (byte[] jar :
                List.of(TestJars.of(GreeterV1.class), TestJars.of(GreeterV2.class), TestJars.of(GreeterV3.class))) {
            assertThat(gatewayA.deploy("greeter", jar, "").statusCode()).isIn(200, 201);
        }
        assertThat(put("/system/functions/greeter/aliases/canary", new JsonObject().put("revision", 2))
                        .statusCode())
                .isEqualTo(200);
        assertThat(put(
                                "/system/functions/greeter/traffic",
                                new JsonObject().put("1", 90).put("2", 10))
                        .statusCode())
                .isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).until(() -> runningEverywhere(List.of(1, 2, 3)));
    }

    @AfterAll
    static void stop() {
        gatewayA.close();
        gatewayB.close();
        TestNode.stop(b);
        TestNode.stop(a);
    }

    @Test
    @Order(1)
    void a90To10Split_over2000Calls_givesRevision2AShareWithinFiveStandardDeviations() {
        List<Future<HttpResponse<Buffer>>> calls = new ArrayList<>();
        for (int i = 0; i < CALLS; i++) {
            calls.add(gatewayA.client().post("/function/greeter").sendBuffer(Buffer.buffer("x")));
            if (calls.size() % 100 == 0) {
                Await.result(Future.join(calls.subList(calls.size() - 100, calls.size())), 120);
            }
        }
        Await.result(Future.join(calls), 120);
        long v2 = calls.stream()
                .filter(c -> c.result().bodyAsString().equals("v2:x"))
                .count();
        long v1 = calls.stream()
                .filter(c -> c.result().bodyAsString().equals("v1:x"))
                .count();

        // Binomial(n = 2000, p = 0.1): mean 200, standard deviation sqrt(2000 * 0.1 * 0.9) ≈ 13.4; ±5 sd = 133..267
        // (a correct split falls outside about once in 1.7 million runs).
        System.out.println("90/10 split over " + CALLS + " calls: revision 1 answered " + v1 + ", revision 2 " + v2);
        assertThat(v1 + v2).isEqualTo(CALLS);
        assertThat(v2).isBetween(133L, 267L);
        assertThat(calls)
                .allMatch(c -> c.result()
                        .getHeader("X-Revision")
                        .equals(c.result().bodyAsString().equals("v1:x") ? "1" : "2"));
    }

    @Test
    @Order(2)
    void aliasAndRevisionRoutes_hitExactlyTheirRevision_onEitherMember() {
        for (int i = 0; i < 50; i++) {
            assertThat(gatewayA.invoke("greeter@canary", "c").bodyAsString()).isEqualTo("v2:c");
            assertThat(gatewayB.invoke("greeter@3", "t").bodyAsString()).isEqualTo("v3:t");
        }
        HttpResponse<Buffer> pinned = gatewayB.invoke("greeter@1", "o");
        assertThat(pinned.bodyAsString()).isEqualTo("v1:o");
        assertThat(pinned.getHeader("X-Revision")).isEqualTo("1");
        assertThat(gatewayA.invoke("greeter@nope", "x").statusCode()).isEqualTo(404);
        assertThat(gatewayA.invoke("greeter@9", "x").statusCode()).isEqualTo(404);
    }

    @Test
    @Order(3)
    void weightsChangedOnA_areHonouredOnBWithinOneSecond_withoutRestartingTheRevisionsThatKeepRunning() {
        JsonObject startedBefore = ownStatus(gatewayB, b).getJsonObject("since");

        assertThat(put("/system/functions/greeter/traffic", new JsonObject().put("2", 100))
                        .statusCode())
                .isEqualTo(200);
        long changedAt = System.nanoTime();
        await().atMost(Duration.ofSeconds(1))
                .pollInterval(Duration.ofMillis(10))
                .until(() -> gatewayB.invoke("greeter", "w").bodyAsString().equals("v2:w"));
        System.out.println(
                "weights changed on A were honoured on B after " + (System.nanoTime() - changedAt) / 1_000_000 + " ms");

        for (int i = 0; i < 20; i++) {
            assertThat(gatewayB.invoke("greeter", "w").bodyAsString()).isEqualTo("v2:w");
        }
        JsonObject startedAfter = ownStatus(gatewayB, b).getJsonObject("since");
        assertThat(startedAfter.getString("2")).isEqualTo(startedBefore.getString("2"));
        assertThat(startedAfter.getString("3")).isEqualTo(startedBefore.getString("3"));
    }

    @Test
    @Order(4)
    void aRevisionWithNoShareAndNoAlias_stopsItsInstances_andItsRouteAnswers409() {
        assertThat(put("/system/functions/greeter/traffic", new JsonObject().put("2", 100))
                        .statusCode())
                .isEqualTo(200);

        await().atMost(Duration.ofSeconds(30)).until(() -> runningEverywhere(List.of(2, 3)));
        assertThat(gatewayA.invoke("greeter@1", "x").statusCode()).isEqualTo(409);
        assertThat(gatewayA.request(HttpMethod.DELETE, "/system/functions/greeter/aliases/canary", null, true)
                        .statusCode())
                .isEqualTo(204);
        assertThat(put("/system/functions/greeter/traffic", new JsonObject()).statusCode())
                .isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).until(() -> runningEverywhere(List.of(3)));
        assertThat(gatewayB.invoke("greeter", "x").getHeader("X-Revision")).isEqualTo("3");
    }

    @Test
    @Order(5)
    void badSplits_areRefusedWith400Or404() {
        assertThat(put(
                                "/system/functions/greeter/traffic",
                                new JsonObject().put("1", 50).put("3", 40))
                        .statusCode())
                .isEqualTo(400);
        assertThat(put("/system/functions/greeter/traffic", new JsonObject().put("9", 100))
                        .statusCode())
                .isEqualTo(404);
        assertThat(put("/system/functions/greeter/traffic", new JsonObject().put("x", 100))
                        .statusCode())
                .isEqualTo(400);
        assertThat(put("/system/functions/greeter/aliases/canary", new JsonObject().put("revision", 9))
                        .statusCode())
                .isEqualTo(404);
    }

    private static HttpResponse<Buffer> put(String uri, JsonObject body) {
        return gatewayA.request(HttpMethod.PUT, uri, body.toBuffer(), true);
    }

    /** Whether both members run exactly these revisions of greeter (each asked through its own gateway). */
    private static boolean runningEverywhere(List<Integer> revisions) {
        return List.of(revisions)
                        .equals(List.of(ownStatus(gatewayA, a)
                                .getJsonArray("revisions", new JsonArray())
                                .getList()))
                && List.of(revisions)
                        .equals(List.of(ownStatus(gatewayB, b)
                                .getJsonArray("revisions", new JsonArray())
                                .getList()));
    }

    private static JsonObject ownStatus(Gateway gateway, VfnNode node) {
        String nodeId = node.context().cluster().nodeId();
        return gateway.adminGet("/system/functions/greeter").bodyAsJsonObject().getJsonArray("nodes").stream()
                .map(JsonObject.class::cast)
                .filter(n -> nodeId.equals(n.getString("nodeId")))
                .findFirst()
                .orElse(new JsonObject());
    }
}
