package io.vfn.logs;

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

import static org.assertj.core.api.Assertions.assertThat;

/** A function that logs in a loop: its node keeps a bounded number of its newest lines, and the route validates. */
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
        for (int call = 0; call < 5; call++) {
            assertThat(gateway.request(io.vertx.core.http.HttpMethod.POST, "/function/chatty?lines=2000",
                io.vertx.core.buffer.Buffer.buffer(body), false).statusCode()).isEqualTo(200);
        }

        JsonArray kept = gateway.adminGet("/system/functions/chatty/logs").bodyAsJsonArray();

        long chars = kept.stream().mapToLong(line -> ((JsonObject) line).getString("message").length()).sum();
        System.out.println("10,005 lines of ~1 KB logged; kept " + kept.size() + " lines, " + chars + " message chars");
        assertThat(kept.size()).isPositive().isLessThanOrEqualTo(LogRing.MAX_LINES);
        assertThat(2 * chars).isLessThanOrEqualTo(LogRing.MAX_BYTES);
        assertThat(((JsonObject) kept.getValue(kept.size() - 1)).getString("message")).startsWith("jul ");
    }

    @Test
    void sinceThatIsNeitherADurationNorAnInstant_is400() {
        assertThat(gateway.adminGet("/system/functions/chatty/logs?since=yesterday").statusCode()).isEqualTo(400);
    }
}
