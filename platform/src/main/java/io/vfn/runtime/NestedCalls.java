package io.vfn.runtime;

import io.vertx.core.Future;
import io.vfn.VfnException;
import io.vfn.catalog.Catalog;
import io.vfn.sdk.FunctionException;
import io.vfn.sdk.FunctionRequest;
import io.vfn.sdk.FunctionResponse;
import io.vfn.sdk.impl.FunctionCalls;
import io.vfn.sdk.impl.QueryStrings;
import java.time.Instant;

/**
 * {@code FunctionContext.invoke} on a node: a function calling another goes through the {@link Invoker} like any
 * call, within the caller's deadline and in its trace (a new span of the trace of the call the function handles,
 * unless the request names a trace of its own). It goes on while the node drains (the caller is a call in flight).
 */
public final class NestedCalls implements FunctionCalls {

    private final Invoker invoker;
    private final Catalog catalog;

    /**
     * @param invoker the node's invoker
     * @param catalog the deployed functions
     */
    public NestedCalls(Invoker invoker, Catalog catalog) {
        this.invoker = invoker;
        this.catalog = catalog;
    }

    @Override
    public Future<FunctionResponse> invoke(String function, FunctionRequest request) {
        // Its trace: the request's own traceparent, else that of the call the function handles (TraceContext.forCall).
        Invocation call = new Invocation(
                request.method(),
                request.path(),
                QueryStrings.encode(request.query()),
                request.callId(),
                request.headers(),
                request.body());
        Future<Reply> reply;
        try {
            reply = invoker.invoke(catalog.require(function), call, epochMillis(request.deadline()));
        } catch (VfnException e) {
            reply = Future.failedFuture(e);
        }
        return reply.transform(answer -> answer.succeeded()
                ? Future.succeededFuture(FunctionResponse.of(
                        answer.result().status(),
                        answer.result().functionHeaders(),
                        answer.result().body()))
                : Future.failedFuture(forAuthors(CallFailures.of(function, answer.cause()))));
    }

    private static long epochMillis(Instant deadline) {
        try {
            return deadline.toEpochMilli();
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE; // no deadline of the caller's own (Instant.MAX)
        }
    }

    /**
     * The SDK's documented failure: its status, and (the calling function runs in the node, as trusted as the
     * platform) the other function's own cause.
     */
    private static FunctionException forAuthors(VfnException failure) {
        return new FunctionException(failure.failure().status(), failure.detailFor(true));
    }
}
