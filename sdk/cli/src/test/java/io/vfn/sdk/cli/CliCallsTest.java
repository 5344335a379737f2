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

/** {@code vfn invoke --async}, {@code call}, {@code calls}, {@code retry} and {@code cancel} against a real node. */
class CliCallsTest {

    private static LocalNode node;
    private static Cli cli;

    @BeforeAll
    static void start() throws Exception {
        node = LocalNode.start();
        cli = new Cli(node.gateway(), LocalNode.TOKEN);
        Path dir = LocalNode.tempDir("vfn-cli-jars");
        Files.write(dir.resolve("fail.jar"), LocalNode.exampleJar("fail").getBytes());
        Files.write(dir.resolve("sleep.jar"), LocalNode.exampleJar("sleep").getBytes());
        assertThat(cli.vfn("deploy", "failing", dir.resolve("fail.jar").toString(), "--max-retries", "0")
                        .code())
                .isZero();
        assertThat(cli.vfn("deploy", "slow", dir.resolve("sleep.jar").toString(), "--concurrency", "1")
                        .code())
                .isZero();
    }

    @AfterAll
    static void stop() {
        if (node != null) {
            node.close();
        }
    }

    @Test
    void invokeAsync_printsTheCallId_orJsonForScripts() {
        Cli.Run plain = cli.vfn("invoke", "echo", "--data", "x", "--async", "--verbose");
        JsonObject json = new JsonObject(cli.vfn("invoke", "echo", "--data", "x", "--async", "-o", "json")
                .out());

        assertThat(plain.code()).isZero();
        assertThat(plain.out().trim()).matches("[0-9a-f-]{36}");
        assertThat(plain.stderr()).contains("accepted, call " + plain.out().trim());
        assertThat(json.getString("status")).isEqualTo("queued");
        assertThat(json.getString("callId")).isNotBlank();
    }

    @Test
    void failedCall_watchExits1_isADeadLetter_andIsRetried() {
        String callId = cli.vfn("invoke", "failing", "--async").out().trim();

        Cli.Run watched = cli.vfn("call", callId, "--watch");
        Cli.Run deadLetters = cli.vfn("calls", "--status", "failed", "--function", "failing");
        JsonArray json = new JsonArray(
                cli.vfn("calls", "--status", "failed", "-o", "json").out());
        Cli.Run result = cli.vfn("call", callId, "--result");
        Cli.Run retried = cli.vfn("retry", callId);

        assertThat(watched.code()).isEqualTo(ExitCodes.ERROR_ANSWER);
        assertThat(watched.out()).contains("status: failed").contains("error: ");
        assertThat(deadLetters.out().lines().findFirst())
                .get()
                .asString()
                .startsWith("CALL")
                .contains("STATUS");
        assertThat(deadLetters.out()).contains(callId).contains("failed");
        assertThat(json.stream().map(c -> ((JsonObject) c).getString("callId"))).contains(callId);
        assertThat(result.code()).isEqualTo(ExitCodes.ERROR_ANSWER);
        assertThat(result.stderr()).contains("Function failed");
        assertThat(retried.code()).as(retried.stderr()).isZero();
        assertThat(retried.out()).isEqualTo("call " + callId + " is queued again\n");
    }

    @Test
    void cancel_aQueuedCall_thenAgainIsAConflict() {
        cli.vfn("invoke", "slow?ms=3000", "--async");
        String queued = cli.vfn("invoke", "slow?ms=3000", "--async").out().trim();

        Cli.Run pending = cli.vfn("call", queued, "--result");
        Cli.Run cancelled = cli.vfn("cancel", queued);
        Cli.Run again = cli.vfn("cancel", queued);

        assertThat(pending.code()).isEqualTo(ExitCodes.ERROR_ANSWER);
        assertThat(pending.stderr()).contains("has not ended yet");
        assertThat(cancelled.out()).isEqualTo("call " + queued + " is cancelled\n");
        assertThat(again.code()).isEqualTo(ExitCodes.ERROR_ANSWER);
        assertThat(again.stderr()).contains("Conflict");
    }

    @Test
    void unknownCall_exits1CallNotFound() {
        Cli.Run run = cli.vfn("call", "no-such-call");

        assertThat(run.code()).isEqualTo(ExitCodes.ERROR_ANSWER);
        assertThat(run.stderr()).contains("Call not found");
    }
}
