package io.vfn.sdk.cli;

import io.vertx.core.Future;
import io.vfn.sdk.AsyncFunction;
import io.vfn.sdk.FunctionContext;
import io.vfn.sdk.FunctionRequest;
import io.vfn.sdk.FunctionResponse;

/** A test function that logs "logged BODY" at INFO and answers nothing else. */
public final class Logger implements AsyncFunction {
    @Override
    public Future<FunctionResponse> handle(FunctionRequest request, FunctionContext context) {
        context.logger().log(System.Logger.Level.INFO, "logged " + request.bodyAsString());
        return Future.succeededFuture(FunctionResponse.ok());
    }
}
