package io.vfn.gateway;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vfn.Failure;
import io.vfn.VfnException;
import io.vfn.catalog.Catalog;
import io.vfn.metrics.VfnMetrics;
import io.vfn.runtime.CallFailures;
import io.vfn.runtime.Invocation;
import io.vfn.runtime.Invoker;
import io.vfn.runtime.Reply;
import io.vfn.runtime.Route;
import io.vfn.sdk.impl.TraceContext;
import java.util.List;
import java.util.Map;

/**
 * {@code ANY /function/{name}[/{path}]}: hands the request to one instance of the function over the event bus
 * and writes its answer, with {@code X-Call-Id}, {@code X-Duration-Seconds} and {@code traceresponse}.
 *
 * <p>The hot path of the platform, so it takes the request before the router: its steps (call id, admission by the
 * {@link Invoker}, invoke key, body limit, the call, write) run in order here, and one failure path renders problem+json.
 */
public final class SyncInvokeHandler implements Handler<HttpServerRequest> {

    /** Path prefix of sync invocations. */
    public static final String PREFIX = "/function/";

    /** Headers that describe one HTTP connection, or that the platform sets itself: not the function's answer. */
    private static final List<String> HOP_BY_HOP = List.of(
            "content-length",
            "transfer-encoding",
            "connection",
            "keep-alive",
            "upgrade",
            "x-call-id",
            "x-duration-seconds",
            TraceContext.TRACERESPONSE);

    private final Invoker invoker;
    private final InvokeKeyHandler keys;
    private final Catalog catalog;
    private final VfnMetrics metrics;
    private final long maxBody;

    private SyncInvokeHandler(
            Invoker invoker, InvokeKeyHandler keys, Catalog catalog, VfnMetrics metrics, long maxBody) {
        this.invoker = invoker;
        this.keys = keys;
        this.catalog = catalog;
        this.metrics = metrics;
        this.maxBody = maxBody;
    }

    /**
     * @param invoker takes calls to functions
     * @param keys    the invoke-key step, for functions that need a key
     * @param catalog the node's view of the deployed functions (failures are counted for deployed ones only)
     * @param metrics where invocations are counted
     * @param maxBody the largest body accepted, in bytes
     * @return the handler
     */
    public static SyncInvokeHandler create(
            Invoker invoker, InvokeKeyHandler keys, Catalog catalog, VfnMetrics metrics, long maxBody) {
        return new SyncInvokeHandler(invoker, keys, catalog, metrics, maxBody);
    }

    /**
     * @param path a request's path
     * @return whether it is a sync invocation
     */
    public static boolean matches(String path) {
        return path.startsWith(PREFIX) && path.length() > PREFIX.length();
    }

    @Override
    public void handle(HttpServerRequest request) {
        long start = System.nanoTime();
        String callId = CallIds.accepted(request.getHeader(CallIds.HEADER));
        request.response().putHeader(CallIds.HEADER, callId);
        FunctionPath path = FunctionPath.parse(request.path(), PREFIX);
        String target = path.name();
        String name = Route.functionOf(target);
        Route function;
        boolean keyShown;
        try {
            function = invoker.admit(target);
            keyShown = keys.require(function.function(), request.headers());
            checkLength(request);
        } catch (VfnException e) {
            fail(request, name, callId, start, e, false);
            return;
        }
        BodyReader.read(request, maxBody)
                .compose(body -> {
                    Invocation call = new Invocation(
                            request.method().name(), path.subPath(), request.query(), callId, request.headers(), body);
                    // The trace the call ran in, for the caller to find it (and the one started when it sent none).
                    request.response()
                            .putHeader(TraceContext.TRACERESPONSE, call.trace().traceparent());
                    return invoker.invoke(function, call, Long.MAX_VALUE);
                })
                .onSuccess(reply -> {
                    // Counted before the answer leaves: a caller who reads /metrics next sees its call.
                    metrics.invocation(
                            name,
                            VfnMetrics.Mode.SYNC,
                            reply.status() < 400 ? "success" : "error",
                            System.nanoTime() - start);
                    write(request.response(), reply, start);
                })
                .onFailure(cause -> fail(request, name, callId, start, CallFailures.of(name, cause), keyShown));
    }

    private void checkLength(HttpServerRequest request) {
        String length = request.getHeader("Content-Length");
        if (length != null && parseLength(length) > maxBody) {
            throw Failure.BODY_TOO_LARGE.exception("the body is larger than " + maxBody + " bytes");
        }
    }

    /** A caller that showed the function's key is told a failed function's cause; an anonymous one, that it failed. */
    private void fail(
            HttpServerRequest request, String name, String callId, long start, VfnException failure, boolean keyShown) {
        // Labels stay bounded: only deployed functions are counted.
        if (catalog.get(name).isPresent()) {
            metrics.invocation(
                    name, VfnMetrics.Mode.SYNC, VfnMetrics.outcomeOf(failure.failure()), System.nanoTime() - start);
        }
        HttpServerResponse response = request.response();
        if (response.ended()) {
            return;
        }
        if (failure.failure() == Failure.BODY_TOO_LARGE) {
            // The rest of the body is not worth reading: answer, then close the connection.
            request.pause();
            response.putHeader("Connection", "close");
        }
        response.putHeader("X-Duration-Seconds", seconds(start));
        Problems.write(response, failure.failure(), failure.detailFor(keyShown), callId);
    }

    private static void write(HttpServerResponse response, Reply reply, long start) {
        for (Map.Entry<String, String> header : reply.headers()) {
            String key = header.getKey();
            if (key.charAt(0) != ':' && !isHopByHop(key)) {
                response.headers().add(key, header.getValue());
            }
        }
        reply.revision().ifPresent(revision -> response.putHeader("X-Revision", Integer.toString(revision)));
        response.setStatusCode(reply.status()).putHeader("X-Duration-Seconds", seconds(start));
        response.end(reply.body());
    }

    private static boolean isHopByHop(String header) {
        for (String hop : HOP_BY_HOP) {
            if (hop.equalsIgnoreCase(header)) {
                return true;
            }
        }
        return false;
    }

    static String seconds(long startNanos) {
        return Double.toString((System.nanoTime() - startNanos) / 1_000_000L / 1000.0);
    }

    private static long parseLength(String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw Failure.BAD_REQUEST.exception("Content-Length is not a number");
        }
    }
}
