package io.vfn.logs;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vfn.launcher.VfnNode;
import io.vfn.sdk.Addresses;
import io.vfn.testfunctions.Chatty;
import io.vfn.testing.Await;
import io.vfn.testing.Gateway;
import io.vfn.testing.TestJars;
import io.vfn.testing.TestNode;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A function that logs in a loop: its node keeps a bounded number of its newest lines; an async call's record keeps
 * its own newest lines, of every attempt, after the node's buffer moved on, shown to a reader with a credential only;
 * the route validates.
 */
class LogBoundsTest {

    private static VfnNode node;
    private static Gateway gateway;

    @BeforeAll
    static void start() {
        node = TestNode.start();
        gateway = new Gateway(node);
        gateway.deploy("chatty", TestJars.of(Chatty.class), "");
        gateway.deploy("chatty-retried", TestJars.of(Chatty.class), "maxRetries=1");
    }

    @AfterAll
    static void stop() {
        gateway.close();
        TestNode.stop(node);
    }

    @Test
    void functionLoggingInALoop_keepsAtMostTheBoundOfItsNewestLines() {
        String body = "x".repeat(1_000);
        for (int call = 0; call < 3; call++) {
            assertThat(gateway.request(
                                    io.vertx.core.http.HttpMethod.POST,
                                    "/function/chatty?lines=1000",
                                    io.vertx.core.buffer.Buffer.buffer(body),
                                    false)
                            .statusCode())
                    .isEqualTo(200);
        }

        JsonArray kept = gateway.adminGet("/system/functions/chatty/logs").bodyAsJsonArray();

        long chars = kept.stream()
                .mapToLong(line -> ((JsonObject) line).getString("message").length())
                .sum();
        System.out.println("3,003 lines of ~1 KB logged; kept " + kept.size() + " lines, " + chars + " message chars");
        assertThat(kept.size()).isPositive().isLessThanOrEqualTo(LogRing.MAX_LINES);
        assertThat(2 * chars).isLessThanOrEqualTo(LogRing.MAX_BYTES);
        assertThat(((JsonObject) kept.getValue(kept.size() - 1)).getString("message"))
                .startsWith("jul ");
    }

    @Test
    void asyncCallsRecord_holdsItsLines_afterTheNodesBufferDroppedThem() {
        String callId = gateway.invokeAsync("chatty", "?lines=3", "kept", null).getHeader("X-Call-Id");
        gateway.awaitEnd(callId, 60);
        // A thousand lines of another call push the call's lines out of the node's buffer for the function.
        assertThat(gateway.request(
                                io.vertx.core.http.HttpMethod.POST,
                                "/function/chatty?lines=1000",
                                io.vertx.core.buffer.Buffer.buffer("flood"),
                                false)
                        .statusCode())
                .isEqualTo(200);
        assertThat(gateway.adminGet("/system/functions/chatty/logs").bodyAsJsonArray().stream()
                        .map(JsonObject.class::cast)
                        .map(line -> line.getString("callId")))
                .doesNotContain(callId);

        JsonArray lines = gateway.adminGet("/calls/" + callId + "/logs").bodyAsJsonArray();
        JsonObject record = gateway.adminGet("/calls/" + callId).bodyAsJsonObject();

        assertThat(record.getJsonArray("logs").stream().map(line -> ((JsonObject) line).getString("message")))
                .startsWith("said kept #0", "said kept #1", "said kept #2")
                .hasSize(4);
        assertThat(lines.stream().map(JsonObject.class::cast))
                .hasSize(4)
                .allSatisfy(line -> assertThat(line.getString("callId")).isEqualTo(callId));
        assertThat(lines.getJsonObject(3).getString("message")).startsWith("jul kept on ");
    }

    @Test
    void callsLines_withoutTheAdminToken_are401_andMissingFromItsRecord() {
        String callId = gateway.invokeAsync("chatty", "", "private", null).getHeader("X-Call-Id");

        JsonObject record = gateway.awaitEnd(callId, 60);

        assertThat(record.containsKey("logs")).isFalse();
        assertThat(gateway.request(io.vertx.core.http.HttpMethod.GET, "/calls/" + callId + "/logs", null, false)
                        .statusCode())
                .isEqualTo(401);
    }

