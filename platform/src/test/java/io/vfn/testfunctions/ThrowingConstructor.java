package io.vfn.testfunctions;

import io.vertx.core.Future;
import io.vfn.sdk.AsyncFunction;
import io.vfn.sdk.FunctionContext;
import io.vfn.sdk.FunctionRequest;
import io.vfn.sdk.FunctionResponse;

/** A function that cannot even be made: its constructor throws. */
public final class ThrowingConstructor implements AsyncFunction {

    /** Always throws. */
    public ThrowingConstructor() {
        throw new IllegalStateException("constructor thrown on purpose");
    }

    @Override
    public Future<FunctionResponse> handle(FunctionRequest request, FunctionContext context) {
        return Future.succeededFuture(FunctionResponse.text("unreachable"));
    }
}
