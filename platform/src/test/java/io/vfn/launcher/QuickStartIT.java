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
import org.junit.jupiter.api.Test;

/**
 * The README's start command, {@code java -jar platform/target/vfn.jar} with no flag, in a fresh directory: the
 * node comes up with the examples and echoes. Only the ports and cluster name come from the environment, so the
 * test never collides with a node a developer runs.
 */
class QuickStartIT {

    @Test
    void startCommand_onACleanDirectory_answersEcho() throws Exception {
        Path workDir = Files.createTempDirectory("vfn-quickstart");
        int port = TestNode.freePort();
        int clusterPort = TestNode.freePort();
        ProcessBuilder builder = new ProcessBuilder("java", "-jar", System.getProperty("vfn.jar"))
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(workDir.resolve("vfn.log").toFile());
        builder.environment().put("VFN_PORT", Integer.toString(port));
        builder.environment().put("VFN_CLUSTER_PORT", Integer.toString(clusterPort));
        builder.environment().put("VFN_CLUSTER_MEMBERS", "127.0.0.1:" + clusterPort);
        builder.environment().put("VFN_CLUSTER_NAME", "test-" + UUID.randomUUID());
        Process vfn = builder.start();
        HttpClient http = HttpClient.newHttpClient();
        try {
            await().atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofMillis(200))
                    .ignoreExceptions()
                    .until(() -> http.send(
                                            HttpRequest.newBuilder(
                                                            URI.create("http://127.0.0.1:" + port + "/health/ready"))
                                                    .build(),
                                            HttpResponse.BodyHandlers.ofString())
                                    .statusCode()
                            == 200);

            HttpResponse<String> echo = http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/function/echo"))
                            .POST(HttpRequest.BodyPublishers.ofString("hi"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(echo.statusCode()).isEqualTo(200);
            assertThat(echo.body()).isEqualTo("hi");
            assertThat(Files.readString(workDir.resolve("vfn.log")))
                    .contains("ready on http://127.0.0.1:" + port)
                    .contains("Generated admin token");
            assertThat(workDir.resolve("vfn-data/admin-token")).exists();
        } finally {
            vfn.destroy();
            if (!vfn.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
                vfn.destroyForcibly();
            }
        }
    }
}
