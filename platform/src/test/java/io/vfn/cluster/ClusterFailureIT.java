package io.vfn.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.json.JsonObject;
import io.vfn.testfunctions.Gate;
import io.vfn.testing.Gateway;
import io.vfn.testing.ServiceEndpoints;
import io.vfn.testing.SteadyLoad;
import io.vfn.testing.TestJars;
import io.vfn.testing.TestNode;
import io.vfn.testing.VfnProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One of three nodes dies (SIGKILL) under a load of sync and async calls; the whole cluster restarts in turn behind a
 * Service-like client. Both start from the same three members serving {@code gate}: a member a test stopped or killed
 * is replaced before the next test (one node start, not a new cluster of three).
 */
class ClusterFailureIT {

    /** Callers of the load: every other one sync, the rest async. */
    private static final int CALLERS = 8;
    /** Sync calls in flight at once through the load; at most these can have been on the dead node. */
    private static final int SYNC_CALLERS = CALLERS / 2;
    /** Sync calls of the load: short, one after another on each sync caller. */
    private static final String SYNC_QUERY = "?ms=20";
    /**
     * Async calls of the load: long enough that every node runs a few of them at any moment (also when it is stopped
     * or killed), paced so that the cluster keeps up: hundreds are accepted, not a backlog of thousands.
     */
    private static final String ASYNC_QUERY = "?ms=2000";

    private static final Duration ASYNC_PACE = Duration.ofMillis(500);
    /** The bound within which the cluster serves again after a member's death. */
    private static final Duration RECOVERY_BOUND = Duration.ofSeconds(10);
    /** How long a stopping node keeps serving while it reports not-ready. */
    private static final String SHUTDOWN_DELAY = "3s";
    /**
     * How long the Service in front keeps sending to a node after its readiness probe failed: less than the delay,
     * by as much as a probe period and a slow probe take on a busy machine.
     */
    private static final Duration ENDPOINTS_PROPAGATION = Duration.ofSeconds(1);

    private static final String CLUSTER = "test-" + UUID.randomUUID();
    private static final List<VfnProcess> NODES = new ArrayList<>();
    private static int clusterPort;

    @BeforeAll
    static void startCluster() {
        clusterPort = TestNode.freePort();
        NODES.add(VfnProcess.start(CLUSTER, clusterPort, TestNode.tempDir(), "--shutdown-delay", SHUTDOWN_DELAY));
        NODES.addAll(VfnProcess.startJoining(
                CLUSTER,
                clusterPort,
                List.of(TestNode.tempDir(), TestNode.tempDir()),
                "--shutdown-delay",
                SHUTDOWN_DELAY));
        try (Gateway gateway = new Gateway(NODES.get(0).port(), VfnProcess.TOKEN)) {
            assertThat(gateway.deploy("gate", TestJars.of(Gate.class), "concurrency=16&timeout=5s&maxRetries=5")
                            .statusCode())
                    .isEqualTo(201);
        }
    }

    @BeforeEach
    void replaceGoneMembers() {
        for (int i = 0; i < NODES.size(); i++) {
            if (!NODES.get(i).isAlive()) {
                NODES.set(i, start(NODES.get(i).dataDir()));
            }
        }
        try (Gateway gateway = new Gateway(NODES.get(0).port(), VfnProcess.TOKEN)) {
            awaitServedEverywhere(gateway);
        }
    }

    @AfterAll
    static void stopCluster() {
        NODES.forEach(VfnProcess::kill);
    }

    @Test
    void killingAMemberUnderLoad_losesNoAcceptedCall_andFailsAtMostTheSyncCallsInFlight() {
        try (Gateway gateway = new Gateway(NODES.get(0).port(), VfnProcess.TOKEN);
                SteadyLoad load = new SteadyLoad(
                        "gate",
                        SYNC_QUERY,
                        ASYNC_QUERY,
                        ASYNC_PACE,
                        CALLERS,
                        () -> NODES.get(0).port())) {
            await().atMost(Duration.ofSeconds(30)).until(() -> load.syncOk() > 200);

            NODES.get(2).kill();
            long killedAt = System.nanoTime();
            await().atMost(RECOVERY_BOUND).pollInterval(Duration.ofMillis(50)).until(() -> servesTwentyInARow(gateway));
            System.out.printf("served again %d ms after the kill%n", (System.nanoTime() - killedAt) / 1_000_000);
            int okAfterRecovery = load.syncOk();
            await().atMost(Duration.ofSeconds(30)).until(() -> load.syncOk() > okAfterRecovery + 200);
            load.stop();

            System.out.printf(
                    "sync: %d ok, failures %s; async: %d accepted%n",
                    load.syncOk(), load.syncFailures(), load.acceptedAsync().size());
            assertThat(load.syncFailed())
                    .as("sync failures: only calls in flight on the dead node")
                    .isLessThanOrEqualTo(SYNC_CALLERS);
            assertAllSucceeded(gateway, load.acceptedAsync());
        }
    }

