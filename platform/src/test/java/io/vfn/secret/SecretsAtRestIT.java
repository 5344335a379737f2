package io.vfn.secret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vfn.testfunctions.SecretDigest;
import io.vfn.testing.Gateway;
import io.vfn.testing.TestJars;
import io.vfn.testing.TestNode;
import io.vfn.testing.VfnProcess;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Two real members sharing a secrets key: a secret set on one is read by the function on the other, a rotation
 * reaches the running instances, and the value is in no file of either data directory (their logs included), in no
 * admin answer, call record or metrics output.
 */
class SecretsAtRestIT {

    @Test
    void aSecretsValue_isReadAndRotatedAcrossMembers_andAppearsInNoFileLogRecordOrMetric() throws IOException {
        String cluster = "test-" + UUID.randomUUID();
        int clusterPort = TestNode.freePort();
        Path keyFile = TestNode.tempDir().resolve("secrets-key");
        Files.writeString(keyFile, UUID.randomUUID() + "-" + UUID.randomUUID());
        String first = "first-" + UUID.randomUUID();
        String second = "second-" + UUID.randomUUID();
        List<VfnProcess> nodes = new ArrayList<>();
        try {
            nodes.add(VfnProcess.start(
                    cluster, clusterPort, TestNode.tempDir(), "--secrets-key-file", keyFile.toString()));
            nodes.add(VfnProcess.start(
                    cluster, clusterPort, TestNode.tempDir(), "--secrets-key-file", keyFile.toString()));
            try (Gateway a = new Gateway(nodes.get(0).port(), VfnProcess.TOKEN);
                    Gateway b = new Gateway(nodes.get(1).port(), VfnProcess.TOKEN)) {
                assertThat(a.request(HttpMethod.PUT, "/system/secrets/db-password", Buffer.buffer(first), true)
                                .statusCode())
                        .isEqualTo(201);
                assertThat(a.deploy("reader", TestJars.of(SecretDigest.class), "secrets=db-password&instances=2")
                                .statusCode())
                        .isEqualTo(201);
                await().atMost(Duration.ofSeconds(30))
                        .until(() -> b.invoke("reader", "db-password").statusCode() == 200);
                assertThat(b.invoke("reader", "db-password").bodyAsString()).isEqualTo(SecretDigest.sha256(first));

                assertThat(a.request(HttpMethod.PUT, "/system/secrets/db-password", Buffer.buffer(second), true)
                                .statusCode())
                        .isEqualTo(200);
                await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
                    assertThat(b.invoke("reader", "db-password").bodyAsString()).isEqualTo(SecretDigest.sha256(second));
                    assertThat(a.invoke("reader", "db-password").bodyAsString()).isEqualTo(SecretDigest.sha256(second));
                });
                String callId = b.invokeAsync("reader", "", "db-password", null).getHeader("X-Call-Id");
                String record = b.awaitEnd(callId, 30).encode();

                StringBuilder outputs = new StringBuilder(record);
                for (Gateway gateway : List.of(a, b)) {
                    outputs.append(gateway.adminGet("/system/functions/reader").bodyAsString())
                            .append(gateway.adminGet("/system/secrets").bodyAsString())
                            .append(gateway.adminGet("/system/secrets/db-password")
                                    .bodyAsString())
                            .append(gateway.adminGet("/calls?function=reader").bodyAsString())
                            .append(gateway.request(HttpMethod.GET, "/metrics", null, false)
                                    .bodyAsString());
                }
                assertThat(record).contains(SecretDigest.sha256(second));
                assertThat(outputs).doesNotContain(first).doesNotContain(second);
            }
            for (VfnProcess node : nodes) {
                assertThat(Files.exists(node.dataDir().resolve("secrets").resolve("db-password.json")))
                        .isTrue();
                assertThat(everyFile(node.dataDir()))
                        .as("files of " + node.dataDir())
                        .isNotEmpty()
                        .noneMatch(text -> text.contains(first) || text.contains(second));
            }
        } finally {
            // Nothing is checked of their stop: killed at once, not drained one after another.
            nodes.forEach(VfnProcess::kill);
        }
    }

    /** The text of every file under a directory (logs, catalog, sealed secrets, jars as Latin-1). */
    private static List<String> everyFile(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            List<String> texts = new ArrayList<>();
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                texts.add(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1));
            }
            return texts;
        }
    }
}
