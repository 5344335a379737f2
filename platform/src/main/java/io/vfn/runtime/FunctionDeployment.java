package io.vfn.runtime;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.ThreadingModel;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vfn.catalog.FunctionSpec;
import io.vfn.catalog.Revision;
import io.vfn.sdk.Addresses;
import io.vfn.sdk.FunctionVerticle;
import io.vfn.sdk.VfnFunction;
import io.vfn.sdk.impl.DeploymentSecrets;
import io.vfn.sdk.impl.HandlerVerticle;
import io.vfn.sdk.impl.InstanceConfig;
import io.vfn.sdk.impl.NodeInflight;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * One version of one function on this node: its class loader, its verticle instances and, for blocking
 * functions, its worker pool. Started before the version it replaces is stopped, so an update drops no call.
 */
final class FunctionDeployment {

    private static final System.Logger LOG = System.getLogger(FunctionDeployment.class.getName());
    private static final long POOL_HOLD_MS = 10_000;

    private final Vertx vertx;
    private final String nodeId;
    private final String name;
    private final Revision revision;
    private final boolean inForce;
    private final Path jar;
    private final SecretValues secrets;
    private final String key;
    /** The calls in flight of its instances, shared with them (read on every local dispatch). */
    private final NodeInflight inflight;

    private final java.time.Instant started = java.time.Instant.now();
    private FunctionClassLoader loader;
    private ExecutorService workers;
    private String deploymentId;
    private io.vertx.core.WorkerExecutor poolHold;

    /**
     * @param vertx    the node
     * @param nodeId   the node's id in the cluster, which its instances name in every answer
     * @param name     the function's name
     * @param revision the revision to run
     * @param inForce  whether it is the revision in force, which also consumes the function's own address
     * @param jar      the revision's jar on this node
     * @param secrets  the values of the secrets its spec names
     * @param serial   a number no other deployment on this node had
     */
    FunctionDeployment(
            Vertx vertx,
            String nodeId,
            String name,
            Revision revision,
            boolean inForce,
            Path jar,
            SecretValues secrets,
            long serial) {
        this.vertx = vertx;
        this.nodeId = nodeId;
        this.name = name;
        this.revision = revision;
        this.inForce = inForce;
        this.jar = jar;
        this.secrets = secrets;
        this.key = name + "@" + revision.number() + (inForce ? "" : "-aside") + "#" + serial;
        this.inflight = NodeInflight.of(vertx, key);
    }

    /** @return the revision it runs */
    Revision revision() {
        return revision;
    }

    /** @return when its instances started on this node */
    java.time.Instant started() {
        return started;
    }

    /** @return whether it is the revision in force (and consumes the function's own address) */
    boolean inForce() {
        return inForce;
    }

    /** @return calls in flight on this node */
    int inflight() {
        return inflight.current();
    }

    /** @return whether its instances take one more call now (below their concurrency on this node) */
    boolean hasRoom() {
        return inflight.current() < revision.spec().concurrency();
    }

