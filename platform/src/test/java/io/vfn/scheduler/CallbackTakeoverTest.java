package io.vfn.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.json.JsonObject;
import io.vfn.launcher.VfnNode;
import io.vfn.testfunctions.GreeterV1;
import io.vfn.testing.CallbackReceiver;
import io.vfn.testing.Gateway;
import io.vfn.testing.TestJars;
import io.vfn.testing.TestNode;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A node that leaves while it still retries a callback: another node goes on with the delivery. */
class CallbackTakeoverTest {

    private static final String SECRET = "whsec_7m4+wmIxQVPBOfmtZaPRKE/xTykFQokm6czTylR8hK0=";

    @Test
    void callbackOfANodeThatLeft_isDeliveredByAnother() {
        TestNode.Cluster cluster = TestNode.Cluster.create();
        VfnNode a = cluster.start(
                TestNode.tempDir(), "--no-examples", "--callback-allow", "127.0.0.1", "--callback-secret", SECRET);
        VfnNode b = cluster.start(
                TestNode.tempDir(), "--no-examples", "--callback-allow", "127.0.0.1", "--callback-secret", SECRET);
        VfnNode survivor = null;
        try (Gateway viaA = new Gateway(a);
                Gateway viaB = new Gateway(b);
                CallbackReceiver receiver = new CallbackReceiver(SECRET, Integer.MAX_VALUE)) {
            viaA.deploy("greeter", TestJars.of(GreeterV1.class), "");
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> b.context().runtime().isReady("greeter"));
            String callId =
                    viaA.invokeAsync("greeter", "", "ada", receiver.url()).getHeader("X-Call-Id");
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> receiver.attempts().containsKey(callId));

            String owner = viaA.call(callId).getJsonObject("callback").getString("owner");
            VfnNode leaving = owner.equals(a.context().cluster().nodeId()) ? a : b;
            survivor = leaving == a ? b : a;
            Gateway viaSurvivor = leaving == a ? viaB : viaA;
            TestNode.stop(leaving);
            receiver.acceptAll();

            await().atMost(Duration.ofSeconds(60))
                    .until(() -> receiver.accepted().containsKey(callId));
            assertThat(receiver.bodies().get(callId)).isEqualTo("v1:ada");
            assertThat(receiver.badSignatures()).isZero();
            JsonObject callback = await().atMost(Duration.ofSeconds(10))
                    .until(
                            () -> viaSurvivor.call(callId).getJsonObject("callback"),
                            c -> "delivered".equals(c.getString("state")));
            assertThat(callback.getString("owner"))
                    .isEqualTo(survivor.context().cluster().nodeId());
        } finally {
            TestNode.stop(survivor == null ? b : survivor);
            if (survivor == null) {
                TestNode.stop(a);
            }
        }
    }
}
