package io.vfn.gateway;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.ext.web.RoutingContext;
import io.vfn.Failure;
import io.vfn.catalog.Catalog;
import io.vfn.catalog.FunctionRecord;
import io.vfn.catalog.FunctionSpec;
import io.vfn.secret.SecretNames;
import io.vfn.secret.SecretStore;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * {@code /system/secrets[/{name}]}: set (the body is the value), list and describe (names and times, never a
 * value), delete (refused while a function names the secret).
 */
public final class SecretsAdminHandler {

    private final SecretStore secrets;
    private final Catalog catalog;

    /**
     * @param secrets the secrets
     * @param catalog the deployed functions, whose specs name secrets
     */
    public SecretsAdminHandler(SecretStore secrets, Catalog catalog) {
        this.secrets = secrets;
        this.catalog = catalog;
    }

    /** {@code PUT /system/secrets/{name}}: 201 new, 200 rotated; the body (UTF-8) is the value. */
    public void put(RoutingContext ctx) {
        String name = SecretNames.require(ctx.pathParam("name"));
        String value = utf8(ctx.body().buffer());
        secrets.put(name, value)
                .compose(created -> secrets.info(name)
                        .onSuccess(info -> json(
                                ctx,
                                created ? 201 : 200,
                                info.toJson().put("usedBy", usedBy(name)).toBuffer())))
                .onFailure(ctx::fail);
    }

    /** {@code GET /system/secrets}: names, change times and the functions that name each. */
    public void list(RoutingContext ctx) {
        secrets.list()
                .onSuccess(all -> json(
                        ctx,
                        200,
                        new JsonArray(all.stream()
                                        .map(info -> info.toJson().put("usedBy", usedBy(info.name())))
                                        .toList())
                                .toBuffer()))
                .onFailure(ctx::fail);
    }

    /** {@code GET /system/secrets/{name}}: its name, change time and users; never its value. */
    public void get(RoutingContext ctx) {
        String name = SecretNames.require(ctx.pathParam("name"));
        secrets.info(name)
                .onSuccess(info ->
                        json(ctx, 200, info.toJson().put("usedBy", usedBy(name)).toBuffer()))
                .onFailure(ctx::fail);
    }

    /** {@code DELETE /system/secrets/{name}}: 204; 409 while a deployed function names it. */
    public void delete(RoutingContext ctx) {
        String name = SecretNames.require(ctx.pathParam("name"));
        JsonArray users = usedBy(name);
        if (!users.isEmpty()) {
            throw Failure.CONFLICT.exception(
                    "secret '" + name + "' is named by " + users.encode() + ": remove it from their specs first");
        }
        secrets.delete(name)
                .onSuccess(v -> ctx.response().setStatusCode(204).end())
                .onFailure(ctx::fail);
    }

    /**
     * Refuses a spec that names a secret that does not exist.
     *
     * @param secrets the secrets
     * @param spec    a spec about to be deployed
     * @return completes when every secret it names exists; else fails with {@code 422} naming the missing ones
     */
    static Future<Void> requireSecrets(SecretStore secrets, FunctionSpec spec) {
        return secrets.missing(spec.secrets())
                .compose(missing -> missing.isEmpty()
                        ? Future.succeededFuture()
                        : Future.failedFuture(Failure.UNKNOWN_SECRET.exception(
                                "the spec names secret(s) that do not exist: " + String.join(", ", missing)
                                        + "; create them with PUT /system/secrets/{name} first")));
    }

    private JsonArray usedBy(String name) {
        List<String> users = catalog.list().stream()
                .filter(r -> r.spec().secrets().contains(name))
                .map(FunctionRecord::name)
                .toList();
        return new JsonArray(users);
    }

    private static String utf8(Buffer body) {
        if (body == null || body.length() == 0) {
            throw Failure.BAD_REQUEST.exception("a secret's value is the request body, and it is empty");
        }
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .decode(java.nio.ByteBuffer.wrap(body.getBytes()))
                    .toString();
        } catch (CharacterCodingException e) {
            throw Failure.BAD_REQUEST.exception("a secret's value must be UTF-8 text (base64 binary values)");
        }
    }

    private static void json(RoutingContext ctx, int status, Buffer body) {
        ctx.response()
                .setStatusCode(status)
                .putHeader("Content-Type", "application/json")
                .end(body);
    }
}
