package io.vfn.testfunctions;

import io.vertx.core.Future;
import io.vfn.sdk.AsyncFunction;
import io.vfn.sdk.FunctionContext;
import io.vfn.sdk.FunctionRequest;
import io.vfn.sdk.FunctionResponse;

/** Misbehaves: blocks its event loop for {@code ?ms=} milliseconds (default 20 s) before answering. */
public final class LoopBlocker implements AsyncFunction {
    @Override
    public Future<FunctionResponse> handle(FunctionRequest request, FunctionContext context) {
        long until = System.currentTimeMillis()
                + Long.parseLong(request.queryParam("ms").orElse("20000"));
        while (System.currentTimeMillis() < until) {
            Thread.onSpinWait();
        }
        return Future.succeededFuture(FunctionResponse.text("unblocked"));
    }
}
