package io.vfn.testfunctions;

import io.vfn.sdk.BlockingFunction;
import io.vfn.sdk.FunctionContext;
import io.vfn.sdk.FunctionRequest;
import io.vfn.sdk.FunctionResponse;

/** Always throws. */
public final class Thrower implements BlockingFunction {
    @Override
    public FunctionResponse handle(FunctionRequest request, FunctionContext context) {
        throw new IllegalStateException("thrown on purpose");
    }
}
