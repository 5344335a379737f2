package io.vfn.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vfn.launcher.VfnNode;
import io.vfn.testfunctions.GreeterV1;
import io.vfn.testing.Await;
import io.vfn.testing.CallbackReceiver;
import io.vfn.testing.Gateway;
import io.vfn.testing.TestJars;
import io.vfn.testing.TestNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Async calls spread over two clustered nodes, with signed callbacks that fail their first attempts. */
class TwoNodeAsyncTest {

    private static final int CALLS = 1_000;
    private static final String SECRET = "whsec_vH0GS44WAeSQMHVBbW8aNd6pw+5xplZY5yEMvLo3TTs=";

    private static VfnNode a;
    private static VfnNode b;
    private static Gateway viaA;
    private static Gateway viaB;

    @BeforeAll
    static void start() {
        TestNode.Cluster cluster = TestNode.Cluster.create();
        a = cluster.start(
                TestNode.tempDir(), "--no-examples", "--callback-allow", "127.0.0.1", "--callback-secret", SECRET);
        b = cluster.start(
                TestNode.tempDir(), "--no-examples", "--callback-allow", "127.0.0.1", "--callback-secret", SECRET);
        viaA = new Gateway(a);
        viaB = new Gateway(b);
        viaA.deploy("greeter", TestJars.of(GreeterV1.class), "instances=2&concurrency=32");
        await().atMost(Duration.ofSeconds(30)).until(() -> b.context().runtime().isReady("greeter"));
    }

    @AfterAll
    static void stop() {
        viaA.close();
        viaB.close();
        TestNode.stop(b);
        TestNode.stop(a);
    }

    @Test
    void thousandCallsOverTwoNodes_allSucceed_andEachCallbackArrivesOnceSigned() {
        try (CallbackReceiver receiver = new CallbackReceiver(SECRET, 1)) {
            List<Future<HttpResponse<Buffer>>> submitted = new ArrayList<>();
            for (int i = 0; i < CALLS; i++) {
                Gateway gateway = i % 2 == 0 ? viaA : viaB;
                submitted.add(gateway.client()
                        .post("/async-function/greeter")
                        .putHeader("X-Callback-Url", receiver.url())
                        .sendBuffer(Buffer.buffer("call-" + i)));
            }
            Map<String, String> expected = new java.util.HashMap<>();
            for (int i = 0; i < CALLS; i++) {
                HttpResponse<Buffer> accepted = Await.result(submitted.get(i), 60);
                assertThat(accepted.statusCode()).isEqualTo(202);
                expected.put(accepted.getHeader("X-Call-Id"), "v1:call-" + i);
            }

            await().atMost(Duration.ofSeconds(120))
                    .pollInterval(Duration.ofMillis(250))
                    .until(() -> receiver.accepted().size() == CALLS);

            for (Map.Entry<String, String> call : expected.entrySet()) {
                JsonObject record = viaB.call(call.getKey());
                assertThat(record.getString("status")).isEqualTo("succeeded");
                assertThat(record.getJsonObject("result").getString("body")).isEqualTo(call.getValue());
                assertThat(receiver.bodies().get(call.getKey())).isEqualTo(call.getValue());
            }
            assertThat(receiver.accepted().values()).allMatch(count -> count.get() == 1);
            assertThat(receiver.attempts().values().stream()
                            .mapToInt(AtomicInteger::get)
                            .min()
                            .orElse(0))
                    .isEqualTo(2);
            assertThat(receiver.badSignatures()).isZero();
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> expected.keySet().stream()
                            .allMatch(id -> "delivered"
                                    .equals(viaA.call(id)
                                            .getJsonObject("callback")
                                            .getString("state"))));
            JsonObject callback = viaA.call(expected.keySet().iterator().next()).getJsonObject("callback");
            assertThat(callback.getInteger("attempts")).isEqualTo(2);
            String metrics = viaA.request(HttpMethod.GET, "/metrics", null, false)
                            .bodyAsString()
                    + viaB.request(HttpMethod.GET, "/metrics", null, false).bodyAsString();
            assertThat(metrics)
                    .contains("vfn_callback_deliveries_total{outcome=\"delivered\"}")
                    .contains("vfn_callback_deliveries_total{outcome=\"retry\"}");
        }
    }
}
