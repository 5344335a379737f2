package io.vfn.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vfn.catalog.JarStore;
import io.vfn.testfunctions.GreeterV1;
import io.vfn.testing.Gateway;
import io.vfn.testing.TestJars;
import io.vfn.testing.TestNode;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** A node restarted after a crash in the middle of writing its catalog or a jar comes back in its last good state. */
class CrashRecoveryTest {

    @Test
    void truncatedCatalogFileAndTornTemporaries_restartServesThePreviousRecord() throws IOException {
        Path dataDir = TestNode.tempDir();
        VfnNode first = TestNode.Cluster.create().start(dataDir);
        try (Gateway gateway = new Gateway(first)) {
            assertThat(gateway.deploy("greeter", TestJars.of(GreeterV1.class), "timeout=7s")
                            .statusCode())
                    .isEqualTo(201);
            assertThat(gateway.request(
                                    HttpMethod.PATCH,
                                    "/system/functions/greeter",
                                    Buffer.buffer("{\"timeout\":\"9s\"}"),
                                    true)
                            .statusCode())
                    .isEqualTo(200);
        } finally {
            TestNode.stop(first);
        }
        Path catalog = dataDir.resolve("catalog");
        truncateToHalf(catalog.resolve("greeter.json"));
        Files.writeString(catalog.resolve("greeter.json12345.tmp"), "{\"name\":\"gre");
        Files.write(dataDir.resolve("jars").resolve("0123.jar12345.tmp"), new byte[] {'P', 'K'});

        VfnNode second = TestNode.Cluster.create().start(dataDir);
        try (Gateway gateway = new Gateway(second)) {
            assertThat(gateway.invoke("greeter", "again").bodyAsString()).isEqualTo("v1:again");
            assertThat(gateway.adminGet("/system/functions/greeter")
                            .bodyAsJsonObject()
                            .getJsonObject("spec")
                            .getString("timeout"))
                    .as("the record before the torn one")
                    .isEqualTo("7s");
        } finally {
            TestNode.stop(second);
        }
        assertThat(tmpFiles(catalog)).isZero();
        assertThat(tmpFiles(dataDir.resolve("jars"))).isZero();
    }

    @Test
    void tornJar_isNeverLoadedNorShared_andIsFetchedAgainFromAMember() throws IOException {
        TestNode.Cluster cluster = TestNode.Cluster.create();
        VfnNode a = cluster.start(TestNode.tempDir());
        Path bDir = TestNode.tempDir();
        VfnNode b = cluster.start(bDir);
        String version;
        try (Gateway gateway = new Gateway(a)) {
            version = gateway.deploy("greeter", TestJars.of(GreeterV1.class), "")
                    .bodyAsJsonObject()
                    .getString("version");
        }
        TestNode.stop(b);
        Path jar = bDir.resolve("jars").resolve(version + ".jar");
        truncateToHalf(jar);

        VfnNode restarted = cluster.start(bDir);
        try (Gateway gateway = new Gateway(restarted)) {
            assertThat(gateway.invoke("greeter", "b").bodyAsString()).isEqualTo("v1:b");
            assertThat(JarStore.versionOf(Files.readAllBytes(jar)))
                    .as("the torn copy was replaced by a verified one")
                    .isEqualTo(version);
        } finally {
            TestNode.stop(restarted);
            TestNode.stop(a);
        }
    }

    private static void truncateToHalf(Path file) throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(raf.length() / 2);
        }
    }

    private static long tmpFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".tmp")).count();
        }
    }
}
