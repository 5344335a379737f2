package io.vfn.runtime;

import io.netty.channel.DefaultEventLoopGroup;
import io.netty.channel.EventLoopGroup;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VerticleBase;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.json.JsonObject;
import io.vertx.core.spi.VertxThreadFactory;
import io.vfn.sdk.FunctionVerticle;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Event loops of one function deployment's own, one thread per instance. A non-blocking function runs on an
 * event loop as it should, but a function that blocks its loop (or never yields) stalls only itself: not the
 * gateway, not other functions, which all run on other threads.
 */
final class IsolatedLoops {

    private final Vertx vertx;
    private final EventLoopGroup group;
    private final List<Running> running = new ArrayList<>();

    private record Running(VerticleBase verticle, ContextInternal context) {
    }

    /**
     * @param vertx     the node
     * @param name      names the threads ({@code vfn-fn-<name>-N})
     * @param instances how many loops (one per instance)
     */
    IsolatedLoops(Vertx vertx, String name, int instances) {
        this.vertx = vertx;
        AtomicInteger count = new AtomicInteger();
        this.group = new DefaultEventLoopGroup(instances, task -> {
            Thread thread = VertxThreadFactory.INSTANCE.newVertxThread(task, "vfn-fn-" + name + "-" + count.incrementAndGet(),
                false, 2, TimeUnit.SECONDS);
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Starts one verticle per loop, each on a context bound to its loop and the function's class loader.
     *
     * @param instances   how many
     * @param verticles   creates one instance
     * @param config      the instances' config
     * @param classLoader the function's class loader (the contexts' TCCL)
     * @return completes when every instance started
     */
    Future<Void> deploy(int instances, Supplier<? extends VerticleBase> verticles, JsonObject config, ClassLoader classLoader) {
        List<Future<?>> starts = new ArrayList<>();
        for (int i = 0; i < instances; i++) {
            ContextInternal context = ((VertxInternal) vertx).contextBuilder()
                .withEventLoop(group.next())
                .withClassLoader(classLoader)
                .build();
            context.put(FunctionVerticle.CONTEXT_CONFIG_KEY, config);
            VerticleBase verticle = verticles.get();
            Promise<Object> started = Promise.promise();
            context.runOnContext(v -> {
                try {
                    verticle.init(vertx, context);
                    verticle.start().onComplete(ar -> {
                        if (ar.succeeded()) {
                            started.complete();
                        } else {
                            started.fail(ar.cause());
                        }
                    });
                } catch (Exception e) {
                    started.fail(e);
                }
            });
            running.add(new Running(verticle, context));
            starts.add(started.future());
        }
        return Future.all(starts).mapEmpty();
    }

    /**
     * Stops every instance on its own loop, then ends the loops. A loop its function keeps blocked never ends;
     * its thread is a daemon and is left behind.
     *
     * @return completes when every instance stopped
     */
    Future<Void> undeploy() {
        List<Future<?>> stops = new ArrayList<>();
        for (Running instance : running) {
            Promise<Object> stopped = Promise.promise();
            instance.context().runOnContext(v -> {
                try {
                    instance.verticle().stop().onComplete(ar -> stopped.complete());
                } catch (Exception e) {
                    stopped.complete();
                }
            });
            stops.add(stopped.future());
        }
        running.clear();
        return Future.join(stops).onComplete(done -> group.shutdownGracefully(0, 1, TimeUnit.SECONDS)).mapEmpty();
    }
}
