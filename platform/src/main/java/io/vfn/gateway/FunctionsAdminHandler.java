package io.vfn.gateway;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.FileUpload;
import io.vertx.ext.web.RoutingContext;
import io.vfn.Failure;
import io.vfn.catalog.Catalog;
import io.vfn.catalog.FunctionNames;
import io.vfn.catalog.FunctionRecord;
import io.vfn.catalog.FunctionSpec;
import io.vfn.cluster.NodeRegistry;
import io.vfn.runtime.JarInspector;
import io.vfn.scheduler.Scheduler;
import io.vfn.secret.SecretStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * {@code /system/functions[/{name}]}: list, describe, deploy or update (a raw jar with the spec in the query, or
 * multipart {@code jar} + {@code spec}), change the spec, delete.
 */
public final class FunctionsAdminHandler {

    private static final Set<String> JAR_TYPES = Set.of(
            "application/java-archive", "application/x-java-archive", "application/zip", "application/octet-stream");

    private final Vertx vertx;
    private final Catalog catalog;
    private final SecretStore secrets;
    private final NodeRegistry nodes;
    private final Path scratch;
    private final Scheduler scheduler;

    /**
     * @param vertx   the node
     * @param catalog the catalog
     * @param secrets the secrets a spec may name
     * @param nodes   the cluster's nodes, for per-node readiness
     * @param scratch   a directory for uploads under inspection
     * @param scheduler ends the queued calls of a deleted function
     */
    public FunctionsAdminHandler(
            Vertx vertx, Catalog catalog, SecretStore secrets, NodeRegistry nodes, Path scratch, Scheduler scheduler) {
        this.vertx = vertx;
        this.scheduler = scheduler;
        this.catalog = catalog;
        this.secrets = secrets;
        this.nodes = nodes;
        this.scratch = scratch;
    }

    /** {@code GET /system/functions}. */
    public void list(RoutingContext ctx) {
        describeAll(catalog.list())
                .onSuccess(all -> json(ctx, 200, new JsonArray(all).toBuffer()))
                .onFailure(ctx::fail);
    }

    /** {@code GET /system/functions/{name}}. */
    public void get(RoutingContext ctx) {
        FunctionRecord record = existing(ctx.pathParam("name"));
        describeAll(List.of(record))
                .onSuccess(all -> json(ctx, 200, all.get(0).toBuffer()))
                .onFailure(ctx::fail);
    }

    /** {@code PUT /system/functions/{name}}: 201 new, 200 updated or unchanged. */
    public void put(RoutingContext ctx) {
        String name = FunctionNames.require(ctx.pathParam("name"));
        String contentType = Optional.ofNullable(ctx.request().getHeader("Content-Type"))
                .orElse("")
                .toLowerCase(Locale.ROOT)
                .split(";")[0]
                .trim();
        FunctionSpec spec;
        Future<byte[]> jar;
        if (contentType.equals("multipart/form-data")) {
            spec = multipartSpec(ctx);
            FileUpload upload = ctx.fileUploads().stream()
                    .filter(f -> f.name().equals("jar"))
                    .findFirst()
                    .orElseThrow(() -> Failure.BAD_REQUEST.exception("the multipart body has no 'jar' part"));
            jar = vertx.fileSystem().readFile(upload.uploadedFileName()).map(Buffer::getBytes);
        } else if (JAR_TYPES.contains(contentType)) {
            spec = FunctionSpec.fromQuery(ctx.queryParams());
            Buffer body = ctx.body().buffer();
            jar = Future.succeededFuture(body == null ? new byte[0] : body.getBytes());
        } else {
            throw Failure.UNSUPPORTED_MEDIA_TYPE.exception(
                    "deploy a jar as application/java-archive (spec in the query) "
                            + "or as multipart/form-data with parts 'jar' and 'spec'; got '" + contentType + "'");
        }
        SecretsAdminHandler.requireSecrets(secrets, spec)
                .compose(v -> jar)
                .compose(bytes -> inspect(bytes, spec).map(bytes))
                .compose(bytes -> catalog.put(name, spec, bytes, AdminAuthHandler.credential(ctx)))
                .compose(result -> describeAll(List.of(result.record()))
                        .onSuccess(all -> json(
                                ctx,
                                result.created() ? 201 : 200,
                                all.get(0).put("changed", result.changed()).toBuffer())))
                .onFailure(ctx::fail);
    }

    /** {@code PATCH /system/functions/{name}}: body = spec fields to change. */
    public void patch(RoutingContext ctx) {
        String name = FunctionNames.require(ctx.pathParam("name"));
        JsonObject patch = jsonBody(ctx.body().buffer());
        SecretsAdminHandler.requireSecrets(secrets, existing(name).spec().merge(patch))
                .compose(v -> catalog.patch(name, patch, AdminAuthHandler.credential(ctx)))
                .compose(record -> describeAll(List.of(record)))
                .onSuccess(all -> json(ctx, 200, all.get(0).toBuffer()))
                .onFailure(ctx::fail);
    }

