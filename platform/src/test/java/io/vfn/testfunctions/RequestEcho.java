package io.vfn.testfunctions;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vfn.sdk.AsyncFunction;
import io.vfn.sdk.FunctionContext;
import io.vfn.sdk.FunctionRequest;
import io.vfn.sdk.FunctionResponse;

/** Answers, as JSON, what it saw of its call: method, path, query, call id, deadline and headers. */
public final class RequestEcho implements AsyncFunction {
    @Override
    public Future<FunctionResponse> handle(FunctionRequest request, FunctionContext context) {
        JsonObject query = new JsonObject();
        request.query().forEach(e -> query.put(e.getKey(), e.getValue()));
        JsonObject headers = new JsonObject();
        request.headers().forEach(e -> headers.put(e.getKey(), e.getValue()));
        return Future.succeededFuture(FunctionResponse.json(new JsonObject()
                .put("method", request.method())
                .put("path", request.path())
                .put("query", query)
                .put("callId", request.callId())
                .put("deadline", request.deadline().toEpochMilli())
                .put("headers", headers)));
    }
}
