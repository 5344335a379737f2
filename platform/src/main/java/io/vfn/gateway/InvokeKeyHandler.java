package io.vfn.gateway;

import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;
import io.vfn.Failure;
import io.vfn.access.InvokeKeys;
import io.vfn.catalog.Catalog;
import io.vfn.catalog.FunctionAuth;
import io.vfn.catalog.FunctionRecord;
import io.vfn.runtime.Route;
import io.vfn.scheduler.CallRecord;
import java.nio.charset.StandardCharsets;

/**
 * The invoke-key step: a function whose spec says {@code auth: key} runs only for a caller that shows one of its
 * keys, as {@code X-Api-Key: <key>} or {@code Authorization: Bearer <key>} ({@code X-Api-Key} wins when both are
 * sent, so a client may send the admin token beside a key); anything else is {@code 401}. The key's headers are then
 * removed, so neither the function nor a kept async call ever holds the key; {@code X-Api-Key} never reaches a function
 * that needs no key either.
 *
 * <p>In the router ({@code /async-function/…}) it is a handler; the sync path, which runs before the router, and the
 * WebSocket frames call {@link #require}; the routes of kept calls call {@link #allow}.
 */
public final class InvokeKeyHandler implements Handler<RoutingContext> {

    /** The header an API-gateway caller may use instead of {@code Authorization}. */
    public static final String API_KEY_HEADER = "X-Api-Key";

    private final Catalog catalog;
    private final InvokeKeys keys;
    private final byte[] adminToken;

    private InvokeKeyHandler(Catalog catalog, InvokeKeys keys, String adminToken) {
        this.catalog = catalog;
        this.keys = keys;
        this.adminToken = adminToken.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * @param catalog    the deployed functions (their specs say whether they need a key)
     * @param keys       the invoke keys
     * @param adminToken the admin token: not an invoke key, but it opens kept calls ({@link #allow})
     * @return the step
     */
    public static InvokeKeyHandler create(Catalog catalog, InvokeKeys keys, String adminToken) {
        return new InvokeKeyHandler(catalog, keys, adminToken);
    }

    /**
     * An unknown function passes: the route answers its {@code 404}. The name is read as the route reads it, and a
     * revision or alias ({@code name@canary}) is checked as its function.
     */
    @Override
    public void handle(RoutingContext ctx) {
        String target = FunctionPath.parse(ctx.request().path(), AsyncInvokeHandler.PREFIX)
                .name();
        catalog.get(Route.functionOf(target))
                .ifPresent(function -> require(function, ctx.request().headers()));
        ctx.next();
    }

    /**
     * @param function the function called
     * @param headers  the request's headers; the key's are removed when the function needs a key
     * @return whether the caller showed a key (the function needs one and it was valid): such a caller is told why a
     *     call failed; an anonymous one only that it did
     * @throws io.vfn.VfnException {@code 401} when it needs a key and none of its keys was shown
     */
    public boolean require(FunctionRecord function, MultiMap headers) {
        if (function.spec().auth() == FunctionAuth.NONE) {
            // A client sends its key to every function it calls: a function that needs none never receives it.
            headers.remove(API_KEY_HEADER);
            return false;
        }
        String key = keyOf(headers);
        headers.remove("Authorization").remove(API_KEY_HEADER);
        if (key == null) {
            throw Failure.UNAUTHORIZED.exception("function '" + function.name()
                    + "' needs a key: send '" + API_KEY_HEADER + ": <key>' or 'Authorization: Bearer <key>'"
                    + " (the admin token is not an invoke key)");
        }
        if (!keys.opens(function.name(), key)) {
            throw Failure.UNAUTHORIZED.exception("the key is not valid for function '" + function.name() + "'");
        }
        return true;
    }

    /**
     * The same check for a kept call: reading, cancelling or fetching the result or logs of a call to an
     * {@code auth: key} function needs one of that function's keys, as invoking it did, or the admin token (whose
     * holder lists every call anyway).
     *
     * @param call    the call asked for
     * @param headers the request's headers
     * @return whether the caller showed a credential (the function's key or the admin token): it then sees why the
     *     call failed; an anonymous caller only that it did
     * @throws io.vfn.VfnException {@code 401} when its function needs a key and neither one of its keys nor the admin
     *     token was shown
     */
    public boolean allow(CallRecord call, MultiMap headers) {
        return allow(call.function(), headers);
    }

    /**
     * {@link #allow(CallRecord, MultiMap)} for a call known by its function only.
     *
     * @param function the call's function
     * @param headers  the request's headers
     * @return whether the caller showed a credential
     * @throws io.vfn.VfnException {@code 401} as {@link #allow(CallRecord, MultiMap)}
     */
    public boolean allow(String function, MultiMap headers) {
        if (BearerTokenHandler.shows(headers.get("Authorization"), adminToken)) {
            return true;
        }
        return catalog.get(function).map(deployed -> require(deployed, headers)).orElse(false);
    }

    /** {@code X-Api-Key}, else a bearer token that is not the admin token; {@code null} when there is none. */
    private String keyOf(MultiMap headers) {
        String apiKey = headers.get(API_KEY_HEADER);
        if (apiKey != null) {
            return apiKey.trim();
        }
        String authorization = headers.get("Authorization");
        return BearerTokenHandler.shows(authorization, adminToken) ? null : BearerTokenHandler.bearer(authorization);
    }
}
