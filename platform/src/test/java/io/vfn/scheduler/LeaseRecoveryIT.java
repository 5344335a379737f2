package io.vfn.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vfn.testfunctions.Gate;
import io.vfn.testing.Await;
import io.vfn.testing.Gateway;
import io.vfn.testing.TestJars;
import io.vfn.testing.TestNode;
import io.vfn.testing.VfnProcess;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A node holding leases dies (SIGKILL, a separate JVM) while calls run: the calls it held are run again by the
 * survivor, and every accepted call succeeds.
 */
class LeaseRecoveryIT {

    private static final int CALLS = 300;
    /** Long enough that calls the victim runs when it is seen running are still running when the kill lands. */
    private static final String CALL_MS = "200";

    @Test
    void killedLeaseHolder_itsCallsAreRunAgainByTheSurvivor_andNoAcceptedCallIsLost() {
        String cluster = "test-" + UUID.randomUUID();
        int clusterPort = TestNode.freePort();
        List<VfnProcess> nodes = new ArrayList<>();
        try {
            nodes.add(VfnProcess.start(cluster, clusterPort, TestNode.tempDir()));
            nodes.add(VfnProcess.start(cluster, clusterPort, TestNode.tempDir()));
            recoversTheVictimsCalls(nodes.get(0), nodes.get(1));
        } finally {
            nodes.forEach(VfnProcess::kill);
        }
    }

    private static void recoversTheVictimsCalls(VfnProcess survivor, VfnProcess victim) {
        try (Gateway gateway = new Gateway(survivor.port(), VfnProcess.TOKEN)) {
            assertThat(gateway.deploy("gate", TestJars.of(Gate.class), "concurrency=8&timeout=3s&maxRetries=5")
                            .statusCode())
                    .isEqualTo(201);
            await().atMost(Duration.ofSeconds(30)).until(() -> functionReadyOnNodes(gateway) == 2);

            List<Future<HttpResponse<Buffer>>> submitted = new ArrayList<>();
            for (int i = 0; i < CALLS; i++) {
                submitted.add(gateway.client()
                        .post("/async-function/gate?ms=" + CALL_MS)
                        .sendBuffer(Buffer.buffer("c" + i)));
            }
            List<String> accepted = new ArrayList<>();
            for (Future<HttpResponse<Buffer>> call : submitted) {
                HttpResponse<Buffer> response = Await.result(call, 60);
                assertThat(response.statusCode()).isEqualTo(202);
                accepted.add(response.getHeader("X-Call-Id"));
            }
            await().atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(20))
                    .until(() -> victimRuns(gateway) > 0);

            victim.kill();

            List<JsonObject> ended = gateway.awaitEnds(accepted, 180);
            long duplicates =
                    ended.stream().filter(c -> c.getInteger("attempts") > 1).count();
            System.out.printf(
                    "lease recovery: %d calls accepted, %d succeeded, %d ran more than once%n",
                    accepted.size(),
                    ended.stream()
                            .filter(c -> c.getString("status").equals("succeeded"))
                            .count(),
                    duplicates);
            assertThat(ended)
                    .allSatisfy(c ->
                            assertThat(c.getString("status")).as(c.encode()).isEqualTo("succeeded"));
            assertThat(duplicates)
                    .as("calls the victim was running when it died, run again once their lease ran out")
                    .isGreaterThanOrEqualTo(1);
        }
    }

    private static int functionReadyOnNodes(Gateway gateway) {
        JsonArray nodes = gateway.adminGet("/system/nodes").bodyAsJsonArray();
        int ready = 0;
        for (int i = 0; i < nodes.size(); i++) {
            JsonObject gate = nodes.getJsonObject(i).getJsonObject("functions").getJsonObject("gate");
            if (gate != null && gate.getBoolean("ready", false)) {
                ready++;
            }
        }
        return ready;
    }

    /** @return async calls the victim (the node that is not the survivor's gateway) runs now */
    private static int victimRuns(Gateway gateway) {
        JsonArray nodes = gateway.adminGet("/system/nodes").bodyAsJsonArray();
        String self = gateway.adminGet("/system/info").bodyAsJsonObject().getString("nodeId");
        int running = 0;
        for (int i = 0; i < nodes.size(); i++) {
            if (!nodes.getJsonObject(i).getString("nodeId").equals(self)) {
                running += nodes.getJsonObject(i).getInteger("asyncRunning", 0);
            }
        }
        return running;
    }
}
