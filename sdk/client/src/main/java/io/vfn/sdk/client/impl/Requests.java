package io.vfn.sdk.client.impl;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vfn.sdk.client.VfnClientException;
import io.vfn.sdk.client.VfnClientOptions;
import java.util.List;
import java.util.function.Function;

/**
 * The client's exchanges with the gateway, through one {@link WebClient}: each request with the credentials its route
 * takes, each answer turned into a result or a {@link VfnClientException} ({@link Answers}).
 */
final class Requests {

    private static final String API_KEY = "X-Api-Key";

    private final VfnClientOptions options;
    private final String base;
    private final WebClient web;

    /**
     * @param vertx   the client's Vert.x
     * @param options where the gateway is, the credentials, the time-outs
     */
    Requests(Vertx vertx, VfnClientOptions options) {
        this.options = options;
        this.base = options.gateway().toString();
        this.web = WebClient.create(
                vertx, new WebClientOptions().setUserAgent("vfn-client").setConnectTimeout((int) Math.min(
                        Integer.MAX_VALUE,
                        Math.min(10_000, options.requestTimeout().toMillis()))));
    }

    /** @return the gateway's base URL */
    String base() {
        return base;
    }

    /** @return a request with no credential, bounded by the request time-out */
    HttpRequest<Buffer> plain(HttpMethod method, String path) {
        return web.requestAbs(method, base + path)
                .timeout(options.requestTimeout().toMillis());
    }

    /** @return a request with the admin token, when one is set */
    HttpRequest<Buffer> admin(HttpMethod method, String path) {
        HttpRequest<Buffer> request = plain(method, path);
        options.token().ifPresent(token -> request.putHeader("Authorization", "Bearer " + token));
        return request;
    }

    /**
     * A request on a kept call's routes: with the invoke key (a call of an {@code auth: key} function is read with its
     * key) and the admin token (its holder reads any call, and a failed call's cause).
     */
    HttpRequest<Buffer> ofCall(HttpMethod method, String callId, String subPath) {
        return keyed(admin(method, "/calls/" + Paths.segment(callId) + subPath));
    }

    /**
     * Adds the invoke key as {@code X-Api-Key}, unless the request names one of its own. Not as a bearer token: the
     * admin token may travel in {@code Authorization} on the same request, and the gateway reads {@code X-Api-Key}
     * first.
     */
    HttpRequest<Buffer> keyed(HttpRequest<Buffer> request) {
        options.key()
                .filter(key -> !request.headers().contains(API_KEY))
                .ifPresent(key -> request.putHeader(API_KEY, key));
        return request;
    }

    /** @return the answer; a transport failure as a {@link VfnClientException} */
    Future<HttpResponse<Buffer>> send(
            HttpRequest<Buffer> request, Function<HttpRequest<Buffer>, Future<HttpResponse<Buffer>>> sender) {
        return sender.apply(request).recover(failure -> Future.failedFuture(Answers.transport(failure, base)));
    }

    /** @return the answer's JSON object, or the failure it describes */
    Future<JsonObject> json(
            HttpRequest<Buffer> request, Function<HttpRequest<Buffer>, Future<HttpResponse<Buffer>>> sender) {
        return send(request, sender).compose(Answers::jsonObject);
    }

    /** @return the objects of the answer's JSON array, or the failure it describes */
    Future<List<JsonObject>> objects(HttpRequest<Buffer> request) {
        return send(request, HttpRequest::send).compose(response -> {
            if (response.statusCode() / 100 != 2) {
                return Future.failedFuture(Answers.problem(response));
            }
            JsonArray array;
            try {
                array = response.bodyAsJsonArray();
            } catch (RuntimeException e) {
                return Future.failedFuture(Answers.unexpected(response));
            }
            return Future.succeededFuture(
                    array.stream().map(JsonObject.class::cast).toList());
        });
    }

    /** Sends a request whose answer has no body worth reading: any 2xx completes it. */
    Future<Void> done(HttpRequest<Buffer> request) {
        return send(request, HttpRequest::send)
                .compose(response -> response.statusCode() / 100 == 2
                        ? Future.<Void>succeededFuture()
                        : Future.failedFuture(Answers.problem(response)));
    }

    /** Closes the connections. */
    void close() {
        web.close();
    }
}
