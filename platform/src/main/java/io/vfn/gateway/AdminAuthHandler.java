package io.vfn.gateway;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import io.vfn.Failure;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Lets a request through to an admin route only with {@code Authorization: Bearer <admin token>}. Deploying a
 * jar runs its code, so there is no way around it.
 */
public final class AdminAuthHandler implements Handler<RoutingContext> {

    private static final String PREFIX = "Bearer ";

    private final byte[] token;

    private AdminAuthHandler(String token) {
        this.token = token.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * @param token the admin token
     * @return the handler
     */
    public static AdminAuthHandler create(String token) {
        return new AdminAuthHandler(token);
    }

    @Override
    public void handle(RoutingContext ctx) {
        String header = ctx.request().getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            ctx.fail(Failure.UNAUTHORIZED.exception("this route needs 'Authorization: Bearer <admin token>'"));
            return;
        }
        byte[] given = header.substring(PREFIX.length()).trim().getBytes(StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(given, token)) {
            ctx.fail(Failure.UNAUTHORIZED.exception("the admin token is wrong"));
            return;
        }
        ctx.next();
    }
}
