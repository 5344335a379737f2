package io.vfn.testfunctions;

import io.vertx.core.Future;
import io.vfn.sdk.AsyncFunction;
import io.vfn.sdk.FunctionContext;
import io.vfn.sdk.FunctionRequest;
import io.vfn.sdk.FunctionResponse;

/** Answers {@code v3:<body>}: version 3 of a function that is updated in the tests. */
public final class GreeterV3 implements AsyncFunction {
    @Override
    public Future<FunctionResponse> handle(FunctionRequest request, FunctionContext context) {
        return Future.succeededFuture(FunctionResponse.text("v3:" + request.bodyAsString()));
    }
}
