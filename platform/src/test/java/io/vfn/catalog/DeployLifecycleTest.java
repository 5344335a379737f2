package io.vfn.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vfn.testfunctions.GreeterV1;
import io.vfn.testfunctions.GreeterV2;
import io.vfn.testing.Await;
import io.vfn.testing.Gateway;
import io.vfn.testing.NodeExtension;
import io.vfn.testing.TestJars;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Deploy, invoke, update under load, delete: the life of a function jar. Each test has a function of its own. */
class DeployLifecycleTest {

    @RegisterExtension
    static final NodeExtension node = NodeExtension.start();

    private final Gateway gateway = node.gateway();

    @Test
    void deploy_answers201ThenSameJarAgainChangesNothing() {
        HttpResponse<Buffer> first = gateway.deploy("same-jar", TestJars.of(GreeterV1.class), "instances=2");
        HttpResponse<Buffer> again = gateway.deploy("same-jar", TestJars.of(GreeterV1.class), "instances=2");

        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.bodyAsJsonObject().getBoolean("changed")).isFalse();
        assertThat(again.bodyAsJsonObject().getString("version"))
                .isEqualTo(first.bodyAsJsonObject().getString("version"));
    }

    @Test
    void deployThatCannotBeWrittenToDisk_answers507AndKeepsThePreviousVersion() throws java.io.IOException {
        gateway.deploy("disk-full", TestJars.of(GreeterV1.class), "timeout=7s");
        java.nio.file.Path catalog = node.node().context().options().dataDir().resolve("catalog");
        java.nio.file.Path aside = catalog.resolveSibling("catalog-aside");
        java.nio.file.Files.move(catalog, aside);
        java.nio.file.Files.writeString(catalog, "a file where the catalog's directory should be");
        try {
            HttpResponse<Buffer> update = gateway.deploy("disk-full", TestJars.of(GreeterV2.class), "timeout=8s");

            assertThat(update.statusCode()).isEqualTo(507);
            assertThat(Gateway.problem(update).getString("title")).isEqualTo("Storage failed");
            assertThat(gateway.invoke("disk-full", "x").bodyAsString()).isEqualTo("v1:x");
            assertThat(gateway.adminGet("/system/functions/disk-full")
                            .bodyAsJsonObject()
                            .getJsonObject("spec")
                            .getString("timeout"))
                    .isEqualTo("7s");
        } finally {
            java.nio.file.Files.delete(catalog);
            java.nio.file.Files.move(aside, catalog);
        }
    }

    @Test
    void listAndDescribe_showSpecVersionAndReadinessPerNode() {
        gateway.deploy("described", TestJars.of(GreeterV1.class), "timeout=5s&env.GREETING=hi");

        JsonObject described = gateway.adminGet("/system/functions/described").bodyAsJsonObject();

        assertThat(gateway.adminGet("/system/functions").bodyAsJsonArray().stream()
                        .map(f -> ((JsonObject) f).getString("name")))
                .contains("described");
        assertThat(described.getJsonObject("spec").getString("timeout")).isEqualTo("5s");
        assertThat(described.getJsonObject("spec").getJsonObject("env").getString("GREETING"))
                .isEqualTo("hi");
        assertThat(described.getString("version")).hasSize(64);
        assertThat(described.getJsonArray("nodes").getJsonObject(0).getBoolean("ready"))
                .isTrue();
    }

    @Test
    void update_whileCallsRun_failsNoCallAndServesTheNewVersion() {
        gateway.deploy("updated", TestJars.of(GreeterV1.class), "instances=2");
        AtomicBoolean running = new AtomicBoolean(true);
        ConcurrentLinkedQueue<String> answers = new ConcurrentLinkedQueue<>();
        List<Future<Void>> callers = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            callers.add(callUntilStopped(running, answers));
        }

        HttpResponse<Buffer> update = gateway.deploy("updated", TestJars.of(GreeterV2.class), "instances=2");
        String afterUpdate = gateway.invoke("updated", "x").bodyAsString();
        running.set(false);
        Await.result(Future.all(callers), 60);

        assertThat(update.statusCode()).isEqualTo(200);
        assertThat(afterUpdate).isEqualTo("v2:x");
        assertThat(answers).isNotEmpty().allMatch(a -> a.equals("v1:x") || a.equals("v2:x"));
        assertThat(answers).contains("v1:x");
    }

    @Test
    void aCallRightAfterADeployAnswers_meetsTheVersionJustDeployed() {
        // The deploy's answer waits for its instances: the cluster's event of the same change once raced it.
        for (int i = 0; i < 6; i++) {
            boolean first = i % 2 == 0;
            HttpResponse<Buffer> deployed =
                    gateway.deploy("racer", TestJars.of(first ? GreeterV1.class : GreeterV2.class), "");

            assertThat(deployed.statusCode()).isIn(200, 201);
            assertThat(gateway.invoke("racer", "x").bodyAsString())
                    .as("the call right after deploy %d", i + 1)
                    .isEqualTo(first ? "v1:x" : "v2:x");
        }
    }

    @Test
    void patch_changesTheSpecAndKeepsTheJar() {
        String version = gateway.deploy("patched", TestJars.of(GreeterV1.class), "")
                .bodyAsJsonObject()
                .getString("version");

        HttpResponse<Buffer> patched = gateway.request(
                io.vertx.core.http.HttpMethod.PATCH,
                "/system/functions/patched",
                new JsonObject().put("instances", 3).toBuffer(),
                true);

        assertThat(patched.statusCode()).isEqualTo(200);
        assertThat(patched.bodyAsJsonObject().getJsonObject("spec").getInteger("instances"))
                .isEqualTo(3);
        assertThat(patched.bodyAsJsonObject().getString("version")).isEqualTo(version);
        assertThat(gateway.invoke("patched", "y").bodyAsString()).isEqualTo("v1:y");
    }

    @Test
    void delete_answers204AndThenTheFunctionIsUnknown() {
        gateway.deploy("deleted", TestJars.of(GreeterV1.class), "");

        assertThat(gateway.undeploy("deleted").statusCode()).isEqualTo(204);
        assertThat(gateway.invoke("deleted", "x").statusCode()).isEqualTo(404);
        assertThat(gateway.undeploy("deleted").statusCode()).isEqualTo(404);
    }

    /** Calls the function back to back until told to stop; every answer must be a 200. */
    private Future<Void> callUntilStopped(AtomicBoolean running, ConcurrentLinkedQueue<String> answers) {
        if (!running.get()) {
            return Future.succeededFuture();
        }
        return gateway.client()
                .post("/function/updated")
                .sendBuffer(Buffer.buffer("x"))
                .compose(response -> {
                    if (response.statusCode() != 200) {
                        return Future.failedFuture("call failed during the update: " + response.statusCode() + " "
                                + response.bodyAsString());
                    }
                    answers.add(response.bodyAsString());
                    return answers.size() > 100_000 ? Future.succeededFuture() : callUntilStopped(running, answers);
                });
    }
}
