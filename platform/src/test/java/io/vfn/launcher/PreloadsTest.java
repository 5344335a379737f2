package io.vfn.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vfn.catalog.JarStore;
import io.vfn.testfunctions.GreeterV1;
import io.vfn.testing.Gateway;
import io.vfn.testing.TestJars;
import io.vfn.testing.TestNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code --preload} deploys only functions the cluster never knew, and checks a pinned hash. */
class PreloadsTest {

    @Test
    void restartWithPreload_keepsAPatchedSpecAndNeverResurrectsADeletedFunction() throws IOException {
        Path jar = TestNode.tempDir().resolve("greeter.jar");
        byte[] bytes = TestJars.of(GreeterV1.class);
        Files.write(jar, bytes);
        String pinned = jar + "#sha256=" + JarStore.versionOf(bytes);
        Path dataDir = TestNode.tempDir();

        VfnNode first = TestNode.Cluster.create().start(dataDir, "--preload", pinned);
        try (Gateway gateway = new Gateway(first)) {
            assertThat(gateway.invoke("greeter", "x").bodyAsString()).isEqualTo("v1:x");
            gateway.request(HttpMethod.PATCH, "/system/functions/greeter", Buffer.buffer("{\"timeout\":\"9s\"}"), true);
        } finally {
            TestNode.stop(first);
        }
        VfnNode second = TestNode.Cluster.create().start(dataDir, "--preload", pinned);
        try (Gateway gateway = new Gateway(second)) {
            assertThat(gateway.adminGet("/system/functions/greeter")
                            .bodyAsJsonObject()
                            .getJsonObject("spec")
                            .getString("timeout"))
                    .isEqualTo("9s");
            assertThat(gateway.undeploy("greeter").statusCode()).isEqualTo(204);
        } finally {
            TestNode.stop(second);
        }
        VfnNode third = TestNode.Cluster.create().start(dataDir, "--preload", pinned);
        try (Gateway gateway = new Gateway(third)) {
            assertThat(gateway.invoke("greeter", "x").statusCode()).isEqualTo(404);
        } finally {
            TestNode.stop(third);
        }
    }

    @Test
    void pinThatDoesNotMatch_failsTheStart() throws IOException {
        Path jar = TestNode.tempDir().resolve("greeter.jar");
        Files.write(jar, TestJars.of(GreeterV1.class));

        assertThatThrownBy(() -> TestNode.start("--preload", jar + "#sha256=" + "0".repeat(64)))
                .hasStackTraceContaining("not the pinned");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"http://example.com/greeter.jar", "HTTP://example.com/greeter.jar", "greeter.jar#sha256=abc"})
    void plainHttpWithoutPin_orMalformedPin_isRefused(String entry) {
        assertThatThrownBy(() -> Preloads.Preload.parse(entry)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void plainHttpWithPin_andHttps_areAccepted() {
        assertThat(Preloads.Preload.parse("http://example.com/greeter.jar#sha256=" + "a".repeat(64))
                        .name())
                .isEqualTo("greeter");
        assertThat(Preloads.Preload.parse("https://example.com/x/resize.jar").sha256())
                .isEmpty();
    }
}
