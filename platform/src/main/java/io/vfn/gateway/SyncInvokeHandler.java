package io.vfn.gateway;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vfn.Failure;
import io.vfn.VfnException;
import io.vfn.catalog.Catalog;
import io.vfn.catalog.FunctionNames;
import io.vfn.catalog.FunctionRecord;
import io.vfn.cluster.NodeState;
import io.vfn.metrics.VfnMetrics;
import io.vfn.sdk.Addresses;
import io.vfn.sdk.impl.Wire;

import java.util.Map;
import java.util.List;

/**
 * {@code ANY /function/{name}[/{path}]}: hands the request to one instance of the function over the event bus
 * and writes its answer, with {@code X-Call-Id} and {@code X-Duration-Seconds}.
 *
 * <p>The hot path of the platform, so it takes the request before the router: its steps (call id, readiness,
 * name, body limit, dispatch, write) run in order here, and one recover renders every failure as problem+json.
 */
public final class SyncInvokeHandler implements Handler<HttpServerRequest> {

    /** Path prefix of sync invocations. */
    public static final String PREFIX = "/function/";

    /** Headers that describe one HTTP connection, not the function's answer. */
    private static final List<String> HOP_BY_HOP = List.of("content-length", "transfer-encoding", "connection",
        "keep-alive", "upgrade", "x-call-id", "x-duration-seconds");

    private static final long RESEND_AFTER_MS = 100;

    private final io.vertx.core.Vertx vertx;
    private final EventBus bus;
    private final Catalog catalog;
    private final NodeState state;
    private final VfnMetrics metrics;
    private final long maxBody;

    private SyncInvokeHandler(io.vertx.core.Vertx vertx, Catalog catalog, NodeState state, VfnMetrics metrics, long maxBody) {
        this.vertx = vertx;
        this.bus = vertx.eventBus();
        this.catalog = catalog;
        this.state = state;
        this.metrics = metrics;
        this.maxBody = maxBody;
    }

    /**
     * @param vertx   the node's Vert.x (its clustered event bus carries the calls)
     * @param catalog the node's view of the deployed functions
     * @param state   the node's phase: only a ready node takes calls
     * @param metrics where invocations are counted
     * @param maxBody the largest body accepted, in bytes
     * @return the handler
     */
    public static SyncInvokeHandler create(io.vertx.core.Vertx vertx, Catalog catalog, NodeState state, VfnMetrics metrics,
                                           long maxBody) {
        return new SyncInvokeHandler(vertx, catalog, state, metrics, maxBody);
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
        FunctionPath target = FunctionPath.parse(request.path(), PREFIX);
        String name = target.name();
        FunctionRecord record;
        try {
            record = known(name, request);
        } catch (VfnException e) {
            fail(request, name, callId, start, e);
            return;
        }
        long deadline = System.currentTimeMillis() + record.spec().timeout().toMillis();
        state.callStarted();
        BodyReader.read(request, maxBody)
            .compose(body -> {
                DeliveryOptions options = Wire.requestOptions(request.method().name(), target.subPath(),
                    request.query(), callId, deadline, MultiMap.caseInsensitiveMultiMap().addAll(request.headers()));
                return send(name, body, options, true);
            })
            .onComplete(done -> state.callEnded())
            .onSuccess(reply -> {
                int status = write(request.response(), reply, start);
                metrics.invocation(name, VfnMetrics.Mode.SYNC, status < 400 ? "success" : "error", System.nanoTime() - start);
            })
            .onFailure(cause -> fail(request, name, callId, start, CallFailures.of(name, cause)));
    }

    /**
     * Sends the call; when the chosen instance was gone before it saw the call (a node draining or leaving, its
     * subscription not yet gone everywhere, or a stopping instance dropping what it had queued), the function never
     * ran, so the call is sent once more.
     */
    private Future<Message<Buffer>> send(String name, Buffer body, DeliveryOptions options, boolean mayRetry) {
        return bus.<Buffer>request(Addresses.function(name), body, options).recover(cause -> {
            if (mayRetry && CallFailures.neverRan(cause)) {
                return vertx.timer(RESEND_AFTER_MS).compose(v -> send(name, body, options, false));
            }
            return Future.failedFuture(cause);
        });
    }

    private FunctionRecord known(String name, HttpServerRequest request) {
        if (!state.isReady()) {
            throw Failure.UNAVAILABLE.exception("this node is " + state.phase().name().toLowerCase());
        }
        // A deployed function's name is valid by construction: the name rule is checked only for unknown ones.
        FunctionRecord record = catalog.get(name).orElseThrow(() -> {
            FunctionNames.require(name);
            return Failure.FUNCTION_NOT_FOUND.exception("no function named '" + name + "'");
        });
        String length = request.getHeader("Content-Length");
        if (length != null && parseLength(length) > maxBody) {
            throw Failure.BODY_TOO_LARGE.exception("the body is larger than " + maxBody + " bytes");
        }
        return record;
    }

    private void fail(HttpServerRequest request, String name, String callId, long start, VfnException failure) {
        // Labels stay bounded: only deployed functions are counted.
        if (catalog.get(name).isPresent()) {
            metrics.invocation(name, VfnMetrics.Mode.SYNC, VfnMetrics.outcomeOf(failure.failure()), System.nanoTime() - start);
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
        Problems.write(response, failure.failure(), failure.detail(), callId);
    }

    private static int write(HttpServerResponse response, Message<Buffer> reply, long start) {
        MultiMap headers = reply.headers();
        String status = headers.get(Wire.STATUS);
        for (Map.Entry<String, String> header : headers) {
            String key = header.getKey();
            if (key.charAt(0) != ':' && !isHopByHop(key)) {
                response.headers().add(key, header.getValue());
            }
        }
        int code = status == null ? 200 : Integer.parseInt(status);
        response.setStatusCode(code).putHeader("X-Duration-Seconds", seconds(start));
        Buffer body = reply.body();
        response.end(body == null ? Buffer.buffer() : body);
        return code;
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
