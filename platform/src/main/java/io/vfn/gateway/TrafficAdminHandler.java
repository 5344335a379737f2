package io.vfn.gateway;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vfn.Failure;
import io.vfn.catalog.Catalog;
import io.vfn.catalog.FunctionNames;
import io.vfn.catalog.FunctionRecord;
import java.util.Map;
import java.util.OptionalInt;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A function's aliases ({@code /system/functions/{name}/aliases/{alias}}) and the split of its default route
 * ({@code /system/functions/{name}/traffic}). Both answer the function's routing: revision in force, aliases, split.
 */
public final class TrafficAdminHandler {

    private final Catalog catalog;

    /**
     * @param catalog the deployed functions
     */
    public TrafficAdminHandler(Catalog catalog) {
        this.catalog = catalog;
    }

    /** {@code PUT /system/functions/{name}/aliases/{alias}}, body {@code {"revision": N}}. */
    public void setAlias(RoutingContext ctx) {
        String name = FunctionNames.require(ctx.pathParam("name"));
        String alias = alias(ctx.pathParam("alias"));
        Object revision = json(ctx.body().buffer()).getValue("revision");
        if (!(revision instanceof Integer number)) {
            throw Failure.BAD_REQUEST.exception("the body must be {\"revision\": N}, a kept revision's number");
        }
        catalog.alias(name, alias, OptionalInt.of(number))
                .onSuccess(record -> answer(ctx, record))
                .onFailure(ctx::fail);
    }

    /** {@code DELETE /system/functions/{name}/aliases/{alias}}: 204; the revision stops unless something else runs it. */
    public void removeAlias(RoutingContext ctx) {
        String name = FunctionNames.require(ctx.pathParam("name"));
        catalog.alias(name, alias(ctx.pathParam("alias")), OptionalInt.empty())
                .onSuccess(record -> ctx.response().setStatusCode(204).end())
                .onFailure(ctx::fail);
    }

    /**
     * {@code PUT /system/functions/{name}/traffic}, body {@code {"3": 90, "4": 10}}: percent per kept revision,
     * summing to 100; {@code {}} gives the whole default route back to the revision in force.
     */
    public void split(RoutingContext ctx) {
        String name = FunctionNames.require(ctx.pathParam("name"));
        SortedMap<Integer, Integer> weights = new TreeMap<>();
        int total = 0;
        for (Map.Entry<String, Object> share : json(ctx.body().buffer())) {
            int revision;
            try {
                revision = Integer.parseInt(share.getKey());
            } catch (NumberFormatException e) {
                throw Failure.BAD_REQUEST.exception("traffic keys are revision numbers, was '" + share.getKey() + "'");
            }
            if (!(share.getValue() instanceof Integer weight) || weight < 0 || weight > 100) {
                throw Failure.BAD_REQUEST.exception(
                        "revision " + revision + "'s share must be a whole percent 0-100, was " + share.getValue());
            }
            weights.put(revision, weight);
            total += weight;
        }
        if (!weights.isEmpty() && total != 100) {
            throw Failure.BAD_REQUEST.exception("the shares must sum to 100, they sum to " + total);
        }
        catalog.split(name, weights).onSuccess(record -> answer(ctx, record)).onFailure(ctx::fail);
    }

    /**
     * @param record a function
     * @return its routing as the admin API shows it
     */
    static JsonObject routing(FunctionRecord record) {
        JsonObject traffic = new JsonObject();
        record.weights().forEach((revision, weight) -> traffic.put(Integer.toString(revision), weight));
        return new JsonObject()
                .put("revision", record.current())
                .put("aliases", new JsonObject(new java.util.LinkedHashMap<>(record.aliases())))
                .put("traffic", traffic)
                .put("running", new io.vertx.core.json.JsonArray(java.util.List.copyOf(record.running())));
    }

    private static void answer(RoutingContext ctx, FunctionRecord record) {
        ctx.response()
                .putHeader("Content-Type", "application/json")
                .end(routing(record).put("name", record.name()).toBuffer());
    }

    private static String alias(String alias) {
        if (!FunctionNames.isValid(alias)) {
            throw Failure.BAD_REQUEST.exception(
                    "'" + alias + "' is not a valid alias: lower-case letters, digits and '-', "
                            + "starting with a letter, at most 63 characters");
        }
        return alias;
    }

    private static JsonObject json(Buffer body) {
        try {
            if (body == null || body.length() == 0) {
                throw Failure.BAD_REQUEST.exception("the body is empty: send a JSON object");
            }
            return new JsonObject(body);
        } catch (DecodeException | ClassCastException e) {
            throw Failure.BAD_REQUEST.exception("the body is not a JSON object: " + e.getMessage());
        }
    }
}
