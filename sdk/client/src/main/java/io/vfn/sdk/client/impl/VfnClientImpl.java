package io.vfn.sdk.client.impl;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.core.parsetools.RecordParser;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.multipart.MultipartForm;
import io.vfn.sdk.client.AsyncCall;
import io.vfn.sdk.client.CallFilter;
import io.vfn.sdk.client.CallInfo;
import io.vfn.sdk.client.DeployResult;
import io.vfn.sdk.client.FunctionInfo;
import io.vfn.sdk.client.FunctionSpec;
import io.vfn.sdk.client.Invocation;
import io.vfn.sdk.client.InvokeResponse;
import io.vfn.sdk.client.KeyInfo;
import io.vfn.sdk.client.RevisionInfo;
import io.vfn.sdk.client.Routing;
import io.vfn.sdk.client.SecretInfo;
import io.vfn.sdk.client.VfnClient;
import io.vfn.sdk.client.VfnClientOptions;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** The operations of {@link VfnClient}, each one exchange through {@link Requests}; pushes come through {@link CallWatcher}. */
public final class VfnClientImpl implements VfnClient {

    private static final String JAR_TYPE = "application/java-archive";

    private final Vertx vertx;
    private final boolean ownsVertx;
    private final VfnClientOptions options;
    private final Requests requests;
    private final CallWatcher watcher;

    private VfnClientImpl(Vertx vertx, boolean ownsVertx, VfnClientOptions options) {
        this.vertx = vertx;
        this.ownsVertx = ownsVertx;
        this.options = options;
        this.requests = new Requests(vertx, options);
        this.watcher = new CallWatcher(vertx, options, this::callResult);
    }

    /**
     * @param vertx     the Vert.x instance to use
     * @param ownsVertx whether closing the client closes it
     * @param options   where the gateway is
     * @return the client
     */
    public static VfnClient create(Vertx vertx, boolean ownsVertx, VfnClientOptions options) {
        return new VfnClientImpl(
                Objects.requireNonNull(vertx, "vertx"), ownsVertx, Objects.requireNonNull(options, "options"));
    }

    @Override
    public Future<InvokeResponse> invoke(Invocation invocation) {
        HttpRequest<Buffer> request = requests.plain(
                        HttpMethod.valueOf(invocation.method().toUpperCase(Locale.ROOT)),
                        "/function/" + Paths.segment(invocation.function()) + invocation.path()
                                + query(invocation.query()))
                .putHeaders(invocation.headers());
        return requests.send(requests.keyed(request), r -> r.sendBuffer(invocation.body()))
                .compose(response -> Answers.isProblem(response)
                        ? Future.failedFuture(Answers.problem(response))
                        : Future.succeededFuture(
                                new InvokeResponse(response.statusCode(), response.headers(), body(response))));
    }

    @Override
    public Future<AsyncCall> invokeAsync(Invocation invocation) {
        HttpRequest<Buffer> request = requests.plain(
                        HttpMethod.POST,
                        "/async-function/" + Paths.segment(invocation.function()) + invocation.path()
                                + query(invocation.query()))
                .putHeaders(invocation.headers());
        invocation.callbackUrl().ifPresent(url -> request.putHeader("X-Callback-Url", url));
        return requests.send(requests.keyed(request), r -> r.sendBuffer(invocation.body()))
                .compose(response -> response.statusCode() == 202
                        ? Answers.jsonObject(response)
                        : Future.failedFuture(Answers.problem(response)))
                .map(accepted -> {
                    String callId = accepted.getString("callId");
                    return new AsyncCall(callId, watcher.watch(callId));
                });
    }

    @Override
    public Future<InvokeResponse> subscribe(String callId) {
        return watcher.watch(Objects.requireNonNull(callId, "callId"));
    }

    @Override
    public Future<CallInfo> call(String callId) {
        return requests.json(requests.ofCall(HttpMethod.GET, callId, ""), HttpRequest::send)
                .map(CallInfo::new);
    }

    @Override
    public Future<Optional<InvokeResponse>> callResult(String callId) {
        return requests.send(requests.ofCall(HttpMethod.GET, callId, "/result"), HttpRequest::send)
                .compose(response -> {
                    if (Answers.isProblem(response)) {
                        return Future.failedFuture(Answers.problem(response));
                    }
                    if (response.statusCode() == 202) {
                        return Future.succeededFuture(Optional.empty());
                    }
                    MultiMap headers = MultiMap.caseInsensitiveMultiMap().addAll(response.headers());
                    return Future.succeededFuture(
                            Optional.of(new InvokeResponse(response.statusCode(), headers, body(response))));
                });
    }

