package io.vfn.bench;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.json.JsonObject;

/**
 * The baseline: a plain Vert.x HTTP server that computes the {@code echo} and {@code hello} example functions
 * in-process (no gateway, no event bus, no cluster), with one server instance per event loop like vfn's gateway.
 *
 * <pre>java -cp vfn-bench.jar io.vfn.bench.PlainServer 8090</pre>
 */
public final class PlainServer extends VerticleBase {

    private final int port;

    private PlainServer(int port) {
        this.port = port;
    }

    public static void main(String[] args) {
        int port = Integer.parseInt(args.length > 0 ? args[0] : "8090");
        Vertx vertx = Vertx.vertx();
        vertx.deployVerticle(() -> new PlainServer(port), new DeploymentOptions().setInstances(VertxOptions.DEFAULT_EVENT_LOOP_POOL_SIZE))
            .onSuccess(id -> System.out.println("plain server on 127.0.0.1:" + port))
            .onFailure(e -> {
                e.printStackTrace();
                System.exit(1);
            });
    }

    @Override
    public Future<?> start() {
        return vertx.createHttpServer().requestHandler(request -> request.body().onSuccess(body -> {
            if (request.path().equals("/function/echo")) {
                String type = request.getHeader("Content-Type");
                request.response().putHeader("Content-Type", type == null ? "application/octet-stream" : type).end(body);
            } else if (request.path().equals("/function/hello")) {
                String name = body.length() == 0 ? "world" : new JsonObject(body).getString("name", "world");
                request.response().putHeader("Content-Type", "application/json")
                    .end(new JsonObject().put("greeting", "Hello, " + name + "!").toBuffer());
            } else {
                request.response().setStatusCode(404).end();
            }
        })).listen(port, "127.0.0.1");
    }
}
