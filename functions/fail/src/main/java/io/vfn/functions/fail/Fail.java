package io.vfn.functions.fail;

import io.vertx.core.Future;
import io.vfn.sdk.AsyncFunction;
import io.vfn.sdk.FunctionContext;
import io.vfn.sdk.FunctionRequest;
import io.vfn.sdk.FunctionResponse;

/**
 * Fails on purpose: throws (the caller gets the platform's {@code 502}), or with {@code ?status=NNN} answers that
 * status itself (passed through as it is).
 *
 * <pre>curl -i -X POST 'http://127.0.0.1:8080/function/fail?status=503'</pre>
 */
public final class Fail implements AsyncFunction {

    @Override
    public Future<FunctionResponse> handle(FunctionRequest request, FunctionContext context) {
        String status = request.queryParam("status").orElse(null);
        if (status == null) {
            throw new IllegalStateException("fail was asked to fail");
        }
        int code;
        try {
            code = Integer.parseInt(status);
        } catch (NumberFormatException e) {
            code = 0;
        }
        if (code < 100 || code > 599) {
            return Future.succeededFuture(
                    FunctionResponse.text("status must be between 100 and 599").statusCode(400));
        }
        return Future.succeededFuture(
                FunctionResponse.text("failing with " + code + " as asked").statusCode(code));
    }
}
