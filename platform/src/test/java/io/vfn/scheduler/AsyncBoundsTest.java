package io.vfn.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vfn.launcher.VfnNode;
import io.vfn.testfunctions.Bulk;
import io.vfn.testfunctions.Gate;
import io.vfn.testfunctions.GreeterV1;
import io.vfn.testing.Gateway;
import io.vfn.testing.TestJars;
import io.vfn.testing.TestNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What the call store may hold is bounded in bytes: refused before anything is stored, never evicted. */
class AsyncBoundsTest {

    private static VfnNode node;
    private static Gateway gateway;

    @BeforeAll
    static void start() {
        node = TestNode.start("--max-async-body", "4k", "--max-async-result", "8k", "--max-function-store", "48k");
        gateway = new Gateway(node);
        gateway.deploy("greeter", TestJars.of(GreeterV1.class), "");
        gateway.deploy("bulk", TestJars.of(Bulk.class), "");
        gateway.deploy("held", TestJars.of(Gate.class), "concurrency=1");
    }

    @AfterAll
    static void stop() {
        gateway.close();
        TestNode.stop(node);
    }

    private static com.hazelcast.core.HazelcastInstance hazelcast() {
        return node.context().cluster().clusterManager().getHazelcastInstance();
    }

    @Test
    void asyncBodyOverItsOwnLimit_answers413_whileSyncTakesIt() {
        HttpResponse<Buffer> async = gateway.invokeAsync("greeter", "", "x".repeat(5000), null);

        assertThat(async.statusCode()).isEqualTo(413);
        assertThat(Gateway.problem(async).getString("title")).isEqualTo("Body too large");
        assertThat(gateway.invoke("greeter", "x".repeat(5000)).statusCode()).isEqualTo(200);
    }

    @Test
    void functionHoldingItsBoundOfBytes_answers429WithRetryAfter_andEveryAcceptedCallSucceeds() {
        String blocker = gateway.invokeAsync("held", "?ms=2000", "", null).getHeader("X-Call-Id");
        List<String> accepted = new ArrayList<>(List.of(blocker));
        HttpResponse<Buffer> refused = null;
        for (int i = 0; i < 100 && refused == null; i++) {
            HttpResponse<Buffer> response = gateway.invokeAsync("held", "?ms=1", "y".repeat(3000), null);
            if (response.statusCode() == 202) {
                accepted.add(response.getHeader("X-Call-Id"));
            } else {
                refused = response;
            }
        }

        assertThat(refused).as("a refusal within 100 calls of 3,000 bytes").isNotNull();
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.getHeader("Retry-After")).isEqualTo("1");
        assertThat(Gateway.problem(refused).getString("detail")).contains("--max-function-store");
        // 48 KiB at about 5 KiB a record (3,000 bytes in base64 plus the record): a dozen, not a hundred.
        assertThat(accepted.size()).isBetween(5, 15);
        for (String callId : accepted) {
            assertThat(gateway.awaitEnd(callId, 60).getString("status")).isEqualTo("succeeded");
        }
        // Ended calls keep no body: the bytes are free again.
        await().atMost(Duration.ofSeconds(10))
                .until(() -> gateway.invokeAsync("held", "?ms=1", "y".repeat(3000), null)
                                .statusCode()
                        == 202);
    }

    @Test
    void succeededCall_keepsNoRequestBodyInTheStore() {
        String callId = gateway.invokeAsync("greeter", "", "ada", null).getHeader("X-Call-Id");
        assertThat(gateway.awaitEnd(callId, 30).getString("status")).isEqualTo("succeeded");

        JsonObject request =
                new JsonObject(hazelcast().getMap("vfn.calls").get(callId).toString()).getJsonObject("request");

        assertThat(request.containsKey("body")).isFalse();
        assertThat(request.getBoolean("bodyDropped")).isTrue();
    }

    @Test
    void resultOverTheLimit_failsTheCallWithTheReason_withoutRetries() {
        String callId = gateway.invokeAsync("bulk", "?bytes=9000", "", null).getHeader("X-Call-Id");

        JsonObject ended = gateway.awaitEnd(callId, 30);

        assertThat(ended.getString("status")).isEqualTo("failed");
        assertThat(ended.getString("error")).contains("9000 bytes").contains("--max-async-result");
        assertThat(ended.getInteger("attempts")).isEqualTo(1);
        assertThat(gateway.awaitEnd(
                                gateway.invokeAsync("bulk", "?bytes=8000", "", null)
                                        .getHeader("X-Call-Id"),
                                30)
                        .getString("status"))
                .isEqualTo("succeeded");
    }

    @Test
    void deletingAFunction_cancelsItsQueuedCalls_andRemovesItsJarFromTheCluster() {
        String version = gateway.deploy(
                        "doomed", TestJars.of(Gate.class, Bulk.class), "concurrency=1&handler=" + Gate.class.getName())
                .bodyAsJsonObject()
                .getString("version");
        String running = gateway.invokeAsync("doomed", "?ms=1500", "", null).getHeader("X-Call-Id");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> "running".equals(gateway.call(running).getString("status")));
        List<String> queued = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            queued.add(gateway.invokeAsync("doomed", "?ms=1", "", null).getHeader("X-Call-Id"));
        }

        assertThat(gateway.undeploy("doomed").statusCode()).isEqualTo(204);

        assertThat(gateway.awaitEnd(running, 30).getString("status")).isEqualTo("succeeded");
        for (String callId : queued) {
            JsonObject ended = gateway.awaitEnd(callId, 30);
            assertThat(ended.getString("status")).isEqualTo("cancelled");
            assertThat(ended.getString("error")).contains("deleted");
        }
        assertThat(hazelcast().getQueue("vfn.queue.doomed").size()).isZero();
        assertThat(hazelcast().getMap("vfn.jars").containsKey(version)).isFalse();
        assertThat(gateway.request(HttpMethod.GET, "/calls?limit=0", null, true).statusCode())
                .isEqualTo(400);
    }

    @Test
    void listingCalls_givesOnePageNewestFirst_andRefusesALimitPastItsBound() {
        for (int i = 0; i < 3; i++) {
            gateway.awaitEnd(gateway.invokeAsync("greeter", "", "" + i, null).getHeader("X-Call-Id"), 30);
        }

        var all = gateway.adminGet("/calls?function=greeter&limit=1000").bodyAsJsonArray();
        var page = gateway.adminGet("/calls?function=greeter&limit=2").bodyAsJsonArray();

        assertThat(all.size()).isGreaterThanOrEqualTo(3);
        assertThat(page.size()).isEqualTo(2);
        long newest = all.stream()
                .mapToLong(c -> ((JsonObject) c).getLong("createdAt"))
                .max()
                .orElseThrow();
        assertThat(page.getJsonObject(0).getLong("createdAt")).isEqualTo(newest);
        assertThat(page.getJsonObject(0).getLong("createdAt"))
                .isGreaterThanOrEqualTo(page.getJsonObject(1).getLong("createdAt"));
        assertThat(gateway.adminGet("/calls?function=greeter&limit=1001").statusCode())
                .isEqualTo(400);
    }
}
