package io.vfn.gateway;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.ServerWebSocketHandshake;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vfn.Failure;
import io.vfn.logs.ClusterLogs;
import io.vfn.secret.SecretStore;
import java.nio.file.Path;

/**
 * The gateway's whole route table, on one screen. Cross-cutting steps (call id, readiness, body limits, admin
 * and metrics tokens, invoke keys) are small handlers in front of the routes; every failure ends in {@link ProblemHandler}.
 *
 * <p>Two routes are taken before the router: {@code ANY /function/*}, the platform's hot path, whose steps run in
 * order inside {@link SyncInvokeHandler} (a router's matching, context and handler chain per call is work this path
 * does not need), and the WebSocket {@code GET /ws}, which the server hands over as a handshake.
 */
public final class GatewayRoutes {

    /**
     * How many times an async body counts among the bytes in flight: until its {@code 202} the node holds it as read,
     * base64-encoded in the call's record, and serialized for the store.
     */
    static final int ASYNC_BODY_WEIGHT = 3;

    private GatewayRoutes() {}

    /**
     * Makes a server answer every route of the gateway.
     *
     * @param server      a server of the verticle's, not yet listening
     * @param vertx       the verticle's Vert.x
     * @param node        what the gateway uses of the node
     * @param bodies      the node's request bytes in flight
     * @param connections the verticle's bounds on its connections
     * @return the server
     */
    public static HttpServer serve(
            HttpServer server, Vertx vertx, GatewayParts node, InflightBodies bodies, ConnectionGuard connections) {
        InvokeKeyHandler invokeKey = InvokeKeyHandler.create(
                node.catalog(), node.keys(), node.secrets().adminToken());
        SyncInvokeHandler invoke = SyncInvokeHandler.create(
                node.invoker(),
                invokeKey,
                node.catalog(),
                node.metrics(),
                node.options().maxBody(),
                bodies);
        WebSocketHandler sockets = new WebSocketHandler(
                node.invoker(),
                node.catalog(),
                node.calls(),
                node.subscriptions(),
                node.metrics(),
                invokeKey,
                socket -> connections.webSocketClosed(socket.remoteAddress()));
        WebSocketOrigins origins = WebSocketOrigins.create(node.options().allowedOrigins());
        Router router = Router.router(vertx);

        Path uploads = node.options().dataDir().resolve("tmp");
        Handler<RoutingContext> body =
                bodyHandler(false).setBodyLimit(node.options().maxBody());
        Handler<RoutingContext> asyncBody =
                bodyHandler(false).setBodyLimit(node.options().maxAsyncBody());
        Handler<RoutingContext> jarBody = bodyHandler(true)
                .setUploadsDirectory(uploads.toString())
                .setBodyLimit(node.options().maxJar())
                .setDeleteUploadedFilesOnEnd(true);
        Handler<RoutingContext> admin = AdminAuthHandler.create(node.secrets().adminToken());
        Handler<RoutingContext> metricsAuth = node.options()
                .metricsToken()
                .<Handler<RoutingContext>>map(
                        token -> BearerTokenHandler.create(token, "metrics token", "metrics-token"))
                .orElse(RoutingContext::next);
        AsyncInvokeHandler async = AsyncInvokeHandler.create(node.calls());
        ClusterLogs clusterLogs = new ClusterLogs(vertx, node.cluster()::nodeIds);
        CallsHandler calls = new CallsHandler(node.calls(), clusterLogs, invokeKey);
        FunctionsAdminHandler functions = new FunctionsAdminHandler(
                vertx, node.catalog(), node.secretStore(), node.nodes(), uploads, node.scheduler());
        TrafficAdminHandler traffic = new TrafficAdminHandler(node.catalog());
        SecretsAdminHandler secrets = new SecretsAdminHandler(node.secretStore(), node.catalog());
        Handler<RoutingContext> secretBody = bodyHandler(false).setBodyLimit(SecretStore.MAX_VALUE_BYTES);
        KeysAdminHandler keys = new KeysAdminHandler(node.keys(), node.catalog());
        LogsHandler logs = new LogsHandler(vertx, clusterLogs);
        SystemHandler system = new SystemHandler(node.cluster(), node.nodes(), node.catalog());

        // Taken before the router: ANY /function/{name}[/{path}] (the hot path) and GET /ws.
        server.connectionHandler(connections::opened).requestHandler(request -> {
            connections.started(request);
            if (SyncInvokeHandler.matches(request.path())) {
                invoke.handle(request);
            } else {
                router.handle(request);
            }
        });
        server.webSocketHandshakeHandler(handshake -> handshake(handshake, origins, connections))
                .webSocketHandler(sockets);

        // The router: every other route.
        router.get("/health/live").handler(HealthHandler.live(node.state()));
        router.get("/health/ready").handler(HealthHandler.ready(node.state()));
        router.get("/metrics")
                .handler(metricsAuth)
                .handler(ctx -> ctx.response()
                        .putHeader("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
                        .end(node.metrics().scrape()));

        router.post("/async-function/*")
                .handler(new InflightBodyHandler(bodies, node.options().maxAsyncBody(), ASYNC_BODY_WEIGHT))
                .handler(asyncBody)
                .handler(invokeKey)
                .handler(async);
        router.get("/calls/:id").handler(calls::get);
        router.get("/calls/:id/result").handler(calls::result);
        router.get("/calls/:id/logs").handler(calls::logs);
        router.delete("/calls/:id").handler(calls::cancel);
        router.get("/calls").handler(admin).handler(calls::list);
        router.post("/calls/:id/retry").handler(admin).handler(calls::retry);

        router.route("/system/*").handler(admin);
        router.get("/system/functions").handler(functions::list);
        router.get("/system/functions/:name").handler(functions::get);
        router.put("/system/functions/:name")
                .handler(UnterminatedUploadGuard.watch())
                .handler(jarBody)
                .handler(UnterminatedUploadGuard.bodyRead())
                .handler(functions::put);
        router.patch("/system/functions/:name").handler(body).handler(functions::patch);
        router.delete("/system/functions/:name")
                .handler(keys::revokeAllThenNext)
                .handler(functions::delete);
        router.get("/system/functions/:name/logs").handler(logs::get);
        router.get("/system/functions/:name/revisions").handler(functions::revisions);
        router.post("/system/functions/:name/rollback").handler(body).handler(functions::rollback);
        router.put("/system/functions/:name/aliases/:alias").handler(body).handler(traffic::setAlias);
        router.delete("/system/functions/:name/aliases/:alias").handler(traffic::removeAlias);
        router.put("/system/functions/:name/traffic").handler(body).handler(traffic::split);
        router.post("/system/functions/:name/keys").handler(keys::create);
        router.get("/system/functions/:name/keys").handler(keys::list);
        router.delete("/system/functions/:name/keys/:id").handler(keys::revoke);
        router.get("/system/secrets").handler(secrets::list);
        router.get("/system/secrets/:name").handler(secrets::get);
        router.put("/system/secrets/:name").handler(secretBody).handler(secrets::put);
        router.delete("/system/secrets/:name").handler(secrets::delete);
        router.get("/system/nodes").handler(system::nodes);
        router.get("/system/info").handler(system::info);

        router.route()
                .last()
                .handler(ctx -> ctx.fail(Failure.NOT_FOUND.exception("no route for "
                        + ctx.request().method() + " " + ctx.request().path())));
        router.route().failureHandler(ProblemHandler.create());
        // A failure of the router itself, before any route (a path that is not valid percent-encoding): a problem too.
        router.errorHandler(400, ctx -> {
            if (!ctx.response().ended()) {
                String why = ctx.failure() == null ? "" : ": " + ctx.failure().getMessage();
                Problems.write(ctx.response(), Failure.BAD_REQUEST, "malformed request" + why, null);
            }
        });
        return server;
    }

    /**
     * A body handler that leaves the request's parameters alone: merging a form body's attributes into them decodes the
     * query, and a query that is not valid percent-encoding (with a form or multipart content type) then threw where no
     * route could answer, so the request hung until the client gave up. Handlers read form attributes directly.
     */
    private static BodyHandler bodyHandler(boolean uploads) {
        return BodyHandler.create(uploads).setMergeFormAttributes(false);
    }

    /** A socket opens on {@code /ws} only, and only for the origins the operator allows. */
    private static void handshake(
            ServerWebSocketHandshake handshake, WebSocketOrigins origins, ConnectionGuard connections) {
        if (!WebSocketHandler.PATH.equals(handshake.path())) {
            handshake.reject(404);
        } else if (!origins.allows(
                handshake.headers().get("Origin"), handshake.headers().get("Host"))) {
            handshake.reject(403);
        } else {
            connections.upgraded(handshake.remoteAddress());
            handshake.accept();
        }
    }
}
