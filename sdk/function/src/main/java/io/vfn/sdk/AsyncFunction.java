package io.vfn.sdk;

import io.vertx.core.Future;

/**
 * A non-blocking function: runs on an event loop and answers with a {@link Future}.
 *
 * <pre>{@code
 * public final class Echo implements AsyncFunction {
 *     public Future<FunctionResponse> handle(FunctionRequest request, FunctionContext context) {
 *         return Future.succeededFuture(FunctionResponse.ok().body(request.body()));
 *     }
 * }
 * }</pre>
 * Never block in {@link #handle}: use {@link FunctionContext#vertx()} for timers, clients and
 * {@link FunctionContext#invoke} for other functions.
 */
public interface AsyncFunction extends VfnFunction {

    /**
     * Handles one call.
     *
     * @param request the caller's method, sub-path, query, headers and body
     * @param context the function's context
     * @return the future response; a failed future becomes a {@code 502} for the caller
     */
    Future<FunctionResponse> handle(FunctionRequest request, FunctionContext context);
}
