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
        server = GatewayRoutes.serve(vertx.createHttpServer(options), vertx, node);
        return server.listen();
    }

    /** @return the port this instance listens on */
    public int actualPort() {
        return server.actualPort();
    }
}
