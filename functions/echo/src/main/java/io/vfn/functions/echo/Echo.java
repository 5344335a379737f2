package io.vfn.functions.echo;

import io.vertx.core.Future;
import io.vfn.sdk.AsyncFunction;
import io.vfn.sdk.FunctionContext;
import io.vfn.sdk.FunctionRequest;
import io.vfn.sdk.FunctionResponse;

/**
 * Answers the body and its content type back.
 *
 * <pre>curl -d hi http://127.0.0.1:8080/function/echo</pre>
 */
public final class Echo implements AsyncFunction {

    @Override
    public Future<FunctionResponse> handle(FunctionRequest request, FunctionContext context) {
        String contentType = request.contentType().orElse("application/octet-stream");
        return Future.succeededFuture(
                FunctionResponse.ok().header("Content-Type", contentType).body(request.body()));
    }
}
