package io.vfn.testfunctions;

import io.vertx.core.Future;
import io.vfn.sdk.AsyncFunction;
import io.vfn.sdk.FunctionContext;
import io.vfn.sdk.FunctionRequest;
import io.vfn.sdk.FunctionResponse;

/** Answers the status given as its body, with a text body of its own. */
public final class StatusEcho implements AsyncFunction {
    @Override
    public Future<FunctionResponse> handle(FunctionRequest request, FunctionContext context) {
        int status = Integer.parseInt(request.bodyAsString().trim());
        return Future.succeededFuture(FunctionResponse.status(status)
                .header("Content-Type", "text/plain")
                .body("status " + status));
    }
}
