package io.vfn.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vfn.launcher.VfnNode;
import io.vfn.testfunctions.GreeterV1;
import io.vfn.testfunctions.GreeterV2;
import io.vfn.testfunctions.GreeterV3;
import io.vfn.testing.Gateway;
import io.vfn.testing.TestJars;
import io.vfn.testing.TestNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/** Revisions on one node: what a deploy records, rollback to the previous or a named one, pruning with the jars. */
class RevisionsTest {

    private static final int KEPT = 3;

    private static VfnNode node;
    private static Gateway gateway;
    private static Path dataDir;

    @BeforeAll
    static void start() {
        dataDir = TestNode.tempDir();
        node = TestNode.Cluster.create().start(dataDir, "--revisions-kept", Integer.toString(KEPT));
        gateway = new Gateway(node);
    }

    @AfterAll
    static void stop() {
        gateway.close();
        TestNode.stop(node);
    }

    /** A function name of its own per test: revision numbers are never reused, not even after a delete. */
    private String name;

    @BeforeEach
    void name(TestInfo test) {
        name = "f" + Integer.toHexString(test.getDisplayName().hashCode() & 0xfffffff);
    }

    @AfterEach
    void clean() {
        gateway.undeploy(name);
    }

    @Test
    void everyChangingDeploy_isARevisionWithItsHashSpecTimeAndCredential_andTheSameDeployIsNot() {
        byte[] v1 = TestJars.of(GreeterV1.class);
        byte[] v2 = TestJars.of(GreeterV2.class);
        gateway.deploy(name, v1, "");
        gateway.deploy(name, v2, "");
        gateway.deploy(name, v2, "");
        gateway.request(
                HttpMethod.PATCH,
                "/system/functions/" + name,
                new JsonObject().put("timeout", "5s").toBuffer(),
                true);

        JsonArray revisions =
                gateway.adminGet("/system/functions/" + name + "/revisions").bodyAsJsonArray();

        assertThat(revisions.stream().map(r -> ((JsonObject) r).getInteger("revision")))
                .containsExactly(3, 2, 1);
        JsonObject newest = revisions.getJsonObject(0);
        assertThat(newest.getBoolean("current")).isTrue();
        assertThat(newest.getString("version")).isEqualTo(JarStore.versionOf(v2));
        assertThat(newest.getJsonObject("spec").getString("timeout")).isEqualTo("5s");
        assertThat(newest.getString("by")).startsWith("admin-token:");
        assertThat(newest.getString("created")).isNotBlank();
        assertThat(revisions.getJsonObject(2).getString("version")).isEqualTo(JarStore.versionOf(v1));
        assertThat(gateway.adminGet("/system/functions/" + name)
                        .bodyAsJsonObject()
                        .getInteger("revision"))
                .isEqualTo(3);
    }

    @Test
    void rollback_withoutABody_goesToThePreviousRevision_andWithOneToTheNamedRevision() {
        gateway.deploy(name, TestJars.of(GreeterV1.class), "");
        gateway.deploy(name, TestJars.of(GreeterV2.class), "");
        gateway.deploy(name, TestJars.of(GreeterV3.class), "");

        HttpResponse<Buffer> previous = rollback(null);
        String afterPrevious = gateway.invoke(name, "x").bodyAsString();
        HttpResponse<Buffer> named = rollback(new JsonObject().put("revision", 1));

        assertThat(previous.statusCode()).isEqualTo(200);
        assertThat(previous.bodyAsJsonObject().getInteger("revision")).isEqualTo(2);
        assertThat(afterPrevious).isEqualTo("v2:x");
        assertThat(named.bodyAsJsonObject().getInteger("revision")).isEqualTo(1);
        assertThat(gateway.invoke(name, "x").bodyAsString()).isEqualTo("v1:x");
        assertThat(gateway.adminGet("/system/functions/" + name + "/revisions")
                        .bodyAsJsonArray()
                        .size())
                .isEqualTo(3);
    }

    @Test
    void rollback_toARevisionNotKept_is404_andWithNothingOlder_is409() {
        gateway.deploy(name, TestJars.of(GreeterV1.class), "");

        HttpResponse<Buffer> unknown = rollback(new JsonObject().put("revision", 7));
        HttpResponse<Buffer> nothingOlder = rollback(null);
        HttpResponse<Buffer> notANumber = rollback(new JsonObject().put("revision", "one"));

        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(Gateway.problem(unknown).getString("detail")).contains("7").contains("[1]");
        assertThat(nothingOlder.statusCode()).isEqualTo(409);
        assertThat(notANumber.statusCode()).isEqualTo(400);
    }

    @Test
    void pruning_keepsExactlyTheLastNRevisions_andRemovesTheOthersJarsFromStoreAndDisk() throws IOException {
        List<byte[]> jars = List.of(
                TestJars.of(GreeterV1.class),
                TestJars.of(GreeterV2.class),
                TestJars.of(GreeterV3.class),
                TestJars.of(GreeterV1.class, GreeterV2.class),
                TestJars.of(GreeterV1.class, GreeterV3.class));
        for (byte[] jar : jars) {
            assertThat(gateway.deploy(name, jar, "handler=" + GreeterV1.class.getName())
                            .statusCode())
                    .isIn(200, 201);
        }

        JsonArray revisions =
                gateway.adminGet("/system/functions/" + name + "/revisions").bodyAsJsonArray();
        Set<String> kept = Set.of(
                JarStore.versionOf(jars.get(2)), JarStore.versionOf(jars.get(3)), JarStore.versionOf(jars.get(4)));
        Set<String> pruned = Set.of(JarStore.versionOf(jars.get(0)), JarStore.versionOf(jars.get(1)));

        assertThat(revisions.stream().map(r -> ((JsonObject) r).getInteger("revision")))
                .containsExactly(5, 4, 3);
        assertThat(jarsOnDisk()).containsAll(kept).doesNotContainAnyElementsOf(pruned);
        Set<String> inStore = node.context()
                .cluster()
                .clusterManager()
                .getHazelcastInstance()
                .<String, byte[]>getMap("vfn.jars")
                .keySet();
        assertThat(inStore).containsAll(kept).doesNotContainAnyElementsOf(pruned);
        assertThat(rollback(new JsonObject().put("revision", 2)).statusCode()).isEqualTo(404);
    }

    private HttpResponse<Buffer> rollback(JsonObject body) {
        return gateway.request(
                HttpMethod.POST,
                "/system/functions/" + name + "/rollback",
                body == null ? null : body.toBuffer(),
                true);
    }

    private static List<String> jarsOnDisk() throws IOException {
        try (Stream<Path> files = Files.list(dataDir.resolve("jars"))) {
            return files.map(f -> f.getFileName().toString())
                    .filter(f -> f.endsWith(".jar"))
                    .map(f -> f.replace(".jar", ""))
                    .toList();
        }
    }
}