    @Override
    public Future<CallInfo> cancel(String callId) {
        return requests.json(requests.ofCall(HttpMethod.DELETE, callId, ""), HttpRequest::send)
                .map(CallInfo::new);
    }

    @Override
    public Future<List<CallInfo>> calls(CallFilter filter) {
        HttpRequest<Buffer> request =
                requests.admin(HttpMethod.GET, "/calls").addQueryParam("limit", Integer.toString(filter.limit()));
        filter.function().ifPresent(f -> request.addQueryParam("function", f));
        filter.status().ifPresent(s -> request.addQueryParam("status", s));
        return requests.objects(request)
                .map(all -> all.stream().map(CallInfo::new).toList());
    }

    @Override
    public Future<CallInfo> retry(String callId) {
        return requests.json(
                        requests.admin(HttpMethod.POST, "/calls/" + Paths.segment(callId) + "/retry"),
                        HttpRequest::send)
                .map(CallInfo::new);
    }

    @Override
    public Future<DeployResult> deploy(String name, Path jar, FunctionSpec spec) {
        if (!Files.isRegularFile(jar) || !Files.isReadable(jar)) {
            return Future.failedFuture(
                    new UncheckedIOException(new NoSuchFileException(jar.toString(), null, "no readable jar")));
        }
        MultipartForm form = MultipartForm.create()
                .attribute("spec", spec.toJson().encode())
                .binaryFileUpload(
                        "jar",
                        jar.getFileName().toString(),
                        jar.toAbsolutePath().toString(),
                        JAR_TYPE);
        return deploy(name, form);
    }

    @Override
    public Future<DeployResult> deploy(String name, Buffer jar, FunctionSpec spec) {
        MultipartForm form = MultipartForm.create()
                .attribute("spec", spec.toJson().encode())
                .binaryFileUpload("jar", name + ".jar", jar, JAR_TYPE);
        return deploy(name, form);
    }

    private Future<DeployResult> deploy(String name, MultipartForm form) {
        HttpRequest<Buffer> request = requests.admin(HttpMethod.PUT, Paths.function(name));
        return requests.send(request, r -> r.sendMultipartForm(form))
                .compose(response -> Answers.jsonObject(response)
                        .map(json -> new DeployResult(
                                response.statusCode() == 201,
                                json.getBoolean("changed", true),
                                new FunctionInfo(json))));
    }

    @Override
    public Future<FunctionInfo> update(String name, FunctionSpec spec) {
        return requests.json(
                        requests.admin(HttpMethod.PATCH, Paths.function(name)), r -> r.sendJsonObject(spec.toJson()))
                .map(FunctionInfo::new);
    }

    @Override
    public Future<List<FunctionInfo>> list() {
        return requests.objects(requests.admin(HttpMethod.GET, "/system/functions"))
                .map(all -> all.stream().map(FunctionInfo::new).toList());
    }

    @Override
    public Future<FunctionInfo> describe(String name) {
        return requests.json(requests.admin(HttpMethod.GET, Paths.function(name)), HttpRequest::send)
                .map(FunctionInfo::new);
    }

    @Override
    public Future<Void> delete(String name) {
        return requests.done(requests.admin(HttpMethod.DELETE, Paths.function(name)));
    }

    @Override
    public Future<List<RevisionInfo>> revisions(String name) {
        return requests.objects(requests.admin(HttpMethod.GET, Paths.function(name) + "/revisions"))
                .map(all -> all.stream().map(RevisionInfo::new).toList());
    }

    @Override
    public Future<FunctionInfo> rollback(String name) {
        return requests.json(requests.admin(HttpMethod.POST, Paths.function(name) + "/rollback"), HttpRequest::send)
                .map(FunctionInfo::new);
    }

    @Override
    public Future<FunctionInfo> rollback(String name, int revision) {
        return requests.json(
                        requests.admin(HttpMethod.POST, Paths.function(name) + "/rollback"),
                        r -> r.sendJsonObject(new JsonObject().put("revision", revision)))
                .map(FunctionInfo::new);
    }

    @Override
    public Future<Routing> alias(String name, String alias, int revision) {
        return requests.json(
                        requests.admin(HttpMethod.PUT, Paths.function(name) + "/aliases/" + Paths.segment(alias)),
                        r -> r.sendJsonObject(new JsonObject().put("revision", revision)))
                .map(Routing::new);
    }

