package io.vfn.testfunctions;

import io.vertx.core.Future;
import io.vfn.sdk.AsyncFunction;
import io.vfn.sdk.FunctionContext;
import io.vfn.sdk.FunctionRequest;
import io.vfn.sdk.FunctionResponse;

/** Answers the process id of the node that ran it: which node served a call. */
public final class WhoAmI implements AsyncFunction {
    @Override
    public Future<FunctionResponse> handle(FunctionRequest request, FunctionContext context) {
        return Future.succeededFuture(
                FunctionResponse.text(Long.toString(ProcessHandle.current().pid())));
    }
}
