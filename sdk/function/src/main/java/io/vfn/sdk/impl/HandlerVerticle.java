package io.vfn.sdk.impl;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vfn.sdk.AsyncFunction;
import io.vfn.sdk.BlockingFunction;
import io.vfn.sdk.FunctionException;
import io.vfn.sdk.FunctionRequest;
import io.vfn.sdk.FunctionResponse;
import io.vfn.sdk.FunctionVerticle;
import io.vfn.sdk.VfnFunction;
import java.util.concurrent.ExecutorService;

/**
 * One instance of an {@link AsyncFunction} or {@link BlockingFunction}: a {@link FunctionVerticle} (whose
 * {@link CallConsumer} keeps limits, timeout and drain) around the user's object. Async functions run on this
 * verticle's own worker context; blocking ones on the deployment's own worker pool, interrupted when they outlive the
 * call's deadline. The platform deploys it on a node, the test kit's {@link io.vfn.sdk.testing.FunctionHarness} on a
 * plain Vert.x.
 */
public final class HandlerVerticle extends FunctionVerticle {

    private final VfnFunction function;
    private final ExecutorService workers;
    private final boolean onWorkers;

    /**
     * @param function  the user's object, one per instance
     * @param workers   the deployment's worker pool
     * @param onWorkers whether calls run on the pool (blocking functions, or a spec that says {@code blocking})
     */
    public HandlerVerticle(VfnFunction function, ExecutorService workers, boolean onWorkers) {
        this.function = function;
        this.workers = workers;
        this.onWorkers = onWorkers;
    }

    @Override
    protected Future<?> setUp() {
        return vertx.executeBlocking(() -> {
            function.init(functionContext());
            return null;
        });
    }

    @Override
    protected Future<?> tearDown() {
        return vertx.executeBlocking(() -> {
            function.close();
            return null;
        });
    }

    @Override
    protected Future<FunctionResponse> handle(FunctionRequest request) {
        if (!onWorkers) {
            return ((AsyncFunction) function).handle(request, functionContext());
        }
        Context caller = context;
        CallTag tag = CallTag.of(vertx, functionContext().name(), request);
        Promise<FunctionResponse> outcome = Promise.promise();
        java.util.concurrent.Future<?> task = workers.submit(() -> {
            try {
                // The worker thread is not the call's context: the tag goes along by hand.
                FunctionResponse response = tag.call(() -> runOnThisThread(request));
                caller.runOnContext(v -> outcome.tryComplete(response));
            } catch (Throwable e) {
                caller.runOnContext(v -> outcome.tryFail(e));
            }
        });
        long remaining = request.deadline().toEpochMilli() - System.currentTimeMillis();
        long timer = vertx.setTimer(Math.max(1, Math.min(remaining, Integer.MAX_VALUE)), id -> {
            // The call timed out (504) before the interrupt below makes the function fail (which would read as 502).
            outcome.tryFail(new FunctionException(504, "the function did not answer within its timeout"));
            task.cancel(true);
        });
        return outcome.future().onComplete(done -> vertx.cancelTimer(timer));
    }

    private FunctionResponse runOnThisThread(FunctionRequest request) throws Exception {
        if (function instanceof BlockingFunction blocking) {
            return blocking.handle(request, functionContext());
        }
        return ((AsyncFunction) function).handle(request, functionContext()).await();
    }
}
