package io.vfn.gateway;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;

/**
 * One instance of the HTTP gateway; the node deploys one per event loop, all sharing the port. Its routes are
 * {@link GatewayRoutes}.
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
        ConnectionGuard connections = new ConnectionGuard(
                bounds.connections(),
                node.options().maxConnections(),
                node.options().httpIdleTimeout().toMillis(),
                node.options().requestReadTimeout().toMillis());
        connections.start(vertx);
        server = GatewayRoutes.serve(vertx.createHttpServer(options), vertx, node, bounds.bodies(), connections);
        return server.listen();
    }

    /** @return the port this instance listens on */
    public int actualPort() {
        return server.actualPort();
    }
}
