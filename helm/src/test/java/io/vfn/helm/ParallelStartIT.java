package io.vfn.helm;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The chart's pods start in parallel (podManagementPolicy Parallel): three nodes started at the same instant from the
 * rendered environment form one cluster, deploy the examples exactly once, and pass the chart's own test pod command.
 */
class ParallelStartIT {

    private static final int REPLICAS = 3;
    /** Rounds of a parallel start, so that a race shows; fewer when the machine is slow (at least two). */
    private static final int ROUNDS = 5;

    private static final Duration ROUNDS_BUDGET = Duration.ofSeconds(60);
    private static final String SEEDED = "deployed the example functions";

    @Test
    void threeNodesStartedAtOnce_deployTheExamplesExactlyOnce_andTheHelmTestPasses() throws Exception {
        Chart chart = Chart.render(Map.of("replicaCount", Integer.toString(REPLICAS)));
        Map<String, String> rendered = chart.env();
        assertThat(rendered).containsEntry("VFN_INITIAL_MEMBERS", "3").containsEntry("VFN_EXAMPLES", "true");
        long budgetEnd = System.nanoTime() + ROUNDS_BUDGET.toNanos();
        int rounds = 0;
        while (rounds < ROUNDS && (rounds < 2 || System.nanoTime() < budgetEnd)) {
            rounds++;
            startAtOnce_seedOnce_passHelmTest(chart, rounds);
        }
        System.out.printf(
                "parallel start: %d rounds of %d nodes, examples deployed exactly once in each%n", rounds, REPLICAS);
    }

    private static void startAtOnce_seedOnce_passHelmTest(Chart chart, int round) throws Exception {
        String cluster = "test-" + UUID.randomUUID();
        int clusterPort = LoopbackEnvironment.freePort();
        List<Path> dataDirs = new ArrayList<>();
        List<Map<String, String>> envs = new ArrayList<>();
        for (int i = 0; i < REPLICAS; i++) {
            dataDirs.add(Files.createTempDirectory("vfn-parallel"));
            envs.add(LoopbackEnvironment.of(chart, Map.of(), cluster, clusterPort, REPLICAS, dataDirs.get(i)));
        }
        List<RenderedNode> nodes = new ArrayList<>();
        try {
            envs.forEach(env -> nodes.add(RenderedNode.launch(env)));
            long started = System.nanoTime();
            nodes.forEach(node -> node.awaitReady(Duration.ofSeconds(120)));
            System.out.printf(
                    "round %d: %d nodes ready %d ms after their start%n",
                    round, REPLICAS, (System.nanoTime() - started) / 1_000_000);

            for (RenderedNode node : nodes) {
                assertThat(helmTest(node.port()))
                        .as("the chart's test pod command against node on %d", node.port())
                        .isZero();
            }
            long seeded = nodes.stream()
                    .mapToLong(node -> Pattern.compile(SEEDED)
                            .matcher(node.log())
                            .results()
                            .count())
                    .sum();
            assertThat(seeded)
                    .as("nodes that deployed the examples in round %d", round)
                    .isEqualTo(1);
        } finally {
            nodes.forEach(RenderedNode::kill);
            dataDirs.forEach(RenderedNode::deleteTree);
        }
    }

    /** Runs the command of the chart's test pod (templates/tests) with the gateway Service replaced by one node. */
    private static int helmTest(int port) throws IOException, InterruptedException {
        String hook = Files.readString(Chart.DIR.resolve("templates/tests/gateway-test-pod.yaml"));
        String service = "{{ include \"vfn.fullname\" . }}:{{ .Values.gateway.service.port }}";
        assertThat(hook).contains(service);
        String script = hook.substring(hook.indexOf("- |") + 3)
                .replace(service, "127.0.0.1:" + port)
                .stripIndent();
        Process test =
                new ProcessBuilder("sh", "-c", script).redirectErrorStream(true).start();
        if (!test.waitFor(60, TimeUnit.SECONDS)) {
            test.destroyForcibly();
            throw new AssertionError("the test pod command did not end within 60 s");
        }
        System.out.print(new String(test.getInputStream().readAllBytes()));
        return test.exitValue();
    }
}
