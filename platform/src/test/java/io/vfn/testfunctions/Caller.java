package io.vfn.testfunctions;

import io.vertx.core.Future;
import io.vfn.sdk.AsyncFunction;
import io.vfn.sdk.FunctionContext;
import io.vfn.sdk.FunctionException;
import io.vfn.sdk.FunctionRequest;
import io.vfn.sdk.FunctionResponse;

/** Calls the function its body names through {@link FunctionContext#invoke} and answers what came back. */
public final class Caller implements AsyncFunction {
    @Override
    public Future<FunctionResponse> handle(FunctionRequest request, FunctionContext context) {
        FunctionRequest nested = FunctionRequest.builder()
                .callId(request.callId())
                .deadline(request.deadline())
                .header(":deadline", Long.toString(Long.MAX_VALUE / 2))
                .header("X-Plain", "kept")
                .build();
        return context.invoke(request.bodyAsString(), nested)
                .recover(failure -> Future.succeededFuture(
                        FunctionResponse.text("failed " + (failure instanceof FunctionException e ? e.status() : -1))));
    }
}
