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

/**
 * The invoke-key step: a function whose spec says {@code auth: key} runs only for a caller that shows one of its
 * keys, as {@code Authorization: Bearer <key>} or {@code X-Api-Key: <key>}; anything else is {@code 401}. The key's
 * headers are then removed, so neither the function nor a kept async call ever holds the key.
 *
 * <p>In the router ({@code /async-function/…}) it is a handler; the sync path, which runs before the router,
 * calls {@link #require} after admitting the call.
 */
public final class InvokeKeyHandler implements Handler<RoutingContext> {

    /** The header an API-gateway caller may use instead of {@code Authorization}. */
    public static final String API_KEY_HEADER = "X-Api-Key";

    private static final String BEARER = "Bearer ";

    private final Catalog catalog;
    private final InvokeKeys keys;

    private InvokeKeyHandler(Catalog catalog, InvokeKeys keys) {
        this.catalog = catalog;
        this.keys = keys;
    }

    /**
     * @param catalog the deployed functions (their specs say whether they need a key)
     * @param keys    the invoke keys
     * @return the step
     */
    public static InvokeKeyHandler create(Catalog catalog, InvokeKeys keys) {
        return new InvokeKeyHandler(catalog, keys);
    }

    /**
     * An unknown function passes: the route answers its {@code 404}. The name is read as the route reads it, without
     * the {@code @alias} or {@code @revision} it may carry (a key opens every revision of its function).
     */
    @Override
    public void handle(RoutingContext ctx) {
        String name = Route.functionOf(FunctionPath.parse(ctx.request().path(), AsyncInvokeHandler.PREFIX)
                .name());
        catalog.get(name).ifPresent(function -> require(function, ctx.request().headers()));
        ctx.next();
    }

    /**
     * @param function the function called
     * @param headers  the request's headers; the key's are removed when the function needs a key
     * @throws io.vfn.VfnException {@code 401} when it needs a key and none of its keys was shown
     */
    public void require(FunctionRecord function, MultiMap headers) {
        if (function.spec().auth() == FunctionAuth.NONE) {
            return;
        }
        String key = keyOf(headers);
        headers.remove("Authorization").remove(API_KEY_HEADER);
        if (key == null) {
            throw Failure.UNAUTHORIZED.exception("function '" + function.name()
                    + "' needs a key: send 'Authorization: Bearer <key>' or '" + API_KEY_HEADER + ": <key>'");
        }
        if (!keys.opens(function.name(), key)) {
            throw Failure.UNAUTHORIZED.exception("the key is not valid for function '" + function.name() + "'");
        }
    }

    /**
     * The same check for a kept call: reading, cancelling or fetching the result or logs of a call to an
     * {@code auth: key} function needs one of that function's keys, as invoking it did.
     *
     * @param call    the call asked for
     * @param headers the request's headers
     * @return the call, when the request may see it
     * @throws io.vfn.VfnException {@code 401} when its function needs a key and none of its keys was shown
     */
    public CallRecord allow(CallRecord call, MultiMap headers) {
        catalog.get(call.function()).ifPresent(function -> require(function, headers));
        return call;
    }

    private static String keyOf(MultiMap headers) {
        String authorization = headers.get("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return authorization.substring(BEARER.length()).trim();
        }
        String apiKey = headers.get(API_KEY_HEADER);
        return apiKey == null ? null : apiKey.trim();
    }
}
