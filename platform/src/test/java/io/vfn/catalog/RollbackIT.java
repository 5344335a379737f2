package io.vfn.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vfn.testfunctions.GreeterV1;
import io.vfn.testfunctions.GreeterV2;
import io.vfn.testfunctions.GreeterV3;
import io.vfn.testing.Await;
import io.vfn.testing.Gateway;
import io.vfn.testing.TestJars;
import io.vfn.testing.TestNode;
import io.vfn.testing.VfnProcess;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Rollback in a cluster of real processes, under load: v1, v2, v3 deployed on A; B joins while v3 is in force;
 * 8 callers spread over both gateways while v1 is put back. No call fails, every call started once both members
 * run v1 answers v1's, and B runs v1 from the jar it got from the cluster.
 */
class RollbackIT {

    private static final int CALLERS = 8;

    /** One answered call: when it was sent and what it answered. */
    private record Answer(long sentAtNanos, int status, String body) {}

    @Test
    void rollbackToV1_underLoadOfEightCallers_failsNoCall_andEveryCallAfterTheSwitchAnswersV1() {
        String cluster = "test-" + UUID.randomUUID();
        int clusterPort = TestNode.freePort();
        List<VfnProcess> nodes = new ArrayList<>();
        List<Gateway> gateways = new ArrayList<>();
        Vertx vertx = Vertx.vertx();
        try {
            nodes.add(VfnProcess.start(cluster, clusterPort, TestNode.tempDir()));
            Gateway a = new Gateway(nodes.get(0).port(), VfnProcess.TOKEN);
            gateways.add(a);
            // Built once: a jar's entries carry the time they were made, so a rebuilt jar has another hash.
            List<byte[]> jars =
                    List.of(TestJars.of(GreeterV1.class), TestJars.of(GreeterV2.class), TestJars.of(GreeterV3.class));
            for (byte[] jar : jars) {
                assertThat(a.deploy("greeter", jar, "instances=2").statusCode()).isIn(200, 201);
            }
            nodes.add(VfnProcess.start(cluster, clusterPort, TestNode.tempDir()));
            Gateway b = new Gateway(nodes.get(1).port(), VfnProcess.TOKEN);
            gateways.add(b);
            assertThat(b.invoke("greeter", "x").bodyAsString()).isEqualTo("v3:x");

            WebClient client = WebClient.create(vertx);
            AtomicBoolean running = new AtomicBoolean(true);
            ConcurrentLinkedQueue<Answer> answers = new ConcurrentLinkedQueue<>();
            List<Future<Void>> callers = new ArrayList<>();
            for (int i = 0; i < CALLERS; i++) {
                int port = nodes.get(i % 2).port();
                Promise<Void> done = Promise.promise();
                vertx.runOnContext(v -> call(client, port, running, answers, done));
                callers.add(done.future());
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> answers.size() >= 100);

            assertThat(a.request(
                                    HttpMethod.POST,
                                    "/system/functions/greeter/rollback",
                                    new JsonObject().put("revision", 1).toBuffer(),
                                    true)
                            .statusCode())
                    .isEqualTo(200);
            AtomicLong switchedAt = new AtomicLong();
            await().atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(20))
                    .until(() -> {
                        long now = System.nanoTime();
                        boolean switched = runsRevisionEverywhere(a, 1, 2) && runsRevisionEverywhere(b, 1, 2);
                        switchedAt.set(now);
                        return switched;
                    });
            long answeredAtSwitch = answers.size();
            // Bounded generously: on a busy machine a hundred calls can take tens of seconds.
            await().atMost(Duration.ofSeconds(90)).until(() -> answers.size() >= answeredAtSwitch + 100);
            running.set(false);
            Await.result(Future.all(callers), 60);

            List<Answer> all = List.copyOf(answers);
            List<Answer> afterSwitch =
                    all.stream().filter(x -> x.sentAtNanos() > switchedAt.get()).toList();
            System.out.println(
                    "rollback under load: " + all.size() + " calls, " + afterSwitch.size() + " sent after the switch");
            assertThat(all).allMatch(x -> x.status() == 200, "every call answered 200");
            assertThat(all).anyMatch(x -> x.body().equals("v3:load"));
            assertThat(afterSwitch).isNotEmpty().allMatch(x -> x.body().equals("v1:load"), "v1 after the switch");

            JsonArray revisions =
                    b.adminGet("/system/functions/greeter/revisions").bodyAsJsonArray();
            assertThat(revisions.stream().map(r -> ((JsonObject) r).getString("version")))
                    .containsExactly(
                            JarStore.versionOf(jars.get(2)),
                            JarStore.versionOf(jars.get(1)),
                            JarStore.versionOf(jars.get(0)));
            assertThat(Files.exists(
                            nodes.get(1).dataDir().resolve("jars").resolve(JarStore.versionOf(jars.get(0)) + ".jar")))
                    .isTrue();
        } finally {
            gateways.forEach(Gateway::close);
            Await.result(vertx.close(), 30);
            // Nothing is checked of their stop: killed at once, not drained one after another.
            nodes.forEach(VfnProcess::kill);
        }
    }

    /** Whether the gateway's description shows {@code members} members, all running the revision. */
    private static boolean runsRevisionEverywhere(Gateway gateway, int revision, int members) {
        JsonArray perNode =
                gateway.adminGet("/system/functions/greeter").bodyAsJsonObject().getJsonArray("nodes");
        return perNode.size() == members
                && perNode.stream().allMatch(n -> ((JsonObject) n).getInteger("revision", -1) == revision);
    }

    private static void call(
            WebClient client,
            int port,
            AtomicBoolean running,
            ConcurrentLinkedQueue<Answer> answers,
            Promise<Void> done) {
        if (!running.get() || answers.size() > 200_000) {
            done.complete();
            return;
        }
        long sentAt = System.nanoTime();
        client.post(port, "127.0.0.1", "/function/greeter")
                .timeout(30_000)
                .sendBuffer(Buffer.buffer("load"))
                .onComplete(r -> {
                    answers.add(
                            r.succeeded()
                                    ? new Answer(
                                            sentAt,
                                            r.result().statusCode(),
                                            r.result().bodyAsString())
                                    : new Answer(sentAt, -1, r.cause().toString()));
                    call(client, port, running, answers, done);
                });
    }
}
