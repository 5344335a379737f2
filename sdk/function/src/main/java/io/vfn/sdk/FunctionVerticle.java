package io.vfn.sdk;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vfn.sdk.impl.CallConsumer;
import io.vfn.sdk.impl.InstanceConfig;

/**
 * A function written as a plain verticle: each instance answers the calls it receives from {@link #handle}. Use it
 * when a function wants the verticle life cycle itself (its own timers, state kept between calls, work at start and
 * stop); otherwise prefer {@link AsyncFunction}.
 *
 * <pre>{@code
 * public final class Counter extends FunctionVerticle {
 *     private long count;
 *     protected Future<FunctionResponse> handle(FunctionRequest request) {
 *         return Future.succeededFuture(FunctionResponse.text(Long.toString(++count)));
 *     }
 * }
 * }</pre>
 * The platform deploys it {@code instances} times, each on a worker context of its own (a small pool of the function's
 * own, never the gateway's event loops) that runs one task at a time: {@link #handle} and the callbacks it registers
 * never run at once, so an instance's state needs no locks. The platform keeps the function's timeout ({@code 504})
 * and its in-flight limit per node ({@code 429}); on undeploy the instance stops taking calls and waits for the ones
 * it runs before {@link #tearDown}.
 */
public abstract class FunctionVerticle extends VerticleBase {

    private CallConsumer calls;

    /**
     * Handles one call on this instance's context; it should not block (while it blocks, the instance runs nothing
     * else).
     *
     * @param request the call
     * @return the response; a failed future becomes a {@code 502} (a {@link FunctionException} its status)
     */
    protected abstract Future<FunctionResponse> handle(FunctionRequest request);

    /** @return this function's context (name, env, secrets, logger, invoke), set before {@link #setUp} runs */
    protected final FunctionContext functionContext() {
        if (calls == null) {
            throw new IllegalStateException("the function's context is set when the instance starts");
        }
        return calls.functionContext();
    }

    /**
     * Called once before the instance takes calls; the default does nothing.
     *
     * @return the future of the set-up; a failure fails the deployment
     */
    protected Future<?> setUp() {
        return Future.succeededFuture();
    }

    /**
     * Called once after the last call; the default does nothing.
     *
     * @return the future of the tear-down
     */
    protected Future<?> tearDown() {
        return Future.succeededFuture();
    }

    @Override
    public final Future<?> start() {
        calls = CallConsumer.create(vertx, context, InstanceConfig.from(config()), this::handle);
        return setUp().compose(v -> calls.start());
    }

    @Override
    public final Future<?> stop() {
        return calls.stop().compose(v -> tearDown());
    }
}
