package io.vfn.sdk.testing;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.ThreadingModel;
import io.vertx.core.Vertx;
import io.vfn.sdk.BlockingFunction;
import io.vfn.sdk.FunctionRequest;
import io.vfn.sdk.FunctionResponse;
import io.vfn.sdk.FunctionVerticle;
import io.vfn.sdk.VfnFunction;
import io.vfn.sdk.impl.DeploymentSecrets;
import io.vfn.sdk.impl.HandlerVerticle;
import io.vfn.sdk.impl.InstanceConfig;
import io.vfn.sdk.impl.Wire;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Runs a function on a plain Vert.x of its own, the way a node runs it: the same verticles, the spec's limits
 * (timeout: {@code 504} and a blocking function's thread interrupted; concurrency: {@code 429}; instances), its env
 * and secrets, calls over the event bus. No node, no cluster, no jar.
 *
 * <pre>{@code
 * try (FunctionHarness harness = FunctionHarness.start(Sleep::new, new HarnessOptions().timeout(Duration.ofMillis(200)))) {
 *     Future<FunctionResponse> call = harness.invoke(FunctionRequest.builder().query("ms", "5000").build());
 *     assertThat(call.await()) ... // fails with a FunctionException whose status() is 504
 * }
 * }</pre>
 * A call the platform would refuse or fail fails here with a {@link io.vfn.sdk.FunctionException} whose
 * {@code status()} is the status a caller would see ({@code 400}, {@code 429}, {@code 502}, {@code 504}); a
 * function's own 4xx/5xx is an ordinary response.
 */
public final class FunctionHarness implements AutoCloseable {

    private static final long START_SECONDS = 60;

    private final Vertx vertx;
    private final HarnessOptions options;
    private final ExecutorService workers;

    private FunctionHarness(Vertx vertx, HarnessOptions options, ExecutorService workers) {
        this.vertx = vertx;
        this.options = options;
        this.workers = workers;
    }

    /**
     * @param function the function, one instance, default spec
     * @return a started harness
     */
    public static FunctionHarness start(VfnFunction function) {
        return start(() -> function, new HarnessOptions());
    }

    /**
     * @param functions makes one function object per instance, as the platform does
     * @param options   the spec
     * @return a started harness
     */
    public static FunctionHarness start(Supplier<? extends VfnFunction> functions, HarnessOptions options) {
        // The first object tells the kind; it serves as the first instance.
        AtomicReference<VfnFunction> first = new AtomicReference<>(functions.get());
        boolean onWorkers =
                first.get() instanceof BlockingFunction || options.blocking().orElse(false);
        ExecutorService workers = onWorkers ? workerPool(options) : null;
        Supplier<FunctionVerticle> instances = () -> {
            VfnFunction function = first.getAndSet(null);
            return new HandlerVerticle(function != null ? function : functions.get(), workers, onWorkers);
        };
        DeploymentOptions deployment = deploymentOptions(options);
        if (!onWorkers) {
            // As on a node: serially per instance, on a small pool of the function's own.
            deployment
                    .setThreadingModel(ThreadingModel.WORKER)
                    .setWorkerPoolName("vfn-test-" + options.name())
                    .setWorkerPoolSize(options.instances());
        }
        return deploy(instances, deployment, options, workers);
    }

    /**
     * @param verticles makes one verticle per instance
     * @param options   the spec
     * @return a started harness running a function written as a {@link FunctionVerticle}
     */
    public static FunctionHarness startVerticle(
            Supplier<? extends FunctionVerticle> verticles, HarnessOptions options) {
        return deploy(verticles, deploymentOptions(options), options, null);
    }

    /**
     * Calls the function over the event bus, with the spec's timeout as its deadline (or the request's, if sooner).
     *
     * @param request the call
     * @return the function's response, or a failure as a caller would see it
     */
    public Future<FunctionResponse> invoke(FunctionRequest request) {
        long deadline = Math.min(
                request.deadline().toEpochMilli(),
                System.currentTimeMillis() + options.timeout().toMillis());
        return Wire.invoke(vertx.eventBus(), options.name(), request, deadline);
    }

    /**
     * @param body a {@code POST}'s body
     * @return the function's response, as {@link #invoke(FunctionRequest)}
     */
    public Future<FunctionResponse> invoke(String body) {
        return invoke(FunctionRequest.builder().body(body).build());
    }

    /** @return the Vert.x the function runs on (for its timers, or to start a server it calls) */
    public Vertx vertx() {
        return vertx;
    }

    /** Stops the function (its {@code close} runs) and its Vert.x. */
    @Override
    public void close() {
        try {
            vertx.close().await(START_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new IllegalStateException("the harness's Vert.x did not close within " + START_SECONDS + " s", e);
        } finally {
            if (workers != null) {
                workers.shutdownNow();
            }
        }
    }

    private static FunctionHarness deploy(
            Supplier<? extends FunctionVerticle> instances,
            DeploymentOptions deployment,
            HarnessOptions options,
            ExecutorService workers) {
        Vertx vertx = Vertx.vertx();
        String deploymentId = options.name() + "@test";
        DeploymentSecrets secrets = DeploymentSecrets.of(vertx, deploymentId);
        secrets.mayRead(options.secrets().keySet());
        options.secrets().forEach(secrets::put);
        deployment.setConfig(InstanceConfig.of(
                        options.name(),
                        options.env(),
                        options.concurrency(),
                        options.timeout().toMillis(),
                        deploymentId)
                .toJson());
        FunctionHarness harness = new FunctionHarness(vertx, options, workers);
        try {
            vertx.deployVerticle(instances::get, deployment).await(START_SECONDS, TimeUnit.SECONDS);
            return harness;
        } catch (TimeoutException e) {
            harness.close();
            throw new IllegalStateException("the function did not start within " + START_SECONDS + " s", e);
        } catch (RuntimeException e) {
            harness.close();
            throw e;
        }
    }

    private static DeploymentOptions deploymentOptions(HarnessOptions options) {
        return new DeploymentOptions().setInstances(options.instances());
    }

    private static ExecutorService workerPool(HarnessOptions options) {
        AtomicInteger count = new AtomicInteger();
        return Executors.newFixedThreadPool(options.concurrency(), task -> {
            Thread thread = new Thread(task, "vfn-test-" + options.name() + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }
}
