package io.vfn.testfunctions;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vfn.sdk.AsyncFunction;
import io.vfn.sdk.FunctionContext;
import io.vfn.sdk.FunctionRequest;
import io.vfn.sdk.FunctionResponse;

/** Returns a future that never completes. */
public final class NeverAnswers implements AsyncFunction {
    @Override
    public Future<FunctionResponse> handle(FunctionRequest request, FunctionContext context) {
        return Promise.<FunctionResponse>promise().future();
    }
}
