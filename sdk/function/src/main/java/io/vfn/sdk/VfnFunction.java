package io.vfn.sdk;

/**
 * A vfn function: the code a jar contributes to the platform, in one of two styles.
 * <ul>
 *   <li>{@link AsyncFunction}: answers with a {@code Future}; each instance runs one task at a time on a worker
 *       context of its own (a small pool of the function's own, never the gateway's event loops), so it should not
 *       block: while it blocks, its instance runs nothing else;</li>
 *   <li>{@link BlockingFunction}: returns the response; runs on a worker thread of the function's own pool, sized by
 *       its {@code concurrency}, so it may block.</li>
 * </ul>
 * A function that wants the verticle life cycle itself extends {@link FunctionVerticle} instead.
 *
 * <p>A jar names its function(s) in {@code META-INF/services/io.vfn.sdk.VfnFunction}, one class per line. The
 * platform creates one object per instance, calls {@link #init} once before the first call and {@link #close} once
 * after the last.
 */
public sealed interface VfnFunction permits AsyncFunction, BlockingFunction {

    /**
     * Called once per instance before the first call, on a worker thread: it may block (open a pool, load a
     * model). A failure here fails the deployment.
     *
     * @param context the function's name, env, logger and Vert.x instance
     * @throws Exception when the instance cannot start
     */
    default void init(FunctionContext context) throws Exception {}

    /**
     * Called once per instance after its last call, on a worker thread: release what {@link #init} took.
     *
     * @throws Exception reported and otherwise ignored
     */
    default void close() throws Exception {}
}
