package io.vfn.gateway;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
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
    private final InflightBodies bodies;

    private SyncInvokeHandler(
            Invoker invoker,
            InvokeKeyHandler keys,
            Catalog catalog,
            VfnMetrics metrics,
            long maxBody,
            InflightBodies bodies) {
        this.invoker = invoker;
        this.keys = keys;
        this.catalog = catalog;
        this.metrics = metrics;
        this.maxBody = maxBody;
        this.bodies = bodies;
    }

    /**
     * @param invoker takes calls to functions
     * @param keys    the invoke-key step, for functions that need a key
     * @param catalog the node's view of the deployed functions (failures are counted for deployed ones only)
     * @param metrics where invocations are counted
     * @param maxBody the largest body accepted, in bytes
     * @param bodies  the node's request bytes in flight, which a call's body must fit in
     * @return the handler
     */
    public static SyncInvokeHandler create(
            Invoker invoker,
            InvokeKeyHandler keys,
            Catalog catalog,
            VfnMetrics metrics,
            long maxBody,
            InflightBodies bodies) {
        return new SyncInvokeHandler(invoker, keys, catalog, metrics, maxBody, bodies);
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
        long declared;
        boolean keyShown;
        try {
            function = invoker.admit(target);
            keyShown = keys.require(function.function(), request.headers());
            declared = reserveDeclared(request);
        } catch (VfnException e) {
            fail(request, name, callId, start, e, false);
            return;
        }
        BodyReader.read(request, maxBody, bodies, declared).onComplete(read -> {
            if (read.failed()) {
                fail(request, name, callId, start, CallFailures.of(name, read.cause()), keyShown);
                return;
            }
            Buffer body = read.result();
            Invocation call = new Invocation(
                    request.method().name(), path.subPath(), request.query(), callId, request.headers(), body);
            // The trace the call ran in, for the caller to find it (and the one started when it sent none).
            request.response()
                    .putHeader(TraceContext.TRACERESPONSE, call.trace().traceparent());
            invoker.invoke(function, call, Long.MAX_VALUE).onComplete(answer -> {
                if (answer.succeeded()) {
                    Reply reply = answer.result();
                    // Counted before the answer leaves: a caller who reads /metrics next sees its call.
                    metrics.invocation(
                            name,
                            VfnMetrics.Mode.SYNC,
                            reply.status() < 400 ? "success" : "error",
                            System.nanoTime() - start);
                    write(request.response(), reply, start);
                } else {
                    fail(request, name, callId, start, CallFailures.of(name, answer.cause()), keyShown);
                }
                bodies.release(BodyReader.reserved(declared, body));
            });
        });
    }

    /**
     * Checks a declared body against the limit and reserves it among the node's bytes in flight, before a byte of
     * it is read.
     *
     * @return the declared length, or {@code -1} when the body is not declared (chunked, or none)
     */
    private long reserveDeclared(HttpServerRequest request) {
        String length = request.getHeader("Content-Length");
        if (length == null) {
            return -1;
        }
        long declared = parseLength(length);
        if (declared > maxBody) {
            throw Failure.BODY_TOO_LARGE.exception("the body is larger than " + maxBody + " bytes");
        }
        if (declared > bodies.largest()) {
            throw Failure.BODY_TOO_LARGE.exception(
                    "the body is larger than this node may hold in flight (" + bodies.largest() + " bytes)");
        }
        if (declared > 0 && !bodies.tryReserve(declared, declared)) {
            throw bodies.full();
        }
        return declared;
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
        boolean unread = failure.failure() == Failure.BODY_TOO_LARGE
                || failure.failure() == Failure.UNAVAILABLE && !request.isEnded();
        if (unread) {
            // The rest of the body is not worth reading: answer; the connection guard closes the connection a moment
            // later (at once, the answer could be lost to a reset while the caller still sends).
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
            long length = Long.parseLong(value.trim());
            if (length < 0) {
                throw new NumberFormatException();
            }
            return length;
        } catch (NumberFormatException e) {
            throw Failure.BAD_REQUEST.exception("Content-Length is not a length");
        }
    }
}
