package io.vfn.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.hazelcast.core.HazelcastJsonValue;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vfn.launcher.VfnNode;
import io.vfn.testfunctions.Gate;
import io.vfn.testfunctions.GreeterV1;
import io.vfn.testfunctions.Thrower;
import io.vfn.testing.Gateway;
import io.vfn.testing.SocketClient;
import io.vfn.testing.TestJars;
import io.vfn.testing.TestNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Async calls on one node: accept, poll, results, order, retries, dead letters, redrive, cancel, expiry, full queues. */
class AsyncCallsTest {

    private static VfnNode node;
    private static Gateway gateway;

    @BeforeAll
    static void start() {
        node = TestNode.start();
        gateway = new Gateway(node);
        gateway.deploy("greeter", TestJars.of(GreeterV1.class), "");
        gateway.deploy("thrower", TestJars.of(Thrower.class), "maxRetries=3");
        gateway.deploy("serial", TestJars.of(Gate.class), "concurrency=1");
        gateway.deploy("short-lived", TestJars.of(Gate.class), "concurrency=1&maxAge=1s");
        gateway.deploy("small-queue", TestJars.of(Gate.class), "concurrency=1&maxQueue=2");
        gateway.deploy("cancellable", TestJars.of(Gate.class), "concurrency=1");
        gateway.deploy("slow", TestJars.of(Gate.class), "concurrency=1");
        // Revision 1 always fails, revision 2 (in force) answers; the alias keeps revision 1 running.
        gateway.deploy("pinned", TestJars.of(Thrower.class), "maxRetries=0");
        gateway.deploy("pinned", TestJars.of(GreeterV1.class), "maxRetries=0");
        gateway.request(
                HttpMethod.PUT,
                "/system/functions/pinned/aliases/first",
                new JsonObject().put("revision", 1).toBuffer(),
                true);
    }

    @AfterAll
    static void stop() {
        gateway.close();
        TestNode.stop(node);
    }

    @Test
    void asyncRoute_dotSegmentsStayInsideTheFunction_andItsNameIsDecodedOnce() {
        String viaDots =
                gateway.invokeAsync("greeter", "/../thrower", "ada", null).getHeader("X-Call-Id");
        String encoded = gateway.invokeAsync("greet%65r", "/x", "bob", null).getHeader("X-Call-Id");

        JsonObject dots = gateway.awaitEnd(viaDots, 30);
        assertThat(dots.getString("function")).isEqualTo("greeter");
        assertThat(dots.getJsonObject("result").getString("body")).isEqualTo("v1:ada");
        assertThat(gateway.awaitEnd(encoded, 30).getJsonObject("result").getString("body"))
                .isEqualTo("v1:bob");
    }

    @Test
    void
            asyncCallToAnAliasOrRevision_runsThatRevision_andItsRedriveRunsItAgain_whileTheDefaultRouteRunsTheOneInForce() {
        String toAlias = gateway.invokeAsync("pinned@first", "", "a", null).getHeader("X-Call-Id");
        String toNumber = gateway.invokeAsync("pinned@2", "", "n", null).getHeader("X-Call-Id");
        String toDefault = gateway.invokeAsync("pinned", "", "d", null).getHeader("X-Call-Id");

        JsonObject aliased = gateway.awaitEnd(toAlias, 30);
        assertThat(aliased.getString("status")).as(aliased.encode()).isEqualTo("failed");
        assertThat(aliased.getInteger("revision")).isEqualTo(1);
        assertThat(aliased.getString("function")).isEqualTo("pinned");
        assertThat(gateway.awaitEnd(toNumber, 30).getJsonObject("result").getString("body"))
                .isEqualTo("v1:n");
        JsonObject byDefault = gateway.awaitEnd(toDefault, 30);
        assertThat(byDefault.getJsonObject("result").getString("body")).isEqualTo("v1:d");
        assertThat(byDefault.containsKey("revision")).isFalse();

        assertThat(gateway.request(HttpMethod.POST, "/calls/" + toAlias + "/retry", null, true)
                        .statusCode())
                .isEqualTo(202);
        JsonObject redriven = gateway.awaitEnd(toAlias, 30);
        assertThat(redriven.getLong("redrivenAt")).isNotNull();
        assertThat(redriven.getString("status"))
                .as("the redrive ran revision 1 again")
                .isEqualTo("failed");

        try (SocketClient socket = new SocketClient(node.port())) {
            socket.send(new JsonObject()
                    .put("op", "invokeAsync")
                    .put("id", "pinned")
                    .put("function", "pinned@first")
                    .put("body", "s"));
            JsonObject accepted = socket.next(30);
            assertThat(accepted.getString("op")).as(accepted.encode()).isEqualTo("accepted");
            assertThat(gateway.awaitEnd(accepted.getString("callId"), 30).getInteger("revision"))
                    .as("a WebSocket invokeAsync frame pins its revision too")
                    .isEqualTo(1);
        }
        assertThat(gateway.invokeAsync("pinned@nope", "", "", null).statusCode())
                .isEqualTo(404);
        assertThat(gateway.invokeAsync("pinned@9", "", "", null).statusCode()).isEqualTo(404);
    }

