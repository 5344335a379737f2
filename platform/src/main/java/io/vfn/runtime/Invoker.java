package io.vfn.runtime;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vfn.Failure;
import io.vfn.VfnException;
import io.vfn.catalog.Catalog;
import io.vfn.catalog.FunctionRecord;
import io.vfn.cluster.NodeState;
import io.vfn.metrics.VfnMetrics;
import io.vfn.sdk.Addresses;
import io.vfn.sdk.impl.Answer;
import io.vfn.sdk.impl.Wire;
import io.vfn.sdk.impl.WireRequest;
import java.util.Map;
import java.util.OptionalInt;

/**
 * The one way a call reaches a function, for every entry point: HTTP sync, WebSocket {@code invoke}, the
 * scheduler's async attempts and {@code FunctionContext.invoke}. It owns what they must all do alike:
 * <ul>
 *   <li>{@link #admit}: a call from outside needs a ready node and a deployed function;</li>
 *   <li>the deadline: never later than the function's own timeout;</li>
 *   <li>the call as the instance sees it: the caller's headers without any {@code :}-entry (those belong to the
 *       platform); over the bus, the platform's pseudo-headers beside them and a send timeout just past the
 *       deadline ({@link OutgoingCall});</li>
 *   <li>the trace: the function sees its call's own span ({@link Invocation#trace}: the caller's W3C trace
 *       continued, or a new one) as its {@code traceparent} header, whatever the caller sent there;</li>
 *   <li>where it goes: this node's instances first while they have room, else the cluster's ({@link LocalFirst});</li>
 *   <li>drain accounting: the call counts as in flight until its answer came back;</li>
 *   <li>a few resends when the instance it went to was gone before it saw the call (the function never ran);</li>
 *   <li>the answer: a {@link Reply}, or a failure classified as a {@link VfnException} by {@link CallFailures}.</li>
 * </ul>
 *
 * <pre>{@code
 * invoker.invoke("hello", new Invocation("POST", "/", null, callId, headers, body), Long.MAX_VALUE)
 *     .onSuccess(reply -> ...)          // the function's status, headers and body
 *     .onFailure(failure -> ...);       // a VfnException: 503 not ready, 404 unknown, 502 threw, 504 too slow ...
 * }</pre>
 */
public final class Invoker {

    /** How long to wait before a resend: the cluster's view of the vanished instance needs a moment. */
    private static final long RESEND_AFTER_MS = 100;
    /**
     * How many times a call that never ran is sent again: a leaving node's stand-in may answer a resend too (the event
     * bus takes every node's instances in turn).
     */
    public static final int RESENDS = 3;

    private final Vertx vertx;
    private final LocalFirst dispatch;
    private final Catalog catalog;
    private final NodeState state;
    private final VfnMetrics metrics;

    /**
     * @param vertx   the node (its clustered event bus carries the calls)
     * @param catalog the deployed functions
     * @param state   the node's phase and its count of calls in flight
     * @param runtime the functions running on this node: calls go to them first while they have room
     * @param metrics where the dispatch choices and the answers of each revision are counted
     */
    public Invoker(Vertx vertx, Catalog catalog, NodeState state, FunctionRuntime runtime, VfnMetrics metrics) {
        this.metrics = metrics;
        this.vertx = vertx;
        this.catalog = catalog;
        this.state = state;
        this.dispatch = new LocalFirst(vertx, runtime, metrics);
    }

    /**
     * Admits a call from outside the platform (HTTP, WebSocket): the node must be ready and the function deployed.
     * Callers that must check before they read a body call this first, then {@link #invoke(Route, Invocation, long)}.
     *
     * @param target the function: {@code name}, or {@code name@alias} / {@code name@revision} for one revision
     * @return its route
     * @throws VfnException {@code 503} while the node is not ready, {@code 404} unknown function, alias or revision,
     *     {@code 409} a revision that runs nowhere, {@code 400} bad name
     */
    public Route admit(String target) {
        state.requireReady();
        return Route.resolve(catalog.require(Route.functionOf(target)), target);
    }

    /**
     * Admits and sends a call from outside the platform.
     *
     * @param name           the function
     * @param call           the call
     * @param deadlineMillis when the caller stops waiting (epoch ms), {@link Long#MAX_VALUE} for no limit of its own
     * @return the function's reply; failed with a {@link VfnException}
     */
    public Future<Reply> invoke(String name, Invocation call, long deadlineMillis) {
        Route route;
        try {
            route = admit(name);
        } catch (VfnException e) {
            return Future.failedFuture(e);
        }
        return invoke(route, call, deadlineMillis);
    }

