package io.vfn.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vfn.testfunctions.Gate;
import io.vfn.testing.Gateway;
import io.vfn.testing.TcpGate;
import io.vfn.testing.TestJars;
import io.vfn.testing.TestNode;
import io.vfn.testing.VfnProcess;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;

/**
 * Two nodes that could not reach each other when they started (each knows the other only through a cut link) form a
 * cluster each, and each takes a function and async calls of its own. When the link heals they merge into one
 * cluster within {@link #MERGE_BOUND}; then both catalogs' functions run on both nodes, a change made after the merge
 * reaches both, and every call accepted on either side before the merge completes, read through either node.
 */
class SplitMergeIT {

    /**
     * Hazelcast's masters look for other clusters every 5 s (HazelcastConfigFactory), and the merging one then joins
     * the other: a few seconds more. The bound leaves room for a loaded machine; the measured time is printed.
     */
    private static final Duration MERGE_BOUND = Duration.ofSeconds(30);
    /**
     * The first call of each side holds its function's only slot this long, so that the calls behind it are still
     * queued when the clusters merge (the merge is seen within 3-11 s of the link healing here).
     */
    private static final String HOLD_MS = "15000";
    /** Calls queued behind the holding one on each side. */
    private static final int QUEUED_PER_SIDE = 5;

    @Test
    void clustersThatFormedApart_mergeWithinTheBound_runBothCatalogsEverywhere_andCompleteEveryAcceptedCall() {
        String cluster = "test-" + UUID.randomUUID();
        int portA = TestNode.freePort();
        int portB = TestNode.freePort();
        List<VfnProcess> nodes = new ArrayList<>();
        try (TcpGate toA = TcpGate.closedTo(portA);
                TcpGate toB = TcpGate.closedTo(portB)) {
            // At once: neither can reach the other, so each forms a cluster of its own.
            CompletableFuture<VfnProcess> startingA = CompletableFuture.supplyAsync(
                    () -> VfnProcess.startForLoad(cluster, portA, members(portA, toB), TestNode.tempDir()));
            CompletableFuture<VfnProcess> startingB = CompletableFuture.supplyAsync(
                    () -> VfnProcess.startForLoad(cluster, portB, members(portB, toA), TestNode.tempDir()));
            nodes.add(startingA.join());
            nodes.add(startingB.join());
            try (Gateway a = new Gateway(nodes.get(0).port(), VfnProcess.TOKEN);
                    Gateway b = new Gateway(nodes.get(1).port(), VfnProcess.TOKEN)) {
                assertThat(clusterSize(a)).as("A formed a cluster of its own").isEqualTo(1);
                assertThat(clusterSize(b)).as("B formed a cluster of its own").isEqualTo(1);
                List<String> leftCalls = acceptOn(a, "left");
                List<String> rightCalls = acceptOn(b, "right");

                toA.open();
                toB.open();
                long openedAt = System.nanoTime();
                await().atMost(MERGE_BOUND)
                        .pollInterval(Duration.ofMillis(100))
                        .ignoreExceptions()
                        .until(() -> clusterSize(a) == 2 && clusterSize(b) == 2);
                long mergedMs = (System.nanoTime() - openedAt) / 1_000_000;
                long waiting = unended(a, leftCalls) + unended(b, rightCalls);
                System.out.printf(
                        "split then merge: one cluster %d ms after the link healed (bound %d s); %d of %d accepted "
                                + "calls were queued or running then%n",
                        mergedMs, MERGE_BOUND.toSeconds(), waiting, leftCalls.size() + rightCalls.size());

                for (String function : List.of("left", "right")) {
                    awaitReadyOnBoth(a, function);
                    awaitReadyOnBoth(b, function);
                }
                // A change after the merge reaches both members: each follows the one catalog.
                assertThat(b.deploy("after", TestJars.of(Gate.class), "").statusCode())
                        .isEqualTo(201);
                awaitReadyOnBoth(a, "after");
                // Each side's calls read through the other node: the records merged, and each one ran to success.
                assertAllSucceeded(b, leftCalls);
                assertAllSucceeded(a, rightCalls);
                // Then each node serves the other side's function (not before: while queued calls fill a function's
                // only slot on both nodes, a sync call is rightly refused 429).
                assertThat(b.invoke("left", "0").bodyAsString()).isEqualTo("passed");
                assertThat(a.invoke("right", "0").bodyAsString()).isEqualTo("passed");
                assertThat(waiting)
                        .as("calls queued or running when the clusters merged")
                        .isPositive();
            }
        } catch (RuntimeException | AssertionError e) {
            // What each node said, for the next one who reads a failure of this test.
            nodes.forEach(node -> System.out.println(
                    "--- log of the node on port " + node.port() + " (last lines)\n" + tail(node.log(), 80)));
            throw e;
        } finally {
            nodes.forEach(VfnProcess::kill);
        }
    }

    private static String tail(String log, int lines) {
        String[] all = log.split("\n");
        return String.join("\n", Arrays.copyOfRange(all, Math.max(0, all.length - lines), all.length));
    }

    private static String members(int own, TcpGate toOther) {
        return "127.0.0.1:" + own + ",127.0.0.1:" + toOther.port();
    }

    private static int clusterSize(Gateway gateway) {
        return gateway.adminGet("/system/info").bodyAsJsonObject().getInteger("clusterSize");
    }

    /** Deploys a function with one slot, holds it with a first call, and queues more behind that one. */
    private static List<String> acceptOn(Gateway gateway, String function) {
        assertThat(gateway.deploy(function, TestJars.of(Gate.class), "concurrency=1&timeout=30s&maxRetries=5")
                        .statusCode())
                .isEqualTo(201);
        List<String> calls = new ArrayList<>();
        for (int i = 0; i <= QUEUED_PER_SIDE; i++) {
            HttpResponse<Buffer> accepted = gateway.invokeAsync(function, "", i == 0 ? HOLD_MS : "100", null);
            assertThat(accepted.statusCode()).isEqualTo(202);
            calls.add(accepted.getHeader("X-Call-Id"));
        }
        return calls;
    }

    private static long unended(Gateway gateway, List<String> calls) {
        return calls.stream()
                .map(gateway::call)
                .filter(call -> List.of("queued", "running").contains(call.getString("status")))
                .count();
    }

    private static void awaitReadyOnBoth(Gateway gateway, String function) {
        AtomicReference<String> last = new AtomicReference<>();
        try {
            await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> {
                HttpResponse<Buffer> described = gateway.adminGet("/system/functions/" + function);
                last.set(described.statusCode() + " " + described.bodyAsString());
                return described.bodyAsJsonObject().getJsonArray("nodes").stream()
                                .filter(n -> ((JsonObject) n).getBoolean("ready", false))
                                .count()
                        == 2;
            });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(function + " not ready on both nodes within 30 s; last answer: " + last.get(), e);
        }
    }

    private static void assertAllSucceeded(Gateway gateway, List<String> calls) {
        for (String callId : calls) {
            JsonObject ended = gateway.awaitEnd(callId, 60);
            assertThat(ended.getString("status")).as(ended.encode()).isEqualTo("succeeded");
        }
    }
}
