package io.vfn.sdk;

/**
 * A blocking function: runs on a worker thread of the function's own pool, so it may do blocking I/O or
 * long computations. At most {@code concurrency} calls run at once on a node.
 *
 * <pre>{@code
 * public final class Sleep implements BlockingFunction {
 *     public FunctionResponse handle(FunctionRequest request, FunctionContext context) throws Exception {
 *         Thread.sleep(Long.parseLong(request.queryParam("ms").orElse("100")));
 *         return FunctionResponse.text("slept");
 *     }
 * }
 * }</pre>
 * A call that outlives the function's timeout is answered {@code 504} and its thread is interrupted.
 */
public non-sealed interface BlockingFunction extends VfnFunction {

    /**
     * Handles one call on a worker thread.
     *
     * @param request the caller's method, sub-path, query, headers and body
     * @param context the function's context
     * @return the response
     * @throws Exception any failure becomes a {@code 502} for the caller (a {@link FunctionException} its status)
     */
    FunctionResponse handle(FunctionRequest request, FunctionContext context) throws Exception;
}
