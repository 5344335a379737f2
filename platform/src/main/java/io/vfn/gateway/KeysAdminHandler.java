package io.vfn.gateway;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.ext.web.RoutingContext;
import io.vfn.access.InvokeKey;
import io.vfn.access.InvokeKeys;
import io.vfn.catalog.Catalog;
import io.vfn.catalog.FunctionNames;

/**
 * {@code /system/functions/{name}/keys[/{id}]}: create a function's invoke key (answered in clear this once), list
 * them (ids, prefixes and creation times, never a key), revoke one.
 */
public final class KeysAdminHandler {

    private final InvokeKeys keys;
    private final Catalog catalog;

    /**
     * @param keys    the invoke keys
     * @param catalog the deployed functions: keys are made for deployed ones only
     */
    public KeysAdminHandler(InvokeKeys keys, Catalog catalog) {
        this.keys = keys;
        this.catalog = catalog;
    }

    /** {@code POST …/keys}: 201 with {@code id}, {@code prefix}, {@code created} and {@code key}, the key in clear. */
    public void create(RoutingContext ctx) {
        String name = existing(ctx);
        keys.create(name)
                .onSuccess(created -> {
                    ctx.response()
                            .putHeader(
                                    "Location",
                                    "/system/functions/" + name + "/keys/"
                                            + created.key().id());
                    json(
                            ctx,
                            201,
                            created.key().toListing().put("key", created.text()).toBuffer());
                })
                .onFailure(ctx::fail);
    }

    /** {@code GET …/keys}: the function's keys, oldest first. */
    public void list(RoutingContext ctx) {
        keys.list(existing(ctx))
                .onSuccess(all -> json(
                        ctx,
                        200,
                        new JsonArray(all.stream().map(InvokeKey::toListing).toList()).toBuffer()))
                .onFailure(ctx::fail);
    }

    /** {@code DELETE …/keys/{id}}: 204; the key stops opening the function on every node. */
    public void revoke(RoutingContext ctx) {
        keys.revoke(existing(ctx), ctx.pathParam("id"))
                .onSuccess(v -> ctx.response().setStatusCode(204).end())
                .onFailure(ctx::fail);
    }

    /**
     * In front of {@code DELETE /system/functions/{name}}: the function's keys go with it, so a later deploy under
     * the same name does not open to them.
     */
    public void revokeAllThenNext(RoutingContext ctx) {
        keys.revokeAll(FunctionNames.require(ctx.pathParam("name")))
                .onSuccess(v -> ctx.next())
                .onFailure(ctx::fail);
    }

    private String existing(RoutingContext ctx) {
        return catalog.require(FunctionNames.require(ctx.pathParam("name"))).name();
    }

    private static void json(RoutingContext ctx, int status, Buffer body) {
        ctx.response()
                .setStatusCode(status)
                .putHeader("Content-Type", "application/json")
                .end(body);
    }
}
