package io.vfn.gateway;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import io.vfn.Failure;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Lets a request through to an admin route only with {@code Authorization: Bearer <admin token>}. Deploying a
 * jar runs its code, so there is no way around it.
 */
public final class AdminAuthHandler implements Handler<RoutingContext> {

    private static final String PREFIX = "Bearer ";
    private static final String CREDENTIAL = "vfn.credential";

    private final byte[] token;
    private final String credential;

    private AdminAuthHandler(String token) {
        this.token = token.getBytes(StandardCharsets.UTF_8);
        this.credential = "admin-token:" + fingerprint(this.token);
    }

    /**
     * @param ctx a request that passed this handler
     * @return which credential it showed: {@code admin-token:} and the first 8 hex digits of the token's SHA-256
     */
    public static String credential(RoutingContext ctx) {
        String credential = ctx.get(CREDENTIAL);
        return credential == null ? "unknown" : credential;
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
        ctx.put(CREDENTIAL, credential);
        ctx.next();
    }

    private static String fingerprint(byte[] token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token)).substring(0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