    @Test
    void failedAsyncCall_recordHoldsTheLinesOfEachAttempt() {
        String callId = gateway.invokeAsync("chatty-retried", "?fail=true", "doomed", null)
                .getHeader("X-Call-Id");

        gateway.awaitEnd(callId, 60);
        JsonObject ended = gateway.adminGet("/calls/" + callId).bodyAsJsonObject();

        assertThat(ended.getString("status")).isEqualTo("failed");
        assertThat(ended.getInteger("attempts")).isEqualTo(2);
        assertThat(ended.getJsonArray("logs").stream().map(line -> ((JsonObject) line).getString("message")))
                .filteredOn(message -> message.equals("said doomed #0"))
                .hasSize(2);
    }

    @Test
    void asyncCall_readsBackItsOwnLines_atMostTheNewest100() {
        String callId =
                gateway.invokeAsync("chatty", "?lines=300", "async", null).getHeader("X-Call-Id");
        assertThat(gateway.awaitEnd(callId, 60).getString("status")).isEqualTo("succeeded");
        String other = gateway.invokeAsync("chatty", "", "other", null).getHeader("X-Call-Id");
        gateway.awaitEnd(other, 60);

        JsonArray lines = gateway.adminGet("/calls/" + callId + "/logs").bodyAsJsonArray();

        assertThat(lines).hasSize(CallLines.MAX_LINES);
        assertThat(lines.stream().map(JsonObject.class::cast))
                .allSatisfy(line -> assertThat(line.getString("callId")).isEqualTo(callId));
        assertThat(((JsonObject) lines.getValue(lines.size() - 1)).getString("message"))
                .startsWith("jul async on ");
        assertThat(((JsonObject) lines.getValue(lines.size() - 2)).getString("message"))
                .isEqualTo("said async #299");
    }

    @Test
    void aCallsLines_areAskedOfTheNodeThatRanIt_only_whenItsAnswerSaidWhichOneThatWas() {
        String callId = gateway.request(
                        io.vertx.core.http.HttpMethod.POST,
                        "/function/chatty?lines=2",
                        io.vertx.core.buffer.Buffer.buffer("here"),
                        false)
                .getHeader("X-Call-Id");
        String here = node.context().cluster().nodeId();
        // Another member, as far as the query knows, that counts the questions it gets and has one line of the call.
        AtomicInteger asked = new AtomicInteger();
        MessageConsumer<JsonObject> elsewhere = node.context()
                .vertx()
                .eventBus()
                .consumer(Addresses.logs("elsewhere"), query -> {
                    asked.incrementAndGet();
                    query.reply(new JsonObject()
                            .put("node", "elsewhere")
                            .put(
                                    "lines",
                                    new JsonArray()
                                            .add(new LogLine(
                                                            1,
                                                            System.currentTimeMillis(),
                                                            "elsewhere",
                                                            "chatty",
                                                            callId,
                                                            "",
                                                            "INFO",
                                                            "from elsewhere")
                                                    .toJson())));
                });
        Await.result(elsewhere.completion(), 10);
        ClusterLogs logs = new ClusterLogs(node.context().vertx(), () -> List.of(here, "elsewhere"));
        try {
            List<LogLine> ranHere = Await.result(logs.call("chatty", callId, Optional.of(here)), 10);
            assertThat(ranHere)
                    .isNotEmpty()
                    .allSatisfy(line -> assertThat(line.node()).isEqualTo(here));
            assertThat(asked).hasValue(0);

            List<LogLine> unknown = Await.result(logs.call("chatty", callId, Optional.empty()), 10);
            assertThat(unknown)
                    .hasSize(ranHere.size() + 1)
                    .anySatisfy(line -> assertThat(line.node()).isEqualTo("elsewhere"));
            assertThat(asked).hasValue(1);

            // A node that has left since it answered: every member is asked.
            Await.result(logs.call("chatty", callId, Optional.of("gone")), 10);
            assertThat(asked).hasValue(2);
        } finally {
            Await.result(elsewhere.unregister(), 10);
        }
    }

    @Test
    void sinceThatIsNeitherADurationNorAnInstant_is400() {
        assertThat(gateway.adminGet("/system/functions/chatty/logs?since=yesterday")
                        .statusCode())
                .isEqualTo(400);
    }
}
