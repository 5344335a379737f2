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
    private final HttpBounds bounds;
    private HttpServer server;

    /**
     * @param node   what the gateway uses of the node
     * @param port   the port to listen on; 0 picks a free one (the first instance's pick is then shared)
     * @param bounds the bounds the node's gateway instances share
     */
    public GatewayVerticle(GatewayParts node, int port, HttpBounds bounds) {
        this.node = node;
        this.port = port;
        this.bounds = bounds;
    }

    @Override
    public Future<?> start() {
        HttpServerOptions options = new HttpServerOptions()
                .setPort(port)
                .setHost(node.options().host())
                .setCompressionSupported(false)
                .setTcpNoDelay(true)
                // HTTP/1.1 at once: with clear-text HTTP/2 detection, a connection is handed over only once its first
                // request's headers are whole, so slow headers and the connection bound would go unseen.
                .setHttp2ClearTextEnabled(false)
                .setMaxFormAttributeSize(1 << 20);
        Router router = GatewayRoutes.create(vertx, node, bounds.bodies());
        ConnectionGuard connections = new ConnectionGuard(
                bounds.connections(),
                node.options().maxConnections(),
                node.options().httpIdleTimeout().toMillis(),
                node.options().requestReadTimeout().toMillis());
        connections.start(vertx);
        InvokeKeyHandler keys = InvokeKeyHandler.create(node.catalog(), node.keys());
        SyncInvokeHandler invoke = SyncInvokeHandler.create(
                node.invoker(),
                keys,
                node.catalog(),
                node.metrics(),
                node.options().maxBody(),
                bounds.bodies());
        WebSocketHandler sockets = new WebSocketHandler(
                node.invoker(),
                node.catalog(),
                node.calls(),
                node.subscriptions(),
                node.metrics(),
                keys,
                socket -> connections.webSocketClosed(socket.remoteAddress()));
        WebSocketOrigins origins = WebSocketOrigins.create(node.options().allowedOrigins());
        server = vertx.createHttpServer(options)
                .connectionHandler(connections::opened)
                .webSocketHandshakeHandler(handshake -> {
                    if (!WebSocketHandler.PATH.equals(handshake.path())) {
                        handshake.reject(404);
                    } else if (!origins.allows(
                            handshake.headers().get("Origin"),
                            handshake.headers().get("Host"))) {
                        handshake.reject(403);
                    } else {
                        connections.upgraded(handshake.remoteAddress());
                        handshake.accept();
                    }
                })
                .webSocketHandler(sockets)
                .requestHandler(request -> {
                    connections.started(request);
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
