package io.vfn.sdk;

/**
 * A vfn function: the code a jar contributes to the platform.
 *
 * <p>Implement one of its two styles, never this interface directly:
 * <ul>
 *   <li>{@link AsyncFunction}: returns a {@code Future} and runs on an event loop; it must never block;</li>
 *   <li>{@link BlockingFunction}: returns the response and runs on a worker thread of the function's own pool,
 *       sized by its {@code concurrency}.</li>
 * </ul>
 * A jar names its function(s) in {@code META-INF/services/io.vfn.sdk.VfnFunction}, one class per line. The
 * platform creates one object per instance, calls {@link #init} once before the first call and
 * {@link #close} once after the last.
 */
public interface VfnFunction {

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
