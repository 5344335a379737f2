package io.vfn.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.ext.web.client.HttpResponse;
import io.vfn.launcher.VfnNode;
import io.vfn.testing.Await;
import io.vfn.testing.Gateway;
import io.vfn.testing.TestNode;
import java.io.IOException;
import java.net.BindException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.SocketException;
import java.util.Collections;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What a node exposes by default and to whom: its gateway binds loopback only, browsers of foreign origins cannot
 * open {@code /ws}, and {@code /metrics} can require a token while health stays open. Nothing here sends traffic
 * off the machine: reachability is judged by binding.
 */
class GatewayExposureTest {

    private static final String METRICS_TOKEN = "metrics-test-token";

    private static VfnNode node;
    private static Gateway gateway;
    private static Vertx vertx;
    private static WebSocketClient sockets;

    @BeforeAll
    static void start() {
        node = TestNode.start("--allowed-origins", "https://app.example.com", "--metrics-token", METRICS_TOKEN);
        gateway = new Gateway(node);
        vertx = Vertx.vertx();
        sockets = vertx.createWebSocketClient();
    }

    @AfterAll
    static void stop() {
        gateway.close();
        Await.result(vertx.close(), 30);
        TestNode.stop(node);
    }

    @Test
    void aNodeStartedWithoutHost_leavesItsPortFreeOnTheMachinesOtherInterfaces() throws IOException {
        Optional<InetAddress> external = nonLoopbackAddress();
        assumeTrue(external.isPresent(), "this machine has no non-loopback interface");

        // The check itself: a port bound on every interface cannot be bound again on one of them.
        try (ServerSocket everywhere = new ServerSocket()) {
            everywhere.setReuseAddress(true);
            everywhere.bind(new InetSocketAddress("0.0.0.0", 0));
            assertThatThrownBy(() -> bind(external.get(), everywhere.getLocalPort()))
                    .isInstanceOf(BindException.class);
        }
        // The node's port is free there: it listens on loopback only.
        try (ServerSocket sameAddress = bind(external.get(), node.port())) {
            assertThat(sameAddress.isBound()).isTrue();
        }
    }

    @Test
    void aBrowserHandshakeFromAForeignOrigin_isRefusedWith403() {
        // The handshake a browser sends for a page of another origin.
        HttpResponse<Buffer> refused = Await.result(
                gateway.client()
                        .get("/ws")
                        .putHeader("Connection", "Upgrade")
                        .putHeader("Upgrade", "websocket")
                        .putHeader("Sec-WebSocket-Version", "13")
                        .putHeader("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==")
                        .putHeader("Origin", "https://evil.example")
                        .send(),
                30);

        assertThat(refused.statusCode()).isEqualTo(403);
        assertThatThrownBy(() -> Await.result(connect("https://evil.example"), 30))
                .isNotNull();
    }

    @Test
    void handshakesWithoutOrigin_fromAnAllowedOrigin_orNamingTheGatewayItself_areAccepted() {
        for (String origin : new String[] {null, "https://app.example.com", "http://127.0.0.1:" + node.port()}) {
            WebSocket socket = Await.result(connect(origin), 30);
            Await.result(socket.close(), 30);
        }
    }

    @Test
    void metrics_needTheirToken_healthStaysOpen() {
        HttpResponse<Buffer> anonymous = gateway.request(HttpMethod.GET, "/metrics", null, false);
        HttpResponse<Buffer> wrong = Await.result(
                gateway.client()
                        .get("/metrics")
                        .bearerTokenAuthentication("wrong")
                        .send(),
                30);
        HttpResponse<Buffer> scraped = Await.result(
                gateway.client()
                        .get("/metrics")
                        .bearerTokenAuthentication(METRICS_TOKEN)
                        .send(),
                30);

        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.getHeader("Content-Type")).isEqualTo("application/problem+json");
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(scraped.statusCode()).isEqualTo(200);
        assertThat(scraped.bodyAsString()).contains("vfn_functions_deployed");
        assertThat(gateway.request(HttpMethod.GET, "/health/ready", null, false).statusCode())
                .isEqualTo(200);
        assertThat(gateway.request(HttpMethod.GET, "/health/live", null, false).statusCode())
                .isEqualTo(200);
    }

    private static Future<WebSocket> connect(String origin) {
        // Vert.x sends an Origin naming the server unless told not to; a given one replaces it.
        WebSocketConnectOptions options = new WebSocketConnectOptions()
                .setHost("127.0.0.1")
                .setPort(node.port())
                .setURI("/ws")
                .setAllowOriginHeader(origin != null);
        if (origin != null) {
            options.addHeader("Origin", origin);
        }
        return sockets.connect(options);
    }

    private static ServerSocket bind(InetAddress address, int port) throws IOException {
        ServerSocket socket = new ServerSocket();
        socket.setReuseAddress(true);
        try {
            socket.bind(new InetSocketAddress(address, port));
            return socket;
        } catch (IOException e) {
            socket.close();
            throw e;
        }
    }

    private static Optional<InetAddress> nonLoopbackAddress() throws SocketException {
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (nic.isUp() && !nic.isLoopback()) {
                Optional<InetAddress> address = Collections.list(nic.getInetAddresses()).stream()
                        .filter(a -> a instanceof Inet4Address)
                        .findFirst();
                if (address.isPresent()) {
                    return address;
                }
            }
        }
        return Optional.empty();
    }
}
