package io.vfn.gateway;

import io.vertx.core.Handler;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vfn.cluster.NodeState;

/**
 * {@code GET /health/live} (the process answers and its cluster member runs) and {@code GET /health/ready}
 * (joined, catalog loaded, not draining, member running): {@code 200 {"status":"UP"}} or {@code 503 {"status":"DOWN"}}.
 */
public final class HealthHandler {

    private HealthHandler() {}

    /**
     * @param state the node's phase
     * @return the liveness handler
     */
    public static Handler<RoutingContext> live(NodeState state) {
        return ctx -> answer(ctx, state.isLive(), state.phase().name().toLowerCase());
    }

    /**
     * @param state the node's phase
     * @return the readiness handler
     */
    public static Handler<RoutingContext> ready(NodeState state) {
        return ctx -> answer(ctx, state.reportsReady(), state.phase().name().toLowerCase());
    }

    private static void answer(RoutingContext ctx, boolean up, String phase) {
        ctx.response()
                .setStatusCode(up ? 200 : 503)
                .putHeader("Content-Type", "application/json")
                .end(new JsonObject()
                        .put("status", up ? "UP" : "DOWN")
                        .put("phase", phase)
                        .toBuffer());
    }
}