    @Override
    public Future<Void> removeAlias(String name, String alias) {
        return requests.done(
                requests.admin(HttpMethod.DELETE, Paths.function(name) + "/aliases/" + Paths.segment(alias)));
    }

    @Override
    public Future<Routing> traffic(String name, Map<Integer, Integer> percents) {
        JsonObject split = new JsonObject();
        percents.forEach((revision, percent) -> split.put(Integer.toString(revision), percent));
        return requests.json(
                        requests.admin(HttpMethod.PUT, Paths.function(name) + "/traffic"), r -> r.sendJsonObject(split))
                .map(Routing::new);
    }

    @Override
    public Future<Boolean> putSecret(String name, String value) {
        return requests.send(
                        requests.admin(HttpMethod.PUT, "/system/secrets/" + Paths.segment(name))
                                .putHeader("Content-Type", "text/plain; charset=utf-8"),
                        r -> r.sendBuffer(Buffer.buffer(Objects.requireNonNull(value, "value"))))
                .compose(response -> Answers.jsonObject(response).map(json -> response.statusCode() == 201));
    }

    @Override
    public Future<List<SecretInfo>> secrets() {
        return requests.objects(requests.admin(HttpMethod.GET, "/system/secrets"))
                .map(all -> all.stream().map(SecretInfo::new).toList());
    }

    @Override
    public Future<Void> deleteSecret(String name) {
        return requests.done(requests.admin(HttpMethod.DELETE, "/system/secrets/" + Paths.segment(name)));
    }

    @Override
    public Future<KeyInfo> createKey(String name) {
        return requests.json(requests.admin(HttpMethod.POST, Paths.function(name) + "/keys"), HttpRequest::send)
                .map(KeyInfo::new);
    }

    @Override
    public Future<List<KeyInfo>> keys(String name) {
        return requests.objects(requests.admin(HttpMethod.GET, Paths.function(name) + "/keys"))
                .map(all -> all.stream().map(KeyInfo::new).toList());
    }

    @Override
    public Future<Void> revokeKey(String name, String id) {
        return requests.done(requests.admin(HttpMethod.DELETE, Paths.function(name) + "/keys/" + Paths.segment(id)));
    }

    @Override
    public Future<List<JsonObject>> nodes() {
        return requests.objects(requests.admin(HttpMethod.GET, "/system/nodes"));
    }

    @Override
    public Future<List<JsonObject>> callLogs(String callId) {
        return requests.objects(requests.ofCall(HttpMethod.GET, callId, "/logs"));
    }

    @Override
    public Future<List<JsonObject>> logs(String name, Duration since) {
        return requests.objects(requests.admin(HttpMethod.GET, logsPath(name, since, false)));
    }

    @Override
    public Future<Void> followLogs(String name, Duration since, Handler<JsonObject> line) {
        // A stream of JSON lines that ends only when the connection does: read it as it comes, a line at a time.
        HttpClient http = vertx.createHttpClient();
        RequestOptions request = new RequestOptions()
                .setMethod(HttpMethod.GET)
                .setAbsoluteURI(requests.base() + logsPath(name, since, true));
        options.token().ifPresent(token -> request.putHeader("Authorization", "Bearer " + token));
        return http.request(request)
                .compose(HttpClientRequest::send)
                .recover(failure -> Future.failedFuture(Answers.transport(failure, requests.base())))
                .compose(response -> {
                    if (response.statusCode() != 200) {
                        return response.body()
                                .compose(body -> Future.failedFuture(Answers.problem(
                                        response.statusCode(),
                                        response.getHeader("Content-Type"),
                                        body,
                                        Optional.empty())));
                    }
                    response.handler(RecordParser.newDelimited("\n", text -> line.handle(new JsonObject(text))));
                    return response.end();
                })
                .onComplete(done -> http.close());
    }

    private static String logsPath(String name, Duration since, boolean follow) {
        return Paths.function(name) + "/logs?since=" + Math.max(0, since.toSeconds()) + "s"
                + (follow ? "&follow=true" : "");
    }

    @Override
    public Future<JsonObject> info() {
        return requests.json(requests.admin(HttpMethod.GET, "/system/info"), HttpRequest::send);
    }

    @Override
    public Future<Void> shutdown() {
        requests.close();
        return watcher.close().transform(v -> ownsVertx ? vertx.close() : Future.succeededFuture());
    }

    private static Buffer body(HttpResponse<Buffer> response) {
        return response.body() == null ? Buffer.buffer() : response.body();
    }

    private static String query(String query) {
        return query.isEmpty() ? "" : "?" + query;
    }
}
