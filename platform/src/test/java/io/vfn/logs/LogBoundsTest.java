package io.vfn.logs;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vfn.launcher.VfnNode;
import io.vfn.testfunctions.Chatty;
import io.vfn.testing.Gateway;
import io.vfn.testing.TestJars;
import io.vfn.testing.TestNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A function that logs in a loop: its node keeps a bounded number of its newest lines; an async call reads back its
 * own newest lines; the route validates.
 */
class LogBoundsTest {

    private static VfnNode node;
    private static Gateway gateway;

    @BeforeAll
    static void start() {
        node = TestNode.start();
        gateway = new Gateway(node);
        gateway.deploy("chatty", TestJars.of(Chatty.class), "");
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
    void asyncCall_readsBackItsOwnLines_atMostTheNewest100() {
        String callId =
                gateway.invokeAsync("chatty", "?lines=300", "async", null).getHeader("X-Call-Id");
        assertThat(gateway.awaitEnd(callId, 60).getString("status")).isEqualTo("succeeded");
        String other = gateway.invokeAsync("chatty", "", "other", null).getHeader("X-Call-Id");
        gateway.awaitEnd(other, 60);

        JsonArray lines = gateway.adminGet("/calls/" + callId + "/logs").bodyAsJsonArray();

        assertThat(lines).hasSize(ClusterLogs.MAX_CALL_LINES);
        assertThat(lines.stream().map(JsonObject.class::cast))
                .allSatisfy(line -> assertThat(line.getString("callId")).isEqualTo(callId));
        assertThat(((JsonObject) lines.getValue(lines.size() - 1)).getString("message"))
                .startsWith("jul async on ");
        assertThat(((JsonObject) lines.getValue(lines.size() - 2)).getString("message"))
                .isEqualTo("said async #299");
    }

    @Test
    void sinceThatIsNeitherADurationNorAnInstant_is400() {
        assertThat(gateway.adminGet("/system/functions/chatty/logs?since=yesterday")
                        .statusCode())
                .isEqualTo(400);
    }
}
