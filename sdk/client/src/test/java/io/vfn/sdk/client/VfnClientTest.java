package io.vfn.sdk.client;

import static io.vfn.sdk.client.testing.Futures.await;
import static io.vfn.sdk.client.testing.Futures.failure;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vfn.sdk.client.testing.LocalNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The client's sync and admin operations against a real node. */
class VfnClientTest {

    private static LocalNode node;
    private static VfnClient client;

    @BeforeAll
    static void start() {
        node = LocalNode.start();
        client = VfnClient.create(node.options());
    }

    @AfterAll
    static void stop() {
        if (client != null) {
            client.close();
        }
        if (node != null) {
            node.close();
        }
    }

    @Test
    void invoke_returnsTheFunctionsAnswerByteForByte() {
        byte[] bytes = new byte[256];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) i;
        }

        InvokeResponse response = await(client.invoke(Invocation.of("echo")
                .header("Content-Type", "application/octet-stream")
                .body(Buffer.buffer(bytes))));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body().getBytes()).isEqualTo(bytes);
        assertThat(response.callId()).isPresent();
        assertThat(response.contentType()).contains("application/octet-stream");
    }

    @Test
    void invoke_passesPathQueryAndHeadersToTheFunction() {
        InvokeResponse response = await(client.invoke(Invocation.of("hello")
                .header("Content-Type", "application/json")
                .body("{\"name\":\"Ada\"}")));

        assertThat(response.bodyAsJson().getString("greeting")).isEqualTo("Hello, Ada!");
    }

    @Test
    void invoke_functionsOwnErrorStatusIsAnAnswerNotAnException() {
        InvokeResponse response = await(client.invoke(Invocation.of("fail").query("status=503")));

        assertThat(response.status()).isEqualTo(503);
        assertThat(response.bodyAsString()).isEqualTo("failing with 503 as asked");
    }

    @Test
    void deploy_describe_list_update_delete_roundTrip(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path jar = dir.resolve("greeter.jar");
        Files.write(jar, LocalNode.exampleJar("hello").getBytes());

        DeployResult created = await(
                client.deploy("greeter", jar, FunctionSpec.create().instances(2).env("LANG", "en")));
        DeployResult again = await(client.deploy(
                "greeter",
                LocalNode.exampleJar("hello"),
                FunctionSpec.create().instances(2).env("LANG", "en")));
        FunctionInfo updated = await(
                client.update("greeter", FunctionSpec.create().concurrency(8).timeout(Duration.ofSeconds(5))));

        assertThat(created.created()).isTrue();
        assertThat(created.function().spec().getInteger("instances")).isEqualTo(2);
        assertThat(created.function().spec().getJsonObject("env").getString("LANG"))
                .isEqualTo("en");
        assertThat(again.created()).isFalse();
        assertThat(again.changed()).isFalse();
        assertThat(updated.spec().getInteger("concurrency")).isEqualTo(8);
        assertThat(updated.spec().getString("timeout")).isEqualTo("5s");
        assertThat(await(client.describe("greeter")).version())
                .isEqualTo(created.function().version());
        assertThat(await(client.list())).extracting(FunctionInfo::name).contains("greeter", "echo");
        assertThat(await(client.invoke("greeter", Buffer.buffer("{\"name\":\"Bo\"}")))
                        .bodyAsString())
                .contains("Hello, Bo!");

        await(client.delete("greeter"));

        assertThat(failure(client.describe("greeter")).status()).isEqualTo(404);
        assertThat(failure(client.invoke("greeter", Buffer.buffer())).title()).isEqualTo("Function not found");
    }

    @Test
    void noAnswerWithinTheRequestTimeout_isNoAnswerNotUnreachable() {
        try (VfnClient impatient = VfnClient.create(node.options().requestTimeout(Duration.ofMillis(300)))) {
            VfnClientException e =
                    failure(impatient.invoke(Invocation.of("sleep").query("ms=3000")));

            assertThat(e.type()).isEqualTo(VfnClientException.NO_ANSWER);
            assertThat(e.unreachable()).isFalse();
        }
    }

    @Test
    void deployOfAMissingFile_failsAsAnIoErrorNotAsAProblem(@org.junit.jupiter.api.io.TempDir Path dir) {
        io.vertx.core.Future<DeployResult> deploy =
                client.deploy("ghost", dir.resolve("missing.jar"), FunctionSpec.create());

        assertThat(deploy.failed()).isTrue();
        assertThat(deploy.cause())
                .isInstanceOf(java.io.UncheckedIOException.class)
                .hasMessageContaining("missing.jar");
    }

    @Test
    void nodesAndInfo_describeTheCluster() {
        assertThat(await(client.nodes())).hasSize(1);
        assertThat(await(client.info()).getInteger("clusterSize")).isEqualTo(1);
        assertThat(await(client.info()).getString("version")).isNotBlank();
    }

    @Test
    void clientOnItsCallersVertx_worksAndLeavesItOpen() {
        io.vertx.core.Vertx vertx = io.vertx.core.Vertx.vertx();
        try {
            VfnClient own = VfnClient.create(vertx, node.options());
            assertThat(await(own.invoke("echo", Buffer.buffer("x"))).bodyAsString())
                    .isEqualTo("x");
            own.close();
            assertThat(await(vertx.executeBlocking(() -> "still open"))).isEqualTo("still open");
        } finally {
            await(vertx.close());
        }
    }
}
