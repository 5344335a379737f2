package io.vfn.gateway;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;
import io.vfn.Failure;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Lets a request through only with {@code Authorization: Bearer <token>}, compared in constant time, and notes
 * which credential it showed: the admin routes ({@link AdminAuthHandler}) and, when an operator sets a token,
 * {@code /metrics}.
 */
public final class BearerTokenHandler implements Handler<RoutingContext> {

    private static final String PREFIX = "Bearer ";
    private static final String CREDENTIAL = "vfn.credential";

    private final byte[] token;
    private final String name;
    private final String credential;

    private BearerTokenHandler(String token, String name, String kind) {
        this.token = token.getBytes(StandardCharsets.UTF_8);
        this.name = name;
        this.credential = kind + ":" + fingerprint(this.token);
    }

    /**
     * @param token the token to require
     * @param name  what it is called in problems, e.g. {@code admin token}
     * @param kind  the credential's kind in {@link #credential}, e.g. {@code admin-token}
     * @return the handler
     */
    public static BearerTokenHandler create(String token, String name, String kind) {
        return new BearerTokenHandler(token, name, kind);
    }

    /**
     * @param ctx a request that passed such a handler
     * @return which credential it showed: its kind and the first 8 hex digits of the token's SHA-256
     */
    public static String credential(RoutingContext ctx) {
        String credential = ctx.get(CREDENTIAL);
        return credential == null ? "unknown" : credential;
    }

    @Override
    public void handle(RoutingContext ctx) {
        String header = ctx.request().getHeader("Authorization");
        if (bearer(header) == null) {
            ctx.fail(Failure.UNAUTHORIZED.exception("this route needs 'Authorization: Bearer <" + name + ">'"));
            return;
        }
        if (!shows(header, token)) {
            ctx.fail(Failure.UNAUTHORIZED.exception("the " + name + " is wrong"));
            return;
        }
        ctx.put(CREDENTIAL, credential);
        ctx.next();
    }

    /**
     * @param authorization an {@code Authorization} header, or {@code null}
     * @return the bearer token it carries, or {@code null} when it carries none
     */
    static String bearer(String authorization) {
        return authorization != null && authorization.regionMatches(true, 0, PREFIX, 0, PREFIX.length())
                ? authorization.substring(PREFIX.length()).trim()
                : null;
    }

    /**
     * @param authorization an {@code Authorization} header, or {@code null}
     * @param token         the token looked for, as UTF-8
     * @return whether the header is {@code Bearer <token>}, compared in constant time
     */
    static boolean shows(String authorization, byte[] token) {
        String given = bearer(authorization);
        return given != null && MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), token);
    }

    private static String fingerprint(byte[] token) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(token))
                    .substring(0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