    @Test
    void asyncInvoke_returns202WithCallIdAndLocation_thenTheResultByPoll() {
        HttpResponse<Buffer> accepted = gateway.invokeAsync("greeter", "", "ada", null);

        assertThat(accepted.statusCode()).isEqualTo(202);
        String callId = accepted.getHeader("X-Call-Id");
        assertThat(accepted.getHeader("Location")).isEqualTo("/calls/" + callId);
        assertThat(accepted.bodyAsJsonObject())
                .isEqualTo(new JsonObject().put("callId", callId).put("status", "queued"));

        JsonObject ended = gateway.awaitEnd(callId, 30);
        assertThat(ended.getString("status")).isEqualTo("succeeded");
        assertThat(ended.getInteger("attempts")).isEqualTo(1);
        assertThat(ended.getString("function")).isEqualTo("greeter");
        assertThat(ended.getJsonObject("result").getInteger("statusCode")).isEqualTo(200);
        assertThat(ended.getJsonObject("result").getString("body")).isEqualTo("v1:ada");

        HttpResponse<Buffer> raw = gateway.request(HttpMethod.GET, "/calls/" + callId + "/result", null, false);
        assertThat(raw.statusCode()).isEqualTo(200);
        assertThat(raw.bodyAsString()).isEqualTo("v1:ada");
        assertThat(raw.getHeader("Content-Type")).startsWith("text/plain");
    }

