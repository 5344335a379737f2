package io.vfn.helm;

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
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A vfn node as a real process of the platform's fat jar, started with an environment the way a pod is. */
final class RenderedNode {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final Process process;
    private final int port;
    private final Path log;

    private RenderedNode(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /**
     * Starts a node without waiting for it.
     *
     * @param env its whole environment (VFN_DATA_DIR and VFN_PORT included)
     * @return the starting node
     */
    static RenderedNode launch(Map<String, String> env) {
        Path dataDir = Path.of(env.get("VFN_DATA_DIR"));
        try {
            Files.createDirectories(dataDir);
            Path log = dataDir.resolve("vfn.log");
            ProcessBuilder builder = new ProcessBuilder(List.of(
                            "java",
                            "-Xmx256m",
                            "-XX:TieredStopAtLevel=1",
                            "-jar",
                            System.getProperty("vfn.jar", "../platform/target/vfn.jar")))
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            builder.environment().clear();
            builder.environment().put("PATH", System.getenv("PATH"));
            builder.environment().putAll(env);
            return new RenderedNode(builder.start(), Integer.parseInt(env.get("VFN_PORT")), log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the gateway port */
    int port() {
        return port;
    }

    /** @param atMost how long to wait until the node reports ready */
    void awaitReady(Duration atMost) {
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health/ready"))
                .build();
        await().atMost(atMost)
                .pollInterval(Duration.ofMillis(250))
                .ignoreExceptions()
                .until(() -> {
                    if (!process.isAlive()) {
                        throw new AssertionError("vfn exited while starting: " + log());
                    }
                    return HTTP.send(ready, HttpResponse.BodyHandlers.discarding())
                                    .statusCode()
                            == 200;
                });
    }

    /** @return the process's output so far */
    String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** @param dir a directory to remove with everything in it (a node's data directory, after the node ended) */
    static void deleteTree(Path dir) {
        try (java.util.stream.Stream<Path> files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder())
                    .forEach(file -> file.toFile().delete());
        } catch (IOException e) {
            // left for the system's temp cleaning: nothing a later test relies on
        }
    }

    /** Kills the process (SIGKILL) and waits for it to end. */
    void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