    @Test
    void rollingRestartUnderLoad_behindAServiceThatLagsBehindReadiness_failsNoSyncCall_andLosesNoAsyncCall() {
        try (ServiceEndpoints service = new ServiceEndpoints(
                ENDPOINTS_PROPAGATION, NODES.stream().map(VfnProcess::port).toList())) {
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> NODES.stream().allMatch(n -> service.inRotation(n.port())));
            try (SteadyLoad load = new SteadyLoad("gate", SYNC_QUERY, ASYNC_QUERY, ASYNC_PACE, CALLERS, service)) {
                for (int i = 0; i < NODES.size(); i++) {
                    int okBefore = load.syncOk();
                    await().atMost(Duration.ofSeconds(60)).until(() -> load.syncOk() > okBefore + 100);
                    VfnProcess old = NODES.get(i);
                    assertThat(old.stop()).as("exit code after SIGTERM").isZero();
                    assertThat(old.log())
                            .contains("vfn not ready, still serving")
                            .contains("vfn draining")
                            .contains("vfn stopped");
                    service.remove(old.port());
                    VfnProcess started = start(old.dataDir());
                    NODES.set(i, started);
                    service.add(started.port());
                    await().atMost(Duration.ofSeconds(30)).until(() -> service.inRotation(started.port()));
                }
                int okAfter = load.syncOk();
                await().atMost(Duration.ofSeconds(60)).until(() -> load.syncOk() > okAfter + 100);
                load.stop();

                System.out.printf(
                        "rolling restart behind a lagging service: sync %d ok, failures %s; async %d accepted, %d not accepted%n",
                        load.syncOk(), load.syncFailures(), load.acceptedAsync().size(), load.asyncRejected());
                assertThat(load.syncFailed())
                        .as("sync failures: %s", load.syncFailures())
                        .isZero();
                assertThat(load.asyncRejected()).isZero();
                try (Gateway gateway = new Gateway(NODES.get(0).port(), VfnProcess.TOKEN)) {
                    assertThat(gateway.adminGet("/system/info")
                                    .bodyAsJsonObject()
                                    .getInteger("clusterSize"))
                            .isEqualTo(3);
                    assertAllSucceeded(gateway, load.acceptedAsync());
                }
            }
        }
    }

    private static VfnProcess start(Path dataDir) {
        return VfnProcess.start(CLUSTER, clusterPort, dataDir, "--shutdown-delay", SHUTDOWN_DELAY);
    }

    private static void awaitServedEverywhere(Gateway gateway) {
        await().atMost(Duration.ofSeconds(30))
                .until(() ->
                        gateway.adminGet("/system/functions/gate").bodyAsJsonObject().getJsonArray("nodes").stream()
                                        .filter(n -> ((JsonObject) n).getBoolean("ready", false))
                                        .count()
                                == NODES.size());
    }

    private static boolean servesTwentyInARow(Gateway gateway) {
        for (int i = 0; i < 20; i++) {
            if (gateway.invoke("gate", "").statusCode() != 200) {
                return false;
            }
        }
        return true;
    }

    private static void assertAllSucceeded(Gateway gateway, List<String> calls) {
        assertThat(calls).isNotEmpty();
        long duplicates = 0;
        for (JsonObject ended : gateway.awaitEnds(calls, 180)) {
            assertThat(ended.getString("status")).as(ended.encode()).isEqualTo("succeeded");
            duplicates += ended.getInteger("attempts") > 1 ? 1 : 0;
        }
        System.out.printf("%d async calls all succeeded, %d ran more than once%n", calls.size(), duplicates);
    }
}
