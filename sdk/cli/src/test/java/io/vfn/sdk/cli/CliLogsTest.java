package io.vfn.sdk.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.buffer.Buffer;
import io.vfn.sdk.client.FunctionSpec;
import io.vfn.sdk.client.VfnClient;
import io.vfn.sdk.client.testing.LocalNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code vfn logs}: a function's lines with their call ids; {@code --follow} prints a line logged after it started. */
class CliLogsTest {

    private static LocalNode node;
    private static Cli cli;

    @BeforeAll
    static void start() throws IOException {
        node = LocalNode.start();
        cli = new Cli(node.gateway(), LocalNode.TOKEN);
        try (VfnClient client = VfnClient.create(node.options())) {
            client.deploy("logger", jarOf(Logger.class), FunctionSpec.create()).await();
        }
    }

    @AfterAll
    static void stop() {
        if (node != null) {
            node.close();
        }
    }

    @Test
    void logs_printTheLinesWithTheirCallIds() {
        Cli.Run call = cli.vfn("invoke", "logger", "--data", "first", "--verbose");
        String callId = call.stderr().replaceAll("(?s).*call ([0-9a-f-]+).*", "$1");

        Cli.Run logs = cli.vfn("logs", "logger", "--since", "5m");

        assertThat(logs.code()).as(logs.stderr()).isZero();
        assertThat(logs.out()).containsPattern(callId + " INFO logged first");
    }

    @Test
    void callWithLogs_printsTheAsyncCallsOwnLines() {
        String callId = cli.vfn("invoke", "logger", "--data", "in-async", "--async")
                .out()
                .trim();
        assertThat(cli.vfn("call", callId, "--watch").code()).isZero();

        Cli.Run call = cli.vfn("call", callId, "--logs");

        assertThat(call.code()).as(call.stderr()).isZero();
        assertThat(call.out()).contains("status: succeeded").containsPattern("logs:\\n  \\S+ INFO logged in-async");
    }

    @Test
    void follow_printsALineLoggedAfterItStarted() {
        List<String> printed = new CopyOnWriteArrayList<>();
        try (VfnClient client = VfnClient.create(node.options())) {
            CompletableFuture<Void> following = client.followLogs(
                            "logger", Duration.ZERO, line -> printed.add(line.getString("message")))
                    .toCompletionStage()
                    .toCompletableFuture();

            await().atMost(Duration.ofSeconds(30)).until(() -> {
                cli.vfn("invoke", "logger", "--data", "later");
                return printed.contains("logged later");
            });
            assertThat(following).isNotDone();
        }
    }

    @Test
    void logsOfAnInvalidName_isAUsageOfTheGatewaysAnswer() {
        Cli.Run logs = cli.vfn("logs", "Not_A_Name");

        assertThat(logs.code()).isEqualTo(ExitCodes.ERROR_ANSWER);
        assertThat(logs.stderr()).contains("Invalid function name");
    }

    private static Buffer jarOf(Class<?> function) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream jar = new JarOutputStream(bytes)) {
            String entry = function.getName().replace('.', '/') + ".class";
            jar.putNextEntry(new JarEntry(entry));
            try (InputStream in = function.getClassLoader().getResourceAsStream(entry)) {
                in.transferTo(jar);
            }
            jar.putNextEntry(new JarEntry("META-INF/services/io.vfn.sdk.VfnFunction"));
            jar.write(function.getName().getBytes(StandardCharsets.UTF_8));
        }
        return Buffer.buffer(bytes.toByteArray());
    }
}