    @Test
    void concurrencyOne_runsCallsInSubmissionOrder_oneAtATime() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 15; i++) {
            ids.add(gateway.invokeAsync("serial", "?ms=20", "", null).getHeader("X-Call-Id"));
        }

        List<JsonObject> ended = gateway.awaitEnds(ids, 60);

        for (int i = 1; i < ended.size(); i++) {
            assertThat(ended.get(i).getLong("startedAt"))
                    .as("call %d starts after call %d ended", i, i - 1)
                    .isGreaterThanOrEqualTo(ended.get(i - 1).getLong("endedAt"));
        }
        assertThat(ended).allMatch(c -> c.getString("status").equals("succeeded"));
    }

    @Test
    void failingFunction_isRetriedWithBackOff_thenFailed_listedAsDeadLetter_andRedriven() {
        String callId = gateway.invokeAsync("thrower", "", "x", null).getHeader("X-Call-Id");

        JsonObject failed = gateway.awaitEnd(callId, 60);

        assertThat(failed.getString("status")).isEqualTo("failed");
        assertThat(failed.getInteger("attempts")).isEqualTo(4);
        assertThat(failed.getString("error")).contains("Function failed").contains("after 4 attempts");
        // back-offs of at least 100, 200 and 400 ms between the attempts (half of 200 ms doubling, the rest random)
        JsonArray starts = failed.getJsonArray("attemptStarts");
        assertThat(starts).hasSize(4);
        List<Long> gaps = new ArrayList<>();
        for (int i = 1; i < starts.size(); i++) {
            gaps.add(starts.getLong(i) - starts.getLong(i - 1));
        }
        assertThat(gaps.get(0)).isGreaterThanOrEqualTo(100);
        assertThat(gaps.get(1)).isGreaterThanOrEqualTo(200);
        assertThat(gaps.get(2)).isGreaterThanOrEqualTo(400).isGreaterThan(gaps.get(0));

        JsonArray deadLetters =
                gateway.adminGet("/calls?function=thrower&status=failed").bodyAsJsonArray();
        assertThat(deadLetters.stream().map(c -> ((JsonObject) c).getString("callId")))
                .contains(callId);

        HttpResponse<Buffer> redriven = gateway.request(HttpMethod.POST, "/calls/" + callId + "/retry", null, true);
        assertThat(redriven.statusCode()).isEqualTo(202);
        assertThat(redriven.bodyAsJsonObject().getString("status")).isEqualTo("queued");
        JsonObject again = gateway.awaitEnd(callId, 60);
        assertThat(again.getString("status")).isEqualTo("failed");
        assertThat(again.getLong("redrivenAt")).isNotNull();
    }

    @Test
    void cancel_stopsAQueuedCall_whoseResultIs409_andA409ForARunningOne() {
        String running =
                gateway.invokeAsync("cancellable", "?ms=1500", "", null).getHeader("X-Call-Id");
        String queued = gateway.invokeAsync("cancellable", "?ms=10", "", null).getHeader("X-Call-Id");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> gateway.call(running).getString("status").equals("running"));

        HttpResponse<Buffer> cancelled = gateway.request(HttpMethod.DELETE, "/calls/" + queued, null, false);
        HttpResponse<Buffer> conflict = gateway.request(HttpMethod.DELETE, "/calls/" + running, null, false);

        assertThat(cancelled.statusCode()).isEqualTo(200);
        assertThat(cancelled.bodyAsJsonObject().getString("status")).isEqualTo("cancelled");
        assertThat(conflict.statusCode()).isEqualTo(409);
        assertThat(gateway.awaitEnd(running, 30).getString("status")).isEqualTo("succeeded");
        assertThat(gateway.call(queued).getString("status")).isEqualTo("cancelled");
        HttpResponse<Buffer> result = gateway.request(HttpMethod.GET, "/calls/" + queued + "/result", null, false);
        assertThat(result.statusCode())
                .as("a cancelled call has no result; 502 is for a function that failed")
                .isEqualTo(409);
        assertThat(result.bodyAsJsonObject().getString("detail")).contains("cancelled");
    }

    @Test
    void callOlderThanMaxAge_expiresWithoutRunning() {
        String blocker =
                gateway.invokeAsync("short-lived", "?ms=2500", "", null).getHeader("X-Call-Id");
        String waiting = gateway.invokeAsync("short-lived", "?ms=1", "", null).getHeader("X-Call-Id");

        JsonObject expired = gateway.awaitEnd(waiting, 30);

        assertThat(expired.getString("status")).isEqualTo("expired");
        assertThat(expired.getInteger("attempts")).isZero();
        assertThat(gateway.awaitEnd(blocker, 30).getString("status")).isEqualTo("succeeded");
    }

    @Test
    void callRunningLongerThanASweep_keepsItsLeaseWhileItsNodeLives_andRunsOnce() {
        String callId = gateway.invokeAsync("slow", "?ms=6000", "", null).getHeader("X-Call-Id");

        JsonObject ended = gateway.awaitEnd(callId, 30);

        assertThat(ended.getString("status")).isEqualTo("succeeded");
        assertThat(ended.getInteger("attempts")).isEqualTo(1);
    }

    @Test
    void queuedCallInNoQueue_isHandedBackByTheSweep_andRuns() {
        // What a node leaves behind when it dies between taking a call from the queue and leasing it.
        String callId = UUID.randomUUID().toString();
        long longAgo = System.currentTimeMillis() - CallRecovery.STRANDED_AFTER_MS - 1_000;
        CallRecord stranded = CallRecord.accepted(
                callId,
                "greeter",
                "POST",
                "/",
                "",
                MultiMap.caseInsensitiveMultiMap(),
                Buffer.buffer("lost"),
                null,
                longAgo);
        node.context()
                .cluster()
                .clusterManager()
                .getHazelcastInstance()
                .getMap("vfn.calls")
                .set(callId, new HazelcastJsonValue(stranded.encode()));

        JsonObject ended = gateway.awaitEnd(callId, 30);

        assertThat(ended.getString("status")).isEqualTo("succeeded");
        assertThat(ended.getJsonObject("result").getString("body")).isEqualTo("v1:lost");
    }

    @Test
    void fullQueue_answers429AndKeepsNothing() {
        gateway.invokeAsync("small-queue", "?ms=2000", "", null);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> node.context().async().scheduler().running() >= 1);
        assertThat(gateway.invokeAsync("small-queue", "?ms=1", "", null).statusCode())
                .isEqualTo(202);
        assertThat(gateway.invokeAsync("small-queue", "?ms=1", "", null).statusCode())
                .isEqualTo(202);

        HttpResponse<Buffer> rejected = gateway.invokeAsync("small-queue", "?ms=1", "", null);

        assertThat(rejected.statusCode()).isEqualTo(429);
        assertThat(rejected.getHeader("Retry-After")).isEqualTo("1");
        assertThat(rejected.bodyAsJsonObject().getString("title")).isEqualTo("Too many calls");
        assertThat(gateway.adminGet("/calls?function=small-queue").bodyAsJsonArray())
                .as("the running call and the two queued ones, nothing of the refused one")
                .hasSize(3);
    }

    @Test
    void unknownCallOrFunction_andBadCallback_areProblems() {
        assertThat(gateway.request(HttpMethod.GET, "/calls/nope", null, false).statusCode())
                .isEqualTo(404);
        assertThat(gateway.invokeAsync("nope", "", "", null).statusCode()).isEqualTo(404);
        HttpResponse<Buffer> badCallback = gateway.invokeAsync("greeter", "", "", "ftp://example.org/x");
        assertThat(badCallback.statusCode()).isEqualTo(400);
        assertThat(badCallback.getHeader("Content-Type")).isEqualTo("application/problem+json");
        assertThat(gateway.request(HttpMethod.GET, "/calls", null, false).statusCode())
                .isEqualTo(401);
    }

    @Test
    void asyncMetrics_countOutcomesAndQueueDepth() {
        String callId = gateway.invokeAsync("greeter", "", "m", null).getHeader("X-Call-Id");
        gateway.awaitEnd(callId, 30);

        // Counted once its end is stored: a poll can read the stored end a moment before the count.
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(gateway.request(HttpMethod.GET, "/metrics", null, false)
                                .bodyAsString())
                        .contains("vfn_invocations_total{function=\"greeter\",mode=\"async\",outcome=\"success\"}")
                        .contains("vfn_queue_depth{function=\"greeter\"}"));
    }
}
