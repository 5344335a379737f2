package io.vfn.callback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonObject;
import io.vfn.testfunctions.GreeterV1;
import io.vfn.testing.CallbackReceiver;
import io.vfn.testing.Gateway;
import io.vfn.testing.NodeExtension;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What a callback carries, and which answers of its receiver make it try again. */
class CallbackDeliveryTest {

    private static final String SECRET = "whsec_vH0GS44WAeSQMHVBbW8aNd6pw+5xplZY5yEMvLo3TTs=";

    @RegisterExtension
    static final NodeExtension node = NodeExtension.start("--callback-allow", "127.0.0.1", "--callback-secret", SECRET)
            .deploy("greeter", GreeterV1.class);

    private final Gateway gateway = node.gateway();

    @Test
    void aDelivery_namesTheCallTheFunctionItsStatusAndTheDuration() {
        try (CallbackReceiver receiver = new CallbackReceiver(SECRET, 0)) {
            String callId =
                    gateway.invokeAsync("greeter", "", "ada", receiver.url()).getHeader("X-Call-Id");

            await().atMost(Duration.ofSeconds(30))
                    .until(() -> receiver.headers().containsKey(callId));

            MultiMap headers = receiver.headers().get(callId);
            assertThat(headers.get("X-Call-Id")).isEqualTo(callId);
            assertThat(headers.get("X-Function-Name")).isEqualTo("greeter");
            assertThat(headers.get("X-Function-Status")).isEqualTo("200");
            assertThat(Double.parseDouble(headers.get("X-Duration-Seconds"))).isBetween(0.0, 30.0);
            assertThat(receiver.bodies().get(callId)).isEqualTo("v1:ada");
            assertThat(receiver.badSignatures()).isZero();
        }
    }

    @Test
    void aReceiverAnswering429_isTriedAgain_untilItAccepts() {
        try (CallbackReceiver receiver = new CallbackReceiver(SECRET, 1).failWith(429)) {
            String callId =
                    gateway.invokeAsync("greeter", "", "bob", receiver.url()).getHeader("X-Call-Id");

            JsonObject callback = awaitCallback(callId, "delivered");

            assertThat(receiver.attempts().get(callId).get()).isEqualTo(2);
            assertThat(receiver.accepted().get(callId).get()).isEqualTo(1);
            assertThat(callback.getInteger("attempts")).isEqualTo(2);
        }
    }

    @Test
    void aRefusedConnection_isTriedAgain() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String url = "http://127.0.0.1:" + closedPort + "/callback";
        String callId = gateway.invokeAsync("greeter", "", "eve", url).getHeader("X-Call-Id");

        // The first two attempts come within 0.25-0.5 s of each other; more are not worth waiting for.
        JsonObject callback = await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> gateway.call(callId).getJsonObject("callback"), c -> c.getInteger("attempts", 0) >= 2);

        assertThat(callback.getString("state")).isIn("retrying", "failed");
        assertThat(callback.getString("lastResult")).containsIgnoringCase("refused");
    }

    private JsonObject awaitCallback(String callId, String state) {
        return await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> gateway.call(callId).getJsonObject("callback"), c -> state.equals(c.getString("state")));
    }
}