    /** {@code GET /system/functions/{name}/revisions}: the kept revisions, newest first, the one in force marked. */
    public void revisions(RoutingContext ctx) {
        FunctionRecord record = existing(ctx.pathParam("name"));
        json(
                ctx,
                200,
                new JsonArray(record.revisions().stream()
                                .map(r -> r.describe().put("current", r.number() == record.current()))
                                .toList())
                        .toBuffer());
    }

    /**
     * {@code POST /system/functions/{name}/rollback}: body {@code {"revision": N}} puts revision N back in force; an
     * empty body the newest one older than the revision in force.
     */
    public void rollback(RoutingContext ctx) {
        String name = existing(ctx.pathParam("name")).name();
        Buffer body = ctx.body().buffer();
        OptionalInt target = OptionalInt.empty();
        if (body != null && body.length() > 0) {
            Object revision = jsonBody(body).getValue("revision");
            if (!(revision instanceof Integer number)) {
                throw Failure.BAD_REQUEST.exception("'revision' must be a revision number, was " + revision);
            }
            target = OptionalInt.of(number);
        }
        OptionalInt chosen = target;
        catalog.get(name)
                .flatMap(r -> chosen.isPresent() ? r.revision(chosen.getAsInt()) : Optional.empty())
                .map(revision -> SecretsAdminHandler.requireSecrets(secrets, revision.spec()))
                .orElse(Future.succeededFuture())
                .compose(v -> catalog.rollback(name, chosen))
                .compose(record -> describeAll(List.of(record)))
                .onSuccess(all -> json(ctx, 200, all.get(0).toBuffer()))
                .onFailure(ctx::fail);
    }

    /**
     * {@code DELETE /system/functions/{name}}: 204 once this node drained it and its queued calls ended as cancelled;
     * every node follows.
     */
    public void delete(RoutingContext ctx) {
        String name = FunctionNames.require(ctx.pathParam("name"));
        catalog.delete(name)
                .compose(v -> scheduler.cancelQueued(name))
                .onSuccess(v -> ctx.response().setStatusCode(204).end())
                .onFailure(ctx::fail);
    }

    private FunctionRecord existing(String name) {
        return catalog.require(FunctionNames.require(name));
    }

    private Future<Void> inspect(byte[] jar, FunctionSpec spec) {
        if (jar.length == 0) {
            return Future.failedFuture(Failure.JAR_UNUSABLE.exception("not a jar: the body is empty"));
        }
        return vertx.executeBlocking(
                () -> {
                    Files.createDirectories(scratch);
                    Path file = Files.createTempFile(scratch, "upload", ".jar");
                    try {
                        Files.write(file, jar);
                        JarInspector.Found found = JarInspector.inspect(file, spec.handler());
                        JarInspector.checkThreading(found.kind(), spec);
                        return null;
                    } finally {
                        delete(file);
                    }
                },
                false);
    }

    private Future<List<JsonObject>> describeAll(List<FunctionRecord> records) {
        return nodes.all()
                .map(all ->
                        records.stream().map(record -> describe(record, all)).toList());
    }

    private static JsonObject describe(FunctionRecord record, List<JsonObject> nodes) {
        JsonArray perNode = new JsonArray();
        for (JsonObject node : nodes) {
            JsonObject status =
                    node.getJsonObject("functions", new JsonObject()).getJsonObject(record.name());
            if (status != null) {
                perNode.add(status.copy().put("nodeId", node.getString("nodeId")));
            }
        }
        return TrafficAdminHandler.routing(record)
                .put("name", record.name())
                .put("version", record.version())
                .put("jarSize", record.jarSize())
                .put("spec", record.spec().toJson())
                .put("nodes", perNode);
    }

    private static FunctionSpec multipartSpec(RoutingContext ctx) {
        String spec = ctx.request().formAttributes().get("spec");
        if (spec == null) {
            Optional<FileUpload> part = ctx.fileUploads().stream()
                    .filter(f -> f.name().equals("spec"))
                    .findFirst();
            if (part.isPresent()) {
                try {
                    spec = Files.readString(Path.of(part.get().uploadedFileName()));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return spec == null || spec.isBlank()
                ? FunctionSpec.DEFAULT
                : FunctionSpec.fromJson(jsonBody(Buffer.buffer(spec)));
    }

    private static JsonObject jsonBody(Buffer body) {
        try {
            if (body == null || body.length() == 0) {
                throw Failure.INVALID_SPEC.exception("the spec is empty: send a JSON object");
            }
            return new JsonObject(body);
        } catch (DecodeException | ClassCastException e) {
            throw Failure.INVALID_SPEC.exception("the spec is not a JSON object: " + e.getMessage());
        }
    }

    private static void json(RoutingContext ctx, int status, Buffer body) {
        ctx.response()
                .setStatusCode(status)
                .putHeader("Content-Type", "application/json")
                .end(body);
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // a scratch file; the next start clears the directory
        }
    }
}