    /** Loads the class and deploys the instances; completes when every instance consumes its address. */
    Future<FunctionDeployment> start() {
        FunctionSpec spec = revision.spec();
        String[] className = new String[1];
        return vertx.executeBlocking(() -> {
                    openSecrets(spec);
                    className[0] = JarInspector.className(jar, spec.handler());
                    loader = new FunctionClassLoader(
                            name + "@" + revision.number() + "@"
                                    + revision.version().substring(0, 12),
                            jar);
                    FunctionKind kind = JarInspector.kindOf(loader, className[0]);
                    JarInspector.checkThreading(kind, spec);
                    return kind;
                })
                .compose(kind -> {
                    DeploymentOptions options = new DeploymentOptions()
                            .setInstances(spec.instances())
                            .setClassLoader(loader)
                            .setConfig(config(spec));
                    boolean onWorkers =
                            kind == FunctionKind.BLOCKING || spec.blocking().orElse(false);
                    Supplier<FunctionVerticle> instance;
                    if (onWorkers) {
                        // Calls run on the function's worker pool; the instances on Vert.x's loops only hand them over.
                        workers = workerPool(spec.concurrency());
                        instance = () -> new HandlerVerticle((VfnFunction) newInstance(className[0]), workers, true);
                    } else {
                        if (!spec.eventLoop()) {
                            // Non-blocking functions run serially per instance, as on an event loop, but on a small
                            // pool of their own: one that blocks by mistake stalls only itself, never the gateway or
                            // other functions. (With eventLoop, each instance runs on one of the node's loops, and a
                            // call that loop took runs there with no thread hand-off: see LocalInstances.)
                            options.setThreadingModel(ThreadingModel.WORKER)
                                    // A name of this deployment's own: a pool of a name Vert.x closed before (the same
                                    // version deployed again, as a rollback does) would be handed out terminated.
                                    .setWorkerPoolName("vfn-fn-" + key)
                                    .setWorkerPoolSize(spec.instances());
                            // Held past the undeploy: see stop().
                            poolHold = vertx.createSharedWorkerExecutor("vfn-fn-" + key, spec.instances());
                        }
                        instance = kind == FunctionKind.VERTICLE
                                ? () -> (FunctionVerticle) newInstance(className[0])
                                : () -> new HandlerVerticle((VfnFunction) newInstance(className[0]), null, false);
                    }
                    return vertx.deployVerticle(instance, options).map(id -> {
                        deploymentId = id;
                        return this;
                    });
                })
                .recover(e -> release().transform(v -> Future.failedFuture(e)));
    }

    /** Stops taking calls, waits for those in flight, then releases the class loader and the pool. */
    Future<Void> stop() {
        Future<Void> undeployed = deploymentId == null ? Future.succeededFuture() : vertx.undeploy(deploymentId);
        return undeployed
                .recover(e -> {
                    LOG.log(System.Logger.Level.WARNING, "undeploying " + key + " failed: " + e.getMessage());
                    return Future.succeededFuture();
                })
                .compose(v -> release())
                .onComplete(v -> {
                    // Writes of the last replies complete on the instances' context after they were made; were its pool
                    // gone,
                    // such a completion would fail the cluster connection it went over, and every call on that
                    // connection
                    // with it. The pool is let go a while later.
                    if (poolHold != null) {
                        vertx.setTimer(POOL_HOLD_MS, id -> poolHold.close());
                    }
                });
    }

    /** Hands the instances the values of the secrets the spec names, before any of them starts. Blocking. */
    private void openSecrets(FunctionSpec spec) {
        DeploymentSecrets values = DeploymentSecrets.of(vertx, key);
        values.mayRead(spec.secrets());
        for (String name : spec.secrets()) {
            secrets.value(name).ifPresent(value -> values.put(name, value));
        }
    }

    private Future<Void> release() {
        NodeInflight.remove(vertx, key);
        DeploymentSecrets.remove(vertx, key);
        if (workers != null) {
            workers.shutdownNow();
        }
        if (loader == null) {
            return Future.succeededFuture();
        }
        return vertx.executeBlocking(() -> {
            try {
                loader.close();
            } catch (IOException e) {
                LOG.log(
                        System.Logger.Level.WARNING,
                        "closing the class loader of " + key + " failed: " + e.getMessage());
            }
            return null;
        });
    }

    private JsonObject config(FunctionSpec spec) {
        List<String> addresses = inForce
                ? List.of(Addresses.revision(name, revision.number()), Addresses.function(name))
                : List.of(Addresses.revision(name, revision.number()));
        return new InstanceConfig(
                        name,
                        spec.env(),
                        spec.concurrency(),
                        spec.timeout().toMillis(),
                        key,
                        addresses,
                        OptionalInt.of(revision.number()),
                        Optional.of(nodeId))
                .toJson();
    }

    private Object newInstance(String className) {
        try {
            return Class.forName(className, true, loader).getConstructor().newInstance();
        } catch (InvocationTargetException e) {
            throw new IllegalStateException(className + "'s constructor failed: " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot create " + className + ": " + e, e);
        }
    }

    private ExecutorService workerPool(int size) {
        AtomicInteger count = new AtomicInteger();
        ThreadPoolExecutor pool =
                new ThreadPoolExecutor(size, size, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), task -> {
                    Thread thread = new Thread(task, "vfn-fn-" + name + "-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    thread.setContextClassLoader(loader);
                    return thread;
                });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }
}
