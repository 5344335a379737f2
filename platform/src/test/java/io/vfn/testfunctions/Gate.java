package io.vfn.testfunctions;

import io.vfn.sdk.BlockingFunction;
import io.vfn.sdk.FunctionContext;
import io.vfn.sdk.FunctionRequest;
import io.vfn.sdk.FunctionResponse;

/** Holds its worker thread for {@code ?ms=} milliseconds (or as many as the body says), then answers {@code passed}. */
public final class Gate implements BlockingFunction {
    @Override
    public FunctionResponse handle(FunctionRequest request, FunctionContext context) throws InterruptedException {
        String body = request.bodyAsString().trim();
        Thread.sleep(Long.parseLong(request.queryParam("ms").orElse(body.isEmpty() ? "0" : body)));
        return FunctionResponse.text("passed");
    }
}
