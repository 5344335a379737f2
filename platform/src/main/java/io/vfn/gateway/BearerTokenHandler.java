package io.vfn.gateway;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import io.vfn.Failure;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Lets a request through only with {@code Authorization: Bearer <token>}, compared in constant time: the admin
 * routes (deploying a jar runs its code, so there is no way around it) and, when an operator sets a token,
 * {@code /metrics}.
 */
public final class BearerTokenHandler implements Handler<RoutingContext> {

    private static final String PREFIX = "Bearer ";

    private final byte[] token;
    private final String name;

    private BearerTokenHandler(String token, String name) {
        this.token = token.getBytes(StandardCharsets.UTF_8);
        this.name = name;
    }

    /**
     * @param token the token to require
     * @param name  what it is called in problems, e.g. {@code admin token}
     * @return the handler
     */
    public static BearerTokenHandler create(String token, String name) {
        return new BearerTokenHandler(token, name);
    }

    @Override
    public void handle(RoutingContext ctx) {
        String header = ctx.request().getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
            ctx.fail(Failure.UNAUTHORIZED.exception("this route needs 'Authorization: Bearer <" + name + ">'"));
            return;
        }
        byte[] given = header.substring(PREFIX.length()).trim().getBytes(StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(given, token)) {
            ctx.fail(Failure.UNAUTHORIZED.exception("the " + name + " is wrong"));
            return;
        }
        ctx.next();
    }
}
