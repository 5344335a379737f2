package io.vfn.testfunctions;

import io.vertx.core.Future;
import io.vfn.sdk.AsyncFunction;
import io.vfn.sdk.FunctionContext;
import io.vfn.sdk.FunctionRequest;
import io.vfn.sdk.FunctionResponse;
import java.lang.System.Logger.Level;
import java.util.logging.Logger;

/**
 * Logs its body through its context's logger and through JUL, {@code ?lines=N} times (default once), then answers
 * the process id of the node that ran it; with {@code ?fail=true} it throws instead of answering.
 */
public final class Chatty implements AsyncFunction {
    @Override
    public Future<FunctionResponse> handle(FunctionRequest request, FunctionContext context) {
        int lines = Integer.parseInt(request.queryParam("lines").orElse("1"));
        String pid = Long.toString(ProcessHandle.current().pid());
        for (int i = 0; i < lines; i++) {
            context.logger().log(Level.INFO, "said " + request.bodyAsString() + " #" + i);
        }
        Logger.getLogger("chatty.jul").info("jul " + request.bodyAsString() + " on " + pid);
        if (request.queryParam("fail").isPresent()) {
            throw new IllegalStateException("failed on purpose");
        }
        return Future.succeededFuture(FunctionResponse.text(pid));
    }
}
