package io.vfn.testfunctions;

import io.vertx.core.Future;
import io.vfn.sdk.AsyncFunction;
import io.vfn.sdk.FunctionContext;
import io.vfn.sdk.FunctionRequest;
import io.vfn.sdk.FunctionResponse;
import picocli.CommandLine;

/** Answers the version of the picocli it runs with (the platform uses picocli too, in another version). */
public final class PicocliVersion implements AsyncFunction {
    @Override
    public Future<FunctionResponse> handle(FunctionRequest request, FunctionContext context) {
        try {
            // Read at run time: the compiler would inline the constant of the version compiled against.
            return Future.succeededFuture(FunctionResponse.text(
                    (String) CommandLine.class.getField("VERSION").get(null)));
        } catch (ReflectiveOperationException e) {
            return Future.failedFuture(e);
        }
    }
}
