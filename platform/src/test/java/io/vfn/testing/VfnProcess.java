package io.vfn.testing;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One vfn node as a real JVM process started from the fat jar ({@code java -jar vfn.jar}). */
public final class VfnProcess {

    /** The admin token every test process is started with. */
    public static final String TOKEN = "test-admin-token";

    /** The line a node prints once it serves, naming the port it took. */
    private static final Pattern READY = Pattern.compile("ready on http://[^ ]+:(\\d+) ");

    /**
     * JVM flags of a test node: C1 only. A node that lives for a test spends a third of its CPU in the C2 compiler,
     * which pays off only under sustained load; the build starts dozens of nodes on two cores.
     */
    private static final List<String> QUICK_JIT = List.of("-XX:TieredStopAtLevel=1");

    private final Process process;
    private final Path dataDir;
    private final Path log;
    private int port;

    private VfnProcess(Process process, Path dataDir, Path log) {
        this.process = process;
        this.dataDir = dataDir;
        this.log = log;
    }

    /**
     * Starts a node on a gateway port it picks itself (read back from its output, so no other process can take the
     * port between a probe and the bind) and waits until it reports ready; a node that does not is killed.
     *
     * @param clusterName the cluster to join
     * @param clusterPort the first Hazelcast port of the cluster (members are looked for on the next few)
     * @param dataDir     its data directory
     * @param flags       further flags
     * @return the ready node
     */
    public static VfnProcess start(String clusterName, int clusterPort, Path dataDir, String... flags) {
        return start(clusterName, clusterPort, members(clusterPort), dataDir, flags);
    }

    /**
     * Starts a node that looks for the members of its cluster at the given addresses only, and waits until it reports
     * ready.
     *
     * @param clusterName the cluster to join
     * @param clusterPort its own Hazelcast port
     * @param members     the TCP-IP join list ({@code --cluster-members})
     * @param dataDir     its data directory
     * @param flags       further flags
     * @return the ready node
     */
    public static VfnProcess start(String clusterName, int clusterPort, String members, Path dataDir, String... flags) {
        return start(QUICK_JIT, clusterName, clusterPort, members, dataDir, flags);
    }

    /**
     * Starts a node that a test loads for a while (a flood, a latency bound): with the JVM's full JIT, as in
     * production, where the node of {@link #start} compiles with C1 only.
     *
     * @param clusterName the cluster to join
     * @param clusterPort the first Hazelcast port of the cluster
     * @param dataDir     its data directory
     * @param flags       further flags
     * @return the ready node
     */
    public static VfnProcess startForLoad(String clusterName, int clusterPort, Path dataDir, String... flags) {
        return startForLoad(clusterName, clusterPort, members(clusterPort), dataDir, flags);
    }

    /**
     * {@link #startForLoad}, for a node that looks for the members of its cluster at the given addresses only.
     *
     * @param clusterName the cluster to join
     * @param clusterPort its own Hazelcast port
     * @param members     the TCP-IP join list ({@code --cluster-members})
     * @param dataDir     its data directory
     * @param flags       further flags
     * @return the ready node
     */
    public static VfnProcess startForLoad(
            String clusterName, int clusterPort, String members, Path dataDir, String... flags) {
        return start(List.of(), clusterName, clusterPort, members, dataDir, flags);
    }

    private static VfnProcess start(
            List<String> jvmFlags, String clusterName, int clusterPort, String members, Path dataDir, String... flags) {
        List<String> command = new ArrayList<>(List.of("java", "-Xmx512m"));
        command.addAll(jvmFlags);
        command.addAll(List.of(
                "-jar",
                System.getProperty("vfn.jar", "target/vfn.jar"),
                "--port",
                "0",
                "--data-dir",
                dataDir.toString(),
                "--cluster-name",
                clusterName,
                "--cluster-port",
                Integer.toString(clusterPort),
                "--cluster-members",
                members,
                "--admin-token",
                TOKEN,
                "--no-examples",
                "--drain-grace",
                "10s"));
        command.addAll(List.of(flags));
        try {
            Files.createDirectories(dataDir);
            Path log = dataDir.resolve("vfn.log");
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .start();
            VfnProcess node = new VfnProcess(process, dataDir, log);
            try {
                node.awaitReady(Duration.ofSeconds(90));
            } catch (RuntimeException | Error e) {
                node.kill();
                throw e;
            }
            return node;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Starts nodes at once that join a cluster whose first member is up already (members that start together with
     * none up could form clusters of their own), and waits until each reports ready; if one does not, all are killed.
     *
     * @param clusterName the cluster to join
     * @param clusterPort the first Hazelcast port of the cluster
     * @param dataDirs    one data directory per node
     * @param flags       further flags of every node
     * @return the ready nodes, in the order of their data directories
     */
    public static List<VfnProcess> startJoining(
            String clusterName, int clusterPort, List<Path> dataDirs, String... flags) {
        ExecutorService starters = Executors.newFixedThreadPool(dataDirs.size());
        try {
            List<Future<VfnProcess>> starts = dataDirs.stream()
                    .map(dir -> starters.submit(() -> start(clusterName, clusterPort, dir, flags)))
                    .toList();
            List<VfnProcess> started = new ArrayList<>();
            AssertionError failed = null;
            for (Future<VfnProcess> start : starts) {
                try {
                    started.add(start.get());
                } catch (ExecutionException e) {
                    failed = failed == null ? new AssertionError("a node did not start", e.getCause()) : failed;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    failed = new AssertionError(e);
                }
            }
            if (failed != null) {
                started.forEach(VfnProcess::kill);
                throw failed;
            }
            return started;
        } finally {
            starters.shutdownNow();
        }
    }

    /** @return the gateway port */
    public int port() {
        return port;
    }

    /** @return the process id, for {@code jcmd} */
    public long pid() {
        return process.pid();
    }

    /** @return the data directory */
    public Path dataDir() {
        return dataDir;
    }

    /** @return the process's output so far */
    public String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** Kills the process at once (SIGKILL): no drain, no goodbye to the cluster. */
    public void kill() {
        process.destroyForcibly();
        waitForExit();
    }

    /**
     * Stops the process as an orchestrator would (SIGTERM) and waits for it.
     *
     * @return its exit code
     */
    public int stop() {
        process.destroy();
        return waitForExit();
    }

    /** @return whether the process still runs */
    public boolean isAlive() {
        return process.isAlive();
    }

    private int waitForExit() {
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private void awaitReady(Duration atMost) {
        HttpClient http = HttpClient.newHttpClient();
        await().atMost(atMost)
                .pollInterval(Duration.ofMillis(200))
                .ignoreExceptions()
                .until(() -> {
                    if (!process.isAlive()) {
                        throw new AssertionError("vfn exited while starting: " + log());
                    }
                    Matcher ready = READY.matcher(log());
                    if (!ready.find()) {
                        return false;
                    }
                    port = Integer.parseInt(ready.group(1));
                    HttpRequest probe = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health/ready"))
                            .build();
                    return http.send(probe, HttpResponse.BodyHandlers.discarding())
                                    .statusCode()
                            == 200;
                });
    }

    private static String members(int basePort) {
        List<String> members = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            members.add("127.0.0.1:" + (basePort + i));
        }
        return String.join(",", members);
    }
}
