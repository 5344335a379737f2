package io.vfn.testfunctions;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vfn.sdk.AsyncFunction;
import io.vfn.sdk.FunctionContext;
import io.vfn.sdk.FunctionRequest;
import io.vfn.sdk.FunctionResponse;

/**
 * Logs a line and answers, as JSON, the {@code traceparent} and {@code tracestate} it was called with; when its body names another
 * function, it calls that one through {@link FunctionContext#invoke} (a request of its own, no trace header) and
 * adds its answer as {@code nested}.
 */
public final class TraceEcho implements AsyncFunction {
    @Override
    public Future<FunctionResponse> handle(FunctionRequest request, FunctionContext context) {
        JsonObject seen = new JsonObject()
                .put("traceparent", request.traceparent().orElse(""))
                .put("tracestate", request.header("tracestate").orElse(""));
        context.logger().log(System.Logger.Level.INFO, "traced");
        if (request.body().length() == 0) {
            return Future.succeededFuture(FunctionResponse.json(seen));
        }
        return context.invoke(request.bodyAsString(), FunctionRequest.builder().build())
                .map(nested -> FunctionResponse.json(seen.put("nested", new JsonObject(nested.body()))));
    }
}
