package io.vfn.sdk;

import io.vertx.core.Future;

/**
 * A non-blocking function: answers with a {@link Future}. Each instance runs on a worker context of its own (a small
 * pool of the function's own, never the gateway's event loops; with the spec's {@code eventLoop}, on one of the node's
 * event loops, where the calls that loop reads run with no thread hand-off), one task at a time: {@link #handle} and
 * the Vert.x callbacks it registers there never run at once, so an instance's state needs no locks, and it may have
 * many calls in flight.
 *
 * <pre>{@code
 * public final class Echo implements AsyncFunction {
 *     public Future<FunctionResponse> handle(FunctionRequest request, FunctionContext context) {
 *         return Future.succeededFuture(FunctionResponse.ok().body(request.body()));
 *     }
 * }
 * }</pre>
 * Do not block in {@link #handle}: while it blocks, its instance runs nothing else (with {@code eventLoop}, neither
 * does its event loop). Use
 * {@link FunctionContext#vertx()} for timers and clients, {@link FunctionContext#invoke} for other functions, and
 * {@link BlockingFunction} for code that must block.
 */
public non-sealed interface AsyncFunction extends VfnFunction {

    /**
     * Handles one call.
     *
     * @param request the caller's method, sub-path, query, headers and body
     * @param context the function's context
     * @return the future response; a failed future becomes a {@code 502} for the caller (a {@link FunctionException}
     *     its status)
     */
    Future<FunctionResponse> handle(FunctionRequest request, FunctionContext context);
}
