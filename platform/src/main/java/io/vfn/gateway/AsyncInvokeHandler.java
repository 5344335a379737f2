package io.vfn.gateway;

import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vfn.scheduler.Calls;
import io.vfn.sdk.impl.TraceContext;

/**
 * {@code POST /async-function/{name}[/{path}]}: keeps and queues the call, then answers {@code 202} with
 * {@code X-Call-Id}, {@code Location: /calls/{id}}, {@code traceresponse} (the trace its attempts continue) and
 * {@code {"callId": …, "status": "queued"}}.
 */
public final class AsyncInvokeHandler implements Handler<RoutingContext> {

    /** Path prefix of async invocations. */
    static final String PREFIX = "/async-function/";
    /** Where a caller asks for the result to be posted. */
    static final String CALLBACK_HEADER = "X-Callback-Url";

    private final Calls calls;

    private AsyncInvokeHandler(Calls calls) {
        this.calls = calls;
    }

    /**
     * @param calls accepts calls
     * @return the handler
     */
    public static AsyncInvokeHandler create(Calls calls) {
        return new AsyncInvokeHandler(calls);
    }

    @Override
    public void handle(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        // The raw path, as the sync route reads it: the router's normalized one has already resolved "..".
        FunctionPath target = FunctionPath.parse(request.path(), PREFIX);
        MultiMap headers =
                MultiMap.caseInsensitiveMultiMap().addAll(request.headers()).remove(CALLBACK_HEADER);
        calls.accept(
                        target.name(),
                        request.method().name(),
                        target.subPath(),
                        request.query(),
                        headers,
                        ctx.body().buffer() == null
                                ? io.vertx.core.buffer.Buffer.buffer()
                                : ctx.body().buffer(),
                        request.getHeader(CALLBACK_HEADER))
                .onSuccess(call -> {
                    ctx.put(CallIds.KEY, call.callId());
                    call.trace()
                            .ifPresent(
                                    trace -> ctx.response().putHeader(TraceContext.TRACERESPONSE, trace.traceparent()));
                    ctx.response()
                            .setStatusCode(202)
                            .putHeader(CallIds.HEADER, call.callId())
                            .putHeader("Location", "/calls/" + call.callId())
                            .putHeader("Content-Type", "application/json")
                            .end(new JsonObject()
                                    .put("callId", call.callId())
                                    .put("status", "queued")
                                    .toBuffer());
                })
                .onFailure(ctx::fail);
    }
}
