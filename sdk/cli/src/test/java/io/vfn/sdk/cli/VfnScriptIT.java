package io.vfn.sdk.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vfn.sdk.client.testing.LocalNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bin/vfn} as a real process, run from another directory and through a symlink, on the built fat jar. */
class VfnScriptIT {

    private static final Path HOME =
            Path.of(System.getProperty("vfn.home")).toAbsolutePath().normalize();

    private static LocalNode node;

    @BeforeAll
    static void start() {
        node = LocalNode.start();
    }

    @AfterAll
    static void stop() {
        if (node != null) {
            node.close();
        }
    }

    private record Result(int code, byte[] stdout, String stderr) {}

    private static Result run(Path script, Path cwd, byte[] stdin, Map<String, String> env, String... args)
            throws Exception {
        List<String> command = new ArrayList<>(List.of(script.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(cwd.toFile());
        builder.environment().remove("VFN_GATEWAY");
        builder.environment().remove("VFN_ADMIN_TOKEN");
        builder.environment().putAll(env);
        Process process = builder.start();
        CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
        CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
        process.getOutputStream().write(stdin);
        process.getOutputStream().close();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("bin/vfn did not finish within 60 s");
        }
        return new Result(
                process.exitValue(),
                out.get(10, TimeUnit.SECONDS),
                new String(err.get(10, TimeUnit.SECONDS), StandardCharsets.UTF_8));
    }

    private static byte[] readAll(InputStream in) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            in.transferTo(bytes);
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void binVfn_fromAnotherDirectory_pipesABinaryBodyByteForByte(@TempDir Path elsewhere) throws Exception {
        byte[] body = new byte[70_000];
        for (int i = 0; i < body.length; i++) {
            body[i] = (byte) (i * 31);
        }

        Result result = run(
                HOME.resolve("bin/vfn"),
                elsewhere,
                body,
                Map.of("VFN_GATEWAY", node.gateway()),
                "invoke",
                "echo",
                "-H",
                "Content-Type: application/octet-stream");

        assertThat(result.code()).as(result.stderr()).isZero();
        assertThat(result.stdout()).isEqualTo(body);
    }

    @Test
    void binVfn_throughASymlink_runsAdminCommandsWithTheTokenFromTheEnvironment(@TempDir Path elsewhere)
            throws Exception {
        Path link = elsewhere.resolve("vfn");
        Files.createSymbolicLink(link, HOME.resolve("bin/vfn"));

        Result result = run(
                link,
                elsewhere,
                new byte[0],
                Map.of("VFN_GATEWAY", node.gateway(), "VFN_ADMIN_TOKEN", LocalNode.TOKEN),
                "list");

        assertThat(result.code()).as(result.stderr()).isZero();
        assertThat(new String(result.stdout(), StandardCharsets.UTF_8)).contains("echo", "hello");
    }

    @Test
    void vfnUp_startsANodeFromThePlatformJar_andStopsItWithItself(@TempDir Path elsewhere) throws Exception {
        int port = LocalNode.freePort();
        int clusterPort = LocalNode.freePort();
        Process up = new ProcessBuilder(
                        HOME.resolve("bin/vfn").toString(),
                        "up",
                        "--port",
                        Integer.toString(port),
                        "--data-dir",
                        elsewhere.resolve("data").toString(),
                        "--cluster-name",
                        "up-" + UUID.randomUUID(),
                        "--cluster-port",
                        Integer.toString(clusterPort),
                        "--cluster-members",
                        "127.0.0.1:" + clusterPort,
                        "--no-examples")
                .directory(elsewhere.toFile())
                .redirectErrorStream(true)
                .redirectOutput(elsewhere.resolve("up.log").toFile())
                .start();
        try {
            HttpClient http = HttpClient.newHttpClient();
            HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health/ready"))
                    .build();
            Awaitility.await()
                    .atMost(Duration.ofSeconds(120))
                    .pollInterval(Duration.ofMillis(250))
                    .ignoreExceptions()
                    .until(() -> http.send(ready, HttpResponse.BodyHandlers.ofString())
                                    .statusCode()
                            == 200);
        } finally {
            up.destroy();
            assertThat(up.waitFor(90, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(up.exitValue()).isNotEqualTo(ExitCodes.ERROR_ANSWER);
        try (java.net.Socket probe = new java.net.Socket()) {
            assertThatThrownBy(() -> probe.connect(new java.net.InetSocketAddress("127.0.0.1", port), 1000))
                    .isInstanceOf(java.io.IOException.class);
        }
        assertThat(Files.readString(elsewhere.resolve("up.log"))).contains("admin token");
    }

    @Test
    void binVfn_exitCodes_reachTheShell(@TempDir Path elsewhere) throws Exception {
        Path script = HOME.resolve("bin/vfn");
        Map<String, String> env = Map.of("VFN_GATEWAY", node.gateway());

        assertThat(run(script, elsewhere, new byte[0], env, "invoke", "nobody").code())
                .isEqualTo(ExitCodes.ERROR_ANSWER);
        assertThat(run(script, elsewhere, new byte[0], env, "invoke").code()).isEqualTo(ExitCodes.USAGE);
        assertThat(run(
                                script,
                                elsewhere,
                                new byte[0],
                                Map.of("VFN_GATEWAY", "http://127.0.0.1:" + LocalNode.freePort()),
                                "info")
                        .code())
                .isEqualTo(ExitCodes.UNREACHABLE);
    }
}
