package io.vfn.gateway;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * Lets a request through to an admin route only with {@code Authorization: Bearer <admin token>}. Deploying a
 * jar runs its code, so there is no way around it.
 */
public final class AdminAuthHandler {

    private AdminAuthHandler() {}

    /**
     * @param ctx a request that passed this handler
     * @return which credential it showed: {@code admin-token:} and the first 8 hex digits of the token's SHA-256
     */
    public static String credential(RoutingContext ctx) {
        return BearerTokenHandler.credential(ctx);
    }

    /**
     * @param token the admin token
     * @return the handler
     */
    public static Handler<RoutingContext> create(String token) {
        return BearerTokenHandler.create(token, "admin token", "admin-token");
    }
}
