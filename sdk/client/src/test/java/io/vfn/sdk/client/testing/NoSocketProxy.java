package io.vfn.sdk.client.testing;

import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.RequestOptions;

/**
 * A gateway without WebSockets: forwards every HTTP request to a node and refuses {@code /ws}, so that a client
 * has to fall back to polling.
 */
public final class NoSocketProxy implements AutoCloseable {

    private final Vertx vertx = Vertx.vertx();
    private final HttpServer server;

    /**
     * @param targetPort the node's gateway port
     */
    public NoSocketProxy(int targetPort) {
        HttpClient client = vertx.createHttpClient();
        server = Futures.await(vertx.createHttpServer()
                .requestHandler(request -> {
                    if (request.path().equals("/ws")) {
                        request.response().setStatusCode(404).end();
                        return;
                    }
                    MultiMap headers = MultiMap.caseInsensitiveMultiMap()
                            .addAll(request.headers())
                            .remove("Host");
                    request.body()
                            .compose(body -> client.request(new RequestOptions()
                                            .setMethod(request.method())
                                            .setHost("127.0.0.1")
                                            .setPort(targetPort)
                                            .setURI(request.uri())
                                            .setHeaders(headers))
                                    .compose(forwarded -> forwarded.send(body)))
                            .compose(answer -> answer.body().map(body -> {
                                request.response()
                                        .setStatusCode(answer.statusCode())
                                        .headers()
                                        .addAll(answer.headers());
                                return request.response().end(body);
                            }))
                            .onFailure(
                                    e -> request.response().setStatusCode(502).end());
                })
                .listen(0, "127.0.0.1"));
    }

    /** @return the proxy's base URL */
    public String gateway() {
        return "http://127.0.0.1:" + server.actualPort();
    }

    @Override
    public void close() {
        Futures.await(vertx.close());
    }
}
