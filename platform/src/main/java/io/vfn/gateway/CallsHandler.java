package io.vfn.gateway;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vfn.Failure;
import io.vfn.VfnException;
import io.vfn.logs.CallLines;
import io.vfn.logs.ClusterLogs;
import io.vfn.scheduler.Bodies;
import io.vfn.scheduler.CallRecord;
import io.vfn.scheduler.CallStatus;
import io.vfn.scheduler.Calls;
import java.util.Optional;

/**
 * {@code /calls}: a call's record and raw result, cancel, the listing (the dead-letter view with
 * {@code ?status=failed}) and redrive.
 */
public final class CallsHandler {

    private static final int DEFAULT_LIMIT = 100;
    /** A page's bounds: records, and bytes of records (results included), so that no listing can exhaust a node. */
    private static final int MAX_LIMIT = 1_000;

    private static final long MAX_PAGE_BYTES = 16L << 20;

    private final Calls calls;
    private final ClusterLogs logs;
    private final InvokeKeyHandler keys;

    /**
     * @param calls the calls' life: the decisions are made there, this handler translates HTTP
     * @param logs  the function logs of every node
     * @param keys  the invoke-key step: a call to an {@code auth: key} function is seen only with its key
     */
    public CallsHandler(Calls calls, ClusterLogs logs, InvokeKeyHandler keys) {
        this.calls = calls;
        this.logs = logs;
        this.keys = keys;
    }

    /**
     * @param call       a record
     * @param privileged whether the reader showed a credential for the call (the function's key, the admin token)
     * @return what {@code GET /calls/{id}} shows: the record, the result's body readable, and the function's own
     *     words on why it failed ({@code cause}) and its log lines ({@code logs}) only to a privileged reader
     */
    public static JsonObject view(CallRecord call, boolean privileged) {
        JsonObject view = call.view();
        if (!privileged) {
            view.remove(CallRecord.CAUSE);
            view.remove(CallRecord.LOGS);
        }
        if (call.result() != null) {
            view.put("result", Bodies.readable(call.result()));
        }
        return view;
    }

    /**
     * @param call       an ended record
     * @param privileged whether the reader showed a credential for the call
     * @return why it ended without a result, in the words this reader may see
     */
    static String error(CallRecord call, boolean privileged) {
        JsonObject view = view(call, privileged);
        String error = view.getString("error", "");
        return view.containsKey(CallRecord.CAUSE) ? error + "; cause: " + view.getString(CallRecord.CAUSE) : error;
    }

    /** {@code GET /calls/{id}}. */
    public void get(RoutingContext ctx) {
        find(ctx)
                .onSuccess(found -> json(ctx, 200, view(found.call(), found.privileged())))
                .onFailure(ctx::fail);
    }

    /**
     * {@code GET /calls/{id}/logs}: the call's own log lines, at most its newest 100 lines / 16 KiB: those its record
     * kept as its attempts ended, and while it is not over, those the nodes hold of an attempt running now. Only for a
     * reader with a credential for the call ({@code 401} otherwise), as its {@code cause}.
     */
    public void logs(RoutingContext ctx) {
        find(ctx)
                .compose(found -> {
                    CallRecord call = found.call();
                    if (!found.privileged()) {
                        throw Failure.UNAUTHORIZED.exception("a call's log lines may tell what its function was given "
                                + "and why it failed: they are shown with the function's key or the admin token");
                    }
                    Future<JsonArray> lines = call.status().ended()
                            ? Future.succeededFuture(call.logs())
                            : logs.call(call.function(), call.callId(), Optional.empty())
                                    .map(live -> CallLines.merge(call.logs(), live))
                                    .otherwise(call.logs());
                    return lines.map(kept -> CallLines.of(kept, call.function(), call.callId()));
                })
                .onSuccess(lines -> {
                    JsonArray body = new JsonArray();
                    lines.forEach(line -> body.add(line.toJson()));
                    ctx.response().putHeader("Content-Type", "application/json").end(body.toBuffer());
                })
                .onFailure(ctx::fail);
    }

