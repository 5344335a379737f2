package io.vfn.callback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vfn.launcher.VfnNode;
import io.vfn.testfunctions.GreeterV1;
import io.vfn.testing.CallbackReceiver;
import io.vfn.testing.Gateway;
import io.vfn.testing.SocketClient;
import io.vfn.testing.TestJars;
import io.vfn.testing.TestNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Callbacks to receivers on loopback, end to end: refused when accepted, refused before connecting when a name
 * rebinds to loopback between accept and delivery, delivered when the operator allows them. Every receiver listens
 * on loopback; the public address below only ever appears in a hosts file and is never connected to. The test JVM
 * runs with {@code java.net.preferIPv4Stack} (as the image does), so no receiver can listen on {@code ::1}: the
 * {@code [::1]} URL is refused when accepted, before any connection, like the {@code 127.0.0.1} one whose receiver
 * shows it was never connected to.
 */
class CallbackGuardTest {

    private static final String SECRET = "whsec_DRoLCcyaK1YfRKwE4NQi8P2gBwp7xsqGks7Q1zZy2bc=";
    /** A public address (never connected to): the accepting node's view of {@code rebind.test}. */
    private static final String PUBLIC_ADDRESS = "93.184.215.14";

    private static VfnNode accepting;
    private static VfnNode delivering;
    private static Gateway gateway;

    @BeforeAll
    static void start() {
        // Two views of one name: the gateway-only node that accepts the call resolves rebind.test to a public
        // address, the node that runs the call and delivers its callback resolves it to loopback.
        TestNode.Cluster cluster = TestNode.Cluster.create();
        accepting = cluster.start(
                TestNode.tempDir(),
                "--no-run-functions",
                "--callback-secret",
                SECRET,
                "--hosts-file",
                hostsFile("127.0.0.1 localhost\n" + PUBLIC_ADDRESS + " rebind.test\n"));
        delivering = cluster.start(
                TestNode.tempDir(),
                "--callback-secret",
                SECRET,
                "--hosts-file",
                hostsFile("127.0.0.1 localhost\n127.0.0.1 rebind.test\n"));
        gateway = new Gateway(accepting);
        gateway.deploy("greeter", TestJars.of(GreeterV1.class), "");
        await().atMost(Duration.ofSeconds(30))
                .until(() -> delivering.context().runtime().isReady("greeter"));
    }

    @AfterAll
    static void stop() {
        gateway.close();
        TestNode.stop(accepting);
        TestNode.stop(delivering);
    }

    @Test
    void loopbackCallbacks_127_localhost_and_ipv6_areRefusedWith400_andNoReceiverIsConnectedTo() {
        try (CallbackReceiver v4 = new CallbackReceiver(SECRET, 0, "127.0.0.1")) {
            for (String url :
                    new String[] {v4.url(), v4.url("localhost"), v4.url("[::1]"), v4.url("[::ffff:127.0.0.1]")}) {
                HttpResponse<Buffer> refused = gateway.invokeAsync("greeter", "", "x", url);

                assertThat(refused.statusCode()).as(url).isEqualTo(400);
                assertThat(refused.getHeader("Content-Type")).isEqualTo("application/problem+json");
                JsonObject problem = refused.bodyAsJsonObject();
                assertThat(problem.getString("type")).isEqualTo("urn:vfn:problem:callback-refused");
                assertThat(problem.getString("detail")).contains("loopback").contains("--callback-allow");
            }
            assertThat(v4.connections()).isZero();
        }
    }

    @Test
    void aLoopbackCallbackAskedForOverTheWebSocket_getsA400ErrorFrame_andTheSocketStaysOpen() {
        try (CallbackReceiver receiver = new CallbackReceiver(SECRET, 0, "127.0.0.1");
                SocketClient socket = new SocketClient(accepting.port())) {
            socket.send(new JsonObject()
                    .put("op", "invokeAsync")
                    .put("id", "c1")
                    .put("function", "greeter")
                    .put("body", "x")
                    .put("callback", receiver.url()));

            JsonObject error = socket.next(30);

            assertThat(error.getString("op")).isEqualTo("error");
            assertThat(error.getString("id")).isEqualTo("c1");
            assertThat(error.getInteger("status")).isEqualTo(400);
            assertThat(error.getString("title")).isEqualTo("Callback refused");
            assertThat(socket.isOpen()).isTrue();
            assertThat(receiver.connections()).isZero();
        }
    }

    @Test
    void aNameThatRebindsToLoopbackAfterAccept_isRefusedAtDelivery_beforeConnecting() {
        try (CallbackReceiver receiver = new CallbackReceiver(SECRET, 0, "127.0.0.1")) {
            HttpResponse<Buffer> accepted = gateway.invokeAsync("greeter", "", "x", receiver.url("rebind.test"));
            assertThat(accepted.statusCode()).isEqualTo(202);
            String callId = accepted.getHeader("X-Call-Id");

            JsonObject callback = await().atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(50))
                    .until(
                            () -> gateway.call(callId).getJsonObject("callback"),
                            c -> "failed".equals(c.getString("state")));

            assertThat(callback.getString("owner"))
                    .isEqualTo(delivering.context().cluster().nodeId());
            assertThat(callback.getInteger("attempts")).isEqualTo(1);
            assertThat(callback.getString("lastResult")).startsWith("refused: ").contains("loopback");
            assertThat(receiver.connections()).isZero();
        }
    }

    @Test
    void allowListedLoopbackReceivers_getTheirCallbacks_andRecordsShowNoUrlSecrets() {
        VfnNode allowing = TestNode.start("--callback-allow", "127.0.0.1", "--callback-secret", SECRET);
        try (Gateway allowed = new Gateway(allowing);
                CallbackReceiver receiver = new CallbackReceiver(SECRET, 0, "127.0.0.1")) {
            allowed.deploy("greeter", TestJars.of(GreeterV1.class), "");
            String withQuery = allowed.invokeAsync("greeter", "", "ada", receiver.url() + "?token=s3cret")
                    .getHeader("X-Call-Id");
            String withUser = allowed.invokeAsync("greeter", "", "grace", receiver.url("user:s3cret@127.0.0.1"))
                    .getHeader("X-Call-Id");

            await().atMost(Duration.ofSeconds(30))
                    .until(() -> receiver.accepted().containsKey(withQuery)
                            && receiver.accepted().containsKey(withUser));

            assertThat(receiver.bodies().get(withQuery)).isEqualTo("v1:ada");
            assertThat(receiver.bodies().get(withUser)).isEqualTo("v1:grace");
            for (String callId : new String[] {withQuery, withUser}) {
                JsonObject callback = await().atMost(Duration.ofSeconds(10))
                        .until(
                                () -> allowed.call(callId).getJsonObject("callback"),
                                c -> "delivered".equals(c.getString("state")));
                assertThat(callback.getString("url")).doesNotContain("s3cret").contains("/callback");
            }
        } finally {
            TestNode.stop(allowing);
        }
    }

    private static String hostsFile(String content) {
        try {
            Path file = TestNode.tempDir().resolve("hosts");
            Files.writeString(file, content);
            return file.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
