package io.vfn.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vfn.testing.TestNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The README's start command, {@code java -jar platform/target/vfn.jar} with no flag, in a fresh directory: the
 * node comes up with the examples and echoes. Only the ports and cluster name come from the environment, so the
 * test never collides with a node a developer runs.
 */
class QuickStartIT {

    private static final Pattern READY = Pattern.compile("ready on http://127\\.0\\.0\\.1:(\\d+) ");

    @Test
    void startCommand_onACleanDirectory_answersEcho() throws Exception {
        Path workDir = TestNode.tempDir();
        int clusterPort = TestNode.freePort();
        ProcessBuilder builder = new ProcessBuilder("java", "-jar", System.getProperty("vfn.jar"))
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(workDir.resolve("vfn.log").toFile());
        // Port 0: the node binds a free port itself and names it in its ready line.
        builder.environment().put("VFN_PORT", "0");
        builder.environment().put("VFN_CLUSTER_PORT", Integer.toString(clusterPort));
        builder.environment().put("VFN_CLUSTER_MEMBERS", "127.0.0.1:" + clusterPort);
        builder.environment().put("VFN_CLUSTER_NAME", "test-" + UUID.randomUUID());
        Process vfn = builder.start();
        HttpClient http = HttpClient.newHttpClient();
        try {
            int port = await().atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> readyPort(workDir.resolve("vfn.log")), found -> found > 0);
            assertThat(http.send(
                                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health/ready"))
                                            .build(),
                                    HttpResponse.BodyHandlers.ofString())
                            .statusCode())
                    .isEqualTo(200);

            HttpResponse<String> echo = http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/function/echo"))
                            .POST(HttpRequest.BodyPublishers.ofString("hi"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(echo.statusCode()).isEqualTo(200);
            assertThat(echo.body()).isEqualTo("hi");
            assertThat(Files.readString(workDir.resolve("vfn.log"))).contains("Generated admin token");
            assertThat(workDir.resolve("vfn-data/admin-token")).exists();
        } finally {
            vfn.destroy();
            if (!vfn.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
                vfn.destroyForcibly();
            }
        }
    }

    /** @return the port the node's ready line names, 0 before it printed one */
    private static int readyPort(Path log) throws java.io.IOException {
        Matcher ready = READY.matcher(Files.exists(log) ? Files.readString(log) : "");
        return ready.find() ? Integer.parseInt(ready.group(1)) : 0;
    }
}
