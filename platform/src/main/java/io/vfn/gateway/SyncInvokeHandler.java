package io.vfn.gateway;

import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import io.vfn.Failure;
import io.vfn.VfnException;
import io.vfn.catalog.Catalog;
import io.vfn.catalog.FunctionNames;
import io.vfn.catalog.FunctionRecord;
import io.vfn.metrics.VfnMetrics;
import io.vfn.sdk.Addresses;
import io.vfn.sdk.impl.Wire;

import java.util.Map;
import java.util.Set;

/**
 * {@code ANY /function/{name}[/{path}]}: hands the request to one instance of the function over the event bus
 * and writes its answer, with {@code X-Call-Id} and {@code X-Duration-Seconds}.
 */
public final class SyncInvokeHandler implements Handler<RoutingContext> {

    /** Headers that describe one HTTP connection, not the function's answer. */
    private static final Set<String> HOP_BY_HOP = Set.of("content-length", "transfer-encoding", "connection",
        "keep-alive", "upgrade", "x-call-id", "x-duration-seconds");

    private final EventBus bus;
    private final Catalog catalog;
    private final VfnMetrics metrics;

    private SyncInvokeHandler(EventBus bus, Catalog catalog, VfnMetrics metrics) {
        this.bus = bus;
        this.catalog = catalog;
        this.metrics = metrics;
    }

    /**
     * @param bus     the clustered event bus
     * @param catalog the node's view of the deployed functions
     * @param metrics where invocations are counted
     * @return the handler
     */
    public static SyncInvokeHandler create(EventBus bus, Catalog catalog, VfnMetrics metrics) {
        return new SyncInvokeHandler(bus, catalog, metrics);
    }

    @Override
    public void handle(RoutingContext ctx) {
        long start = System.nanoTime();
        String name = ctx.pathParam("name");
        FunctionRecord record = known(name);
        String callId = ctx.get(CallIdHandler.KEY);
        HttpServerRequest request = ctx.request();
        long deadline = System.currentTimeMillis() + record.spec().timeout().toMillis();
        DeliveryOptions options = Wire.requestOptions(request.method().name(), subPath(request.path(), name),
            request.query(), callId, deadline, request.headers());
        Buffer body = ctx.body().buffer();
        bus.<Buffer>request(Addresses.function(name), body == null ? Buffer.buffer() : body, options)
            .onComplete(reply -> {
                if (reply.succeeded()) {
                    int status = write(ctx.response(), reply.result(), start);
                    metrics.invocation(name, VfnMetrics.Mode.SYNC, status < 400 ? "success" : "error", System.nanoTime() - start);
                } else {
                    VfnException failure = CallFailures.of(name, reply.cause());
                    metrics.invocation(name, VfnMetrics.Mode.SYNC, VfnMetrics.outcomeOf(failure.failure()), System.nanoTime() - start);
                    ctx.response().putHeader("X-Duration-Seconds", seconds(start));
                    ctx.fail(failure);
                }
            });
    }

    private FunctionRecord known(String name) {
        FunctionNames.require(name);
        return catalog.get(name)
            .orElseThrow(() -> Failure.FUNCTION_NOT_FOUND.exception("no function named '" + name + "'"));
    }

    private static int write(HttpServerResponse response, Message<Buffer> reply, long start) {
        MultiMap headers = reply.headers();
        String status = headers.get(Wire.STATUS);
        for (Map.Entry<String, String> header : headers) {
            String key = header.getKey();
            if (key.charAt(0) != ':' && !HOP_BY_HOP.contains(key.toLowerCase())) {
                response.headers().add(key, header.getValue());
            }
        }
        int code = status == null ? 200 : Integer.parseInt(status);
        response.setStatusCode(code).putHeader("X-Duration-Seconds", seconds(start));
        Buffer body = reply.body();
        response.end(body == null ? Buffer.buffer() : body);
        return code;
    }

    static String subPath(String path, String name) {
        int offset = path.indexOf('/', 1) + 1 + name.length();
        return offset >= path.length() ? "/" : path.substring(offset);
    }

    static String seconds(long startNanos) {
        return Double.toString((System.nanoTime() - startNanos) / 1_000_000L / 1000.0);
    }
}
