package io.vfn.testfunctions;

import io.vertx.core.Future;
import io.vfn.sdk.AsyncFunction;
import io.vfn.sdk.FunctionContext;
import io.vfn.sdk.FunctionRequest;
import io.vfn.sdk.FunctionResponse;

/** Answers {@code ?bytes=} bytes of {@code x}: a result as large as asked. */
public final class Bulk implements AsyncFunction {
    @Override
    public Future<FunctionResponse> handle(FunctionRequest request, FunctionContext context) {
        return Future.succeededFuture(FunctionResponse.text(
                "x".repeat(Integer.parseInt(request.queryParam("bytes").orElse("0")))));
    }
}
