package io.vfn.sdk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vfn.sdk.client.testing.LocalNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The {@code vfn} commands in-process against a real node: output, bodies, exit codes. */
class CliTest {

    private static LocalNode node;
    private static Cli cli;

    @BeforeAll
    static void start() {
        node = LocalNode.start();
        cli = new Cli(node.gateway(), LocalNode.TOKEN);
    }

    @AfterAll
    static void stop() {
        if (node != null) {
            node.close();
        }
    }

    private static byte[] allBytes() {
        byte[] bytes = new byte[256 * 4];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) i;
        }
        return bytes;
    }

    @Test
    void invoke_printsTheBodyToStdoutAndNothingElse() {
        Cli.Run run = cli.vfn("invoke", "echo", "--data", "hi");

        assertThat(run.code()).isZero();
        assertThat(run.out()).isEqualTo("hi");
        assertThat(run.stderr()).isEmpty();
    }

    @Test
    void invoke_verbose_putsStatusAndCallIdOnStderr() {
        Cli.Run run = cli.vfn("invoke", "echo", "--data", "hi", "--verbose", "-H", "X-Call-Id:my-call-1");

        assertThat(run.out()).isEqualTo("hi");
        assertThat(run.stderr()).contains("status 200").contains("call my-call-1");
    }

    @Test
    void invoke_binaryBodyFromStdin_comesBackByteForByte() {
        Cli.Run run = cli.withInput(allBytes(), "invoke", "echo", "-H", "Content-Type: application/octet-stream");

        assertThat(run.code()).isZero();
        assertThat(run.stdout()).isEqualTo(allBytes());
    }

    @Test
    void invoke_binaryBodyFromFile_comesBackByteForByte(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("body.bin");
        Files.write(file, allBytes());

        Cli.Run run = cli.vfn("invoke", "echo", "--data", "@" + file);

        assertThat(run.code()).isZero();
        assertThat(run.stdout()).isEqualTo(allBytes());
    }

    @Test
    void invoke_subPathAndQuery_reachTheFunction() {
        Cli.Run run = cli.vfn("invoke", "fail?status=418");

        assertThat(run.code()).isEqualTo(ExitCodes.ERROR_ANSWER);
        assertThat(run.out()).isEqualTo("failing with 418 as asked");
        assertThat(run.stderr()).contains("the function answered 418");
    }

    @Test
    void invoke_platformError_exits1WithTheProblemOnStderr() {
        Cli.Run run = cli.vfn("invoke", "fail");

        assertThat(run.code()).isEqualTo(ExitCodes.ERROR_ANSWER);
        assertThat(run.stdout()).isEmpty();
        assertThat(run.stderr()).startsWith("vfn: Function failed: ");
    }

    @Test
    void unknownFunction_exits1WithTitle() {
        Cli.Run run = cli.vfn("invoke", "nobody-here", "--data", "x");

        assertThat(run.code()).isEqualTo(ExitCodes.ERROR_ANSWER);
        assertThat(run.stderr()).contains("Function not found");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "invoke",
                "frobnicate",
                "invoke echo --no-such-flag",
                "invoke echo --wait",
                "invoke echo -H nocolon",
                "invoke echo --data @/no/such/file",
                "deploy x /no/such.jar",
                "calls --limit many",
                "new Bad_Name",
                "--output yaml info",
                "secret",
                "key",
                "alias set echo canary two",
                "traffic echo 1=50 --reset",
                "secret create db-password --from-file /no/such/file"
            })
    void usageErrors_exit2(String line) {
        Cli.Run run = cli.vfn(line.isEmpty() ? new String[0] : line.split(" "));

        assertThat(run.code()).as(run.stderr()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.stderr()).isNotEmpty();
    }

    @Test
    void unreachableGateway_exits3() {
        Cli.Run run = cli.vfn("--gateway", "http://127.0.0.1:" + LocalNode.freePort(), "invoke", "echo", "--data", "x");

        assertThat(run.code()).isEqualTo(ExitCodes.UNREACHABLE);
        assertThat(run.stderr()).contains("Gateway unreachable");
    }

    @Test
    void wrongToken_exits1Unauthorized() {
        Cli.Run run = cli.vfn("list", "--token", "wrong");

        assertThat(run.code()).isEqualTo(ExitCodes.ERROR_ANSWER);
        assertThat(run.stderr()).contains("Unauthorized");
    }

    @Test
    void outputJson_parsesForEveryListing() {
        assertThat(new JsonArray(cli.vfn("list", "-o", "json").out()).size()).isGreaterThanOrEqualTo(6);
        assertThat(new JsonObject(
                                cli.vfn("describe", "echo", "--output", "json").out())
                        .getString("name"))
                .isEqualTo("echo");
        assertThat(new JsonArray(cli.vfn("nodes", "-o", "json").out()).size()).isEqualTo(1);
        assertThat(new JsonObject(cli.vfn("info", "-o", "json").out()).getInteger("clusterSize"))
                .isEqualTo(1);
        assertThat(new JsonArray(cli.vfn("calls", "-o", "json").out())).isNotNull();
    }

    @Test
    void tables_showOneLinePerFunction() {
        Cli.Run run = cli.vfn("list");

        assertThat(run.out().lines()).first().asString().startsWith("NAME").contains("VERSION", "READY");
        assertThat(run.out().lines().filter(l -> l.startsWith("echo ")).findFirst())
                .get()
                .asString()
                .endsWith("1/1");
    }

    @Test
    void deploy_update_describe_delete_withSpecFlags(@TempDir Path dir) throws Exception {
        Path jar = dir.resolve("greet.jar");
        Files.write(jar, LocalNode.exampleJar("hello").getBytes());

        Cli.Run deployed = cli.vfn(
                "deploy",
                "spec-test",
                jar.toString(),
                "--instances",
                "2",
                "--concurrency",
                "4",
                "--timeout",
                "5s",
                "--max-retries",
                "1",
                "--event-loop",
                "true",
                "--env",
                "LANG=en",
                "--env",
                "MODE=test");
        Cli.Run again = cli.vfn(
                "deploy",
                "spec-test",
                jar.toString(),
                "--instances",
                "2",
                "--concurrency",
                "4",
                "--timeout",
                "5s",
                "--max-retries",
                "1",
                "--event-loop",
                "true",
                "--env",
                "LANG=en",
                "--env",
                "MODE=test");
        JsonObject spec =
                new JsonObject(cli.vfn("describe", "spec-test", "-o", "json").out()).getJsonObject("spec");

        assertThat(deployed.code()).as(deployed.stderr()).isZero();
        assertThat(deployed.out()).startsWith("deployed spec-test (version ");
        assertThat(again.out()).startsWith("unchanged spec-test");
        assertThat(spec.getInteger("instances")).isEqualTo(2);
        assertThat(spec.getInteger("concurrency")).isEqualTo(4);
        assertThat(spec.getString("timeout")).isEqualTo("5s");
        assertThat(spec.getInteger("maxRetries")).isEqualTo(1);
        assertThat(spec.getBoolean("eventLoop")).isTrue();
        assertThat(spec.getJsonObject("env").getMap())
                .containsEntry("LANG", "en")
                .containsEntry("MODE", "test");
        assertThat(cli.vfn("describe", "spec-test").out()).contains("instances: 2");

        assertThat(cli.vfn("delete", "spec-test").out()).isEqualTo("deleted spec-test\n");
        assertThat(cli.vfn("describe", "spec-test").code()).isEqualTo(ExitCodes.ERROR_ANSWER);
    }
}