    /**
     * Sends a call to a function already looked up: admitted by {@link #admit}, or found with
     * {@link Catalog#require} by a part of the platform that goes on while the node drains (an async attempt
     * already leased, a function calling another).
     *
     * @param function       the function's record
     * @param call           the call
     * @param deadlineMillis when the caller stops waiting (epoch ms), {@link Long#MAX_VALUE} for no limit of its own;
     *                       the call's deadline is the earlier of this and the function's timeout
     * @return the function's reply; failed with a {@link VfnException}
     */
    public Future<Reply> invoke(FunctionRecord function, Invocation call, long deadlineMillis) {
        return invoke(Route.of(function), call, deadlineMillis);
    }

    /**
     * Sends a call along a route: to the pinned revision, or to the revision the default route's weights give the
     * call's id (the revision in force when there are none).
     *
     * @param route          the route, from {@link #admit} or {@link Route#of}
     * @param call           the call
     * @param deadlineMillis as {@link #invoke(FunctionRecord, Invocation, long)}
     * @return the function's reply; failed with a {@link VfnException}
     */
    public Future<Reply> invoke(Route route, Invocation call, long deadlineMillis) {
        FunctionRecord function = route.function();
        String name = function.name();
        OptionalInt revision =
                route.pinned().isPresent() ? route.pinned() : TrafficSplit.choose(function.weights(), call.callId());
        long timeout = revision.isPresent()
                ? function.revision(revision.getAsInt())
                        .orElseThrow()
                        .spec()
                        .timeout()
                        .toMillis()
                : function.spec().timeout().toMillis();
        long deadline = Math.min(deadlineMillis, System.currentTimeMillis() + timeout);
        MultiMap headers = callersHeaders(call.headers());
        call.trace().writeTo(headers);
        OutgoingCall outgoing = new OutgoingCall(new WireRequest(
                call.method(), call.path(), call.rawQuery(), call.callId(), deadline, headers, call.body()));
        state.callStarted();
        return send(name, revision, route.pinned().isPresent(), outgoing, RESENDS)
                .transform(answer -> {
                    state.callEnded();
                    if (answer.failed()) {
                        return Future.failedFuture(CallFailures.of(name, answer.cause()));
                    }
                    Future<Reply> reply = decode(name, answer.result());
                    reply.onSuccess(r -> r.revision().ifPresent(n -> metrics.answeredBy(name, n)));
                    return reply;
                });
    }

    /**
     * Sends the call; when the chosen instance was gone before it saw the call (a node draining or leaving, its
     * subscription not yet gone everywhere, or a stopping instance dropping what it had queued), the function never
     * ran, so the call is sent again (a few times at most; a share of the default route then goes to the revision in
     * force).
     */
    private Future<Answer> send(String function, OptionalInt revision, boolean pinned, OutgoingCall call, int resends) {
        Future<Answer> sent = revision.isPresent()
                ? LocalFirst.request(vertx, Addresses.revision(function, revision.getAsInt()), call)
                : dispatch.send(function, call);
        return sent.recover(cause -> {
            if (resends > 0 && CallFailures.neverRan(cause)) {
                // A share of the default route whose instances are still starting goes to the revision in force
                // meanwhile.
                OptionalInt again = pinned ? revision : OptionalInt.empty();
                return vertx.timer(RESEND_AFTER_MS).compose(v -> send(function, again, pinned, call, resends - 1));
            }
            return Future.failedFuture(cause);
        });
    }

    /**
     * The caller's headers as the instance sees them: a plain case-insensitive map (HTTP header maps refuse the
     * platform's {@code :}-names, which a bus message adds), without any entry a caller named like the platform's own.
     */
    private static MultiMap callersHeaders(MultiMap given) {
        MultiMap headers = MultiMap.caseInsensitiveMultiMap();
        for (Map.Entry<String, String> header : given) {
            if (!header.getKey().startsWith(":")) {
                headers.add(header.getKey(), header.getValue());
            }
        }
        return headers;
    }

    private static Future<Reply> decode(String name, Answer answer) {
        MultiMap headers = answer.headers();
        String status = headers.get(Wire.STATUS);
        headers.remove(Wire.STATUS);
        Buffer body = answer.body();
        try {
            return Future.succeededFuture(new Reply(
                    status == null ? 200 : Integer.parseInt(status), headers, body == null ? Buffer.buffer() : body));
        } catch (NumberFormatException e) {
            return Future.failedFuture(
                    Failure.FUNCTION_FAILED.exception("function '" + name + "' answered status '" + status + "'"));
        }
    }
}
