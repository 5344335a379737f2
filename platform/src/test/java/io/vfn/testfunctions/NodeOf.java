package io.vfn.testfunctions;

import io.vertx.core.Future;
import io.vfn.sdk.AsyncFunction;
import io.vfn.sdk.FunctionContext;
import io.vfn.sdk.FunctionRequest;
import io.vfn.sdk.FunctionResponse;

/** Answers which node ran it (the identity of its Vert.x instance): nodes in one test JVM share a process id. */
public final class NodeOf implements AsyncFunction {

    /**
     * @param vertx a node's Vert.x
     * @return what this function answers on that node
     */
    public static String of(io.vertx.core.Vertx vertx) {
        return Integer.toString(System.identityHashCode(vertx));
    }

    @Override
    public Future<FunctionResponse> handle(FunctionRequest request, FunctionContext context) {
        return Future.succeededFuture(FunctionResponse.text(of(context.vertx())));
    }
}
