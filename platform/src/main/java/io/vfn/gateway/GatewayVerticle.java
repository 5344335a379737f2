package io.vfn.gateway;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;

/**
 * One instance of the HTTP gateway; the node deploys one per event loop, all sharing the port.
 */
public final class GatewayVerticle extends VerticleBase {

    private final GatewayParts node;
    private final int port;
    private HttpServer server;

    /**
     * @param node what the gateway uses of the node
     * @param port the port to listen on; 0 picks a free one (the first instance's pick is then shared)
     */
    public GatewayVerticle(GatewayParts node, int port) {
        this.node = node;
        this.port = port;
    }

    @Override
    public Future<?> start() {
        HttpServerOptions options = new HttpServerOptions()
                .setPort(port)
                .setHost(node.options().host())
                .setCompressionSupported(false)
                .setTcpNoDelay(true)
                .setMaxFormAttributeSize(1 << 20);
        Router router = GatewayRoutes.create(vertx, node);
        InvokeKeyHandler keys = InvokeKeyHandler.create(
                node.catalog(), node.keys(), node.secrets().adminToken());
        SyncInvokeHandler invoke = SyncInvokeHandler.create(
                node.invoker(),
                keys,
                node.catalog(),
                node.metrics(),
                node.options().maxBody());
        WebSocketHandler sockets = new WebSocketHandler(
                node.invoker(), node.catalog(), node.calls(), node.subscriptions(), node.metrics(), keys);
        WebSocketOrigins origins = WebSocketOrigins.create(node.options().allowedOrigins());
        server = vertx.createHttpServer(options)
                .webSocketHandshakeHandler(handshake -> {
                    if (!WebSocketHandler.PATH.equals(handshake.path())) {
                        handshake.reject(404);
                    } else if (!origins.allows(
                            handshake.headers().get("Origin"),
                            handshake.headers().get("Host"))) {
                        handshake.reject(403);
                    } else {
                        handshake.accept();
                    }
                })
                .webSocketHandler(sockets)
                .requestHandler(request -> {
                    if (SyncInvokeHandler.matches(request.path())) {
                        invoke.handle(request);
                    } else {
                        router.handle(request);
                    }
                });
        return server.listen();
    }

    /** @return the port this instance listens on */
    public int actualPort() {
        return server.actualPort();
    }
}