    /** {@code GET /calls/{id}/result}: the function's status, content type and body; 202 with the record while pending. */
    public void result(RoutingContext ctx) {
        ctx.put(CallIds.KEY, ctx.pathParam("id"));
        find(ctx)
                .onSuccess(found -> {
                    CallRecord call = found.call();
                    if (!call.status().ended()) {
                        json(ctx, 202, view(call, found.privileged()));
                    } else if (call.result() == null) {
                        ctx.fail(withoutResult(call, found.privileged()));
                    } else {
                        JsonObject result = call.result();
                        ctx.response()
                                .setStatusCode(result.getInteger("statusCode"))
                                .putHeader(CallIds.HEADER, call.callId());
                        Optional.ofNullable(result.getString("contentType"))
                                .ifPresent(t -> ctx.response().putHeader("Content-Type", t));
                        ctx.response().end(Bodies.raw(result));
                    }
                })
                .onFailure(ctx::fail);
    }

    /**
     * @param call       a call that ended without a result
     * @param privileged whether the reader showed a credential for the call (then it is told the function's cause)
     * @return what {@code /result} and a WebSocket subscription answer for it (see {@link CallStatus#withoutResult})
     */
    static VfnException withoutResult(CallRecord call, boolean privileged) {
        String error = error(call, privileged);
        return call.status()
                .withoutResult()
                .exception("call " + call.callId() + " is " + call.status().label() + " with no result"
                        + (error.isEmpty() ? "" : ": " + error));
    }

    /** {@code DELETE /calls/{id}}: cancels a queued call; 409 once it runs or ended. */
    public void cancel(RoutingContext ctx) {
        find(ctx)
                .compose(found ->
                        calls.cancel(found.call().callId()).map(cancelled -> view(cancelled, found.privileged())))
                .onSuccess(view -> json(ctx, 200, view))
                .onFailure(ctx::fail);
    }

    /** {@code GET /calls?function=…&status=…&limit=…}: newest first, one bounded page (limit 1-1000, at most 16 MiB of records). */
    public void list(RoutingContext ctx) {
        String function = ctx.queryParams().get("function");
        CallStatus status;
        int limit;
        try {
            String given = ctx.queryParams().get("status");
            status = given == null ? null : CallStatus.of(given);
            limit = Integer.parseInt(
                    Optional.ofNullable(ctx.queryParams().get("limit")).orElse("" + DEFAULT_LIMIT));
        } catch (IllegalArgumentException e) {
            throw Failure.BAD_REQUEST.exception(
                    "status must be one of queued, running, succeeded, failed, cancelled, expired; "
                            + "limit a number");
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw Failure.BAD_REQUEST.exception("limit must be between 1 and " + MAX_LIMIT + ", was " + limit);
        }
        calls.list(function, status, limit, MAX_PAGE_BYTES)
                .onSuccess(found -> {
                    JsonArray array = new JsonArray();
                    found.forEach(c -> array.add(view(c, true)));
                    ctx.response().putHeader("Content-Type", "application/json").end(array.toBuffer());
                })
                .onFailure(ctx::fail);
    }

    /** {@code POST /calls/{id}/retry}: runs a failed or expired call again, as if new. */
    public void retry(RoutingContext ctx) {
        calls.redrive(ctx.pathParam("id"))
                .onSuccess(call -> json(ctx, 202, view(call, true)))
                .onFailure(ctx::fail);
    }

    /** A call and whether its reader showed a credential for it (then it is told why the function failed). */
    private record Found(CallRecord call, boolean privileged) {}

    private Future<Found> find(RoutingContext ctx) {
        return calls.find(ctx.pathParam("id"))
                .map(call -> new Found(call, keys.allow(call, ctx.request().headers())));
    }

    private static void json(RoutingContext ctx, int status, JsonObject body) {
        ctx.response()
                .setStatusCode(status)
                .putHeader("Content-Type", "application/json")
                .end(body.toBuffer());
    }
}
