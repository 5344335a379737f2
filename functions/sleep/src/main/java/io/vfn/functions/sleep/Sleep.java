package io.vfn.functions.sleep;

import io.vfn.sdk.BlockingFunction;
import io.vfn.sdk.FunctionContext;
import io.vfn.sdk.FunctionRequest;
import io.vfn.sdk.FunctionResponse;

/**
 * Blocking: sleeps the milliseconds given in {@code ms} (default 100), then says so. Interrupted when the call
 * outlives its timeout.
 *
 * <pre>curl -X POST 'http://127.0.0.1:8080/function/sleep?ms=250'</pre>
 */
public final class Sleep implements BlockingFunction {

    static final long MAX_MS = 600_000;

    @Override
    public FunctionResponse handle(FunctionRequest request, FunctionContext context) throws InterruptedException {
        long ms;
        try {
            ms = Long.parseLong(request.queryParam("ms").orElse("100"));
        } catch (NumberFormatException e) {
            ms = -1;
        }
        if (ms < 0 || ms > MAX_MS) {
            return FunctionResponse.text("ms must be between 0 and " + MAX_MS).statusCode(400);
        }
        Thread.sleep(ms);
        return FunctionResponse.text("slept " + ms + " ms");
    }
}
