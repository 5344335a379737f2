package io.vfn.launcher;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.VertxOptions;
import io.vertx.core.internal.VertxInternal;
import io.vertx.core.json.JsonObject;
import io.vfn.access.InvokeKeys;
import io.vfn.callback.CallbackSigner;
import io.vfn.callback.DestinationGuard;
import io.vfn.catalog.Catalog;
import io.vfn.cluster.ClusterLinks;
import io.vfn.cluster.ClusteredVertx;
import io.vfn.cluster.InitialMembers;
import io.vfn.cluster.MemberAddresses;
import io.vfn.cluster.MemberWatch;
import io.vfn.cluster.NodeRegistry;
import io.vfn.cluster.NodeState;
import io.vfn.config.Secrets;
import io.vfn.config.VfnOptions;
import io.vfn.gateway.GatewayParts;
import io.vfn.gateway.GatewayVerticle;
import io.vfn.gateway.HttpBounds;
import io.vfn.logs.ClusterLogs;
import io.vfn.logs.NodeLogs;
import io.vfn.metrics.VfnMetrics;
import io.vfn.runtime.FunctionRuntime;
import io.vfn.runtime.Invoker;
import io.vfn.runtime.NestedCalls;
import io.vfn.scheduler.CallEvents;
import io.vfn.scheduler.CallIntake;
import io.vfn.scheduler.CallRecord;
import io.vfn.scheduler.CallRecovery;
import io.vfn.scheduler.CallRunner;
import io.vfn.scheduler.CallStore;
import io.vfn.scheduler.CallSubscriptions;
import io.vfn.scheduler.CallbackSender;
import io.vfn.scheduler.Calls;
import io.vfn.scheduler.RunningBytes;
import io.vfn.scheduler.Scheduler;
import io.vfn.scheduler.StoreBudget;
import io.vfn.sdk.impl.FunctionCalls;
import io.vfn.secret.SecretStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

/**
 * A running vfn node: clustered Vert.x, catalog, function runtime and HTTP gateway. Start it with
 * {@link #start(VfnOptions)}; {@link #close()} drains it and leaves the cluster.
 */
public final class VfnNode {

    private static final System.Logger LOG = System.getLogger(VfnNode.class.getName());
    private static final long UNSUBSCRIBED_GRACE_MS = 1_500;

    private final NodeContext context;
    private final int port;
    private final String subscriptionsDeployment;
    private final String schedulerDeployment;

    private VfnNode(NodeContext context, int port, String subscriptionsDeployment, String schedulerDeployment) {
        this.context = context;
        this.port = port;
        this.subscriptionsDeployment = subscriptionsDeployment;
        this.schedulerDeployment = schedulerDeployment;
    }

    /**
     * Starts a node; it reports ready once it joined, loaded the catalog and deployed every function.
     *
     * @param options the node's settings
     * @return the started node
     */
    public static Future<VfnNode> start(VfnOptions options) {
        Secrets secrets;
        CallbackSigner signer;
        try {
            Files.createDirectories(options.dataDir());
            clearScratch(options.dataDir().resolve("tmp"));
            secrets = Secrets.load(options);
            signer = CallbackSigner.create(secrets.callbackSecret(), options.callbackSecretPrevious());
        } catch (IOException e) {
            return Future.failedFuture(new UncheckedIOException("cannot use data directory " + options.dataDir(), e));
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
        VfnMetrics metrics = new VfnMetrics();
        NodeState state = new NodeState();
        return ClusteredVertx.start(options, metrics.registry()).compose(cluster -> {
            MemberWatch.install(cluster.clusterManager().getHazelcastInstance(), state);
            Catalog catalog = new Catalog(
                    cluster.vertx(),
                    cluster.clusterManager().getHazelcastInstance(),
                    options.dataDir(),
                    options.revisionsKept());
            SecretStore secretStore = new SecretStore(
                    cluster.vertx(),
                    cluster.clusterManager().getHazelcastInstance(),
                    options.dataDir(),
                    secrets.secretsKey());
            FunctionRuntime runtime = new FunctionRuntime(
                    cluster.vertx(), cluster.nodeId(), catalog::jarPath, metrics, secretStore::value);
            Invoker invoker = new Invoker(cluster.vertx(), catalog, state, runtime, metrics);
            FunctionCalls.register(cluster.vertx(), new NestedCalls(invoker, catalog));
            NodeContext.AsyncParts async =
                    asyncParts(cluster, options, signer, state, catalog, runtime, invoker, metrics);
            NodeRegistry nodes = new NodeRegistry(
                    cluster.vertx(),
                    cluster.clusterManager().getHazelcastInstance(),
                    cluster.nodeId(),
                    () -> describe(options, state, runtime, async.scheduler()));
            InvokeKeys keys =
                    new InvokeKeys(cluster.vertx(), cluster.clusterManager().getHazelcastInstance());
            NodeContext node = new NodeContext(
                    options,
                    secrets,
                    cluster,
                    metrics,
                    state,
                    catalog,
                    secretStore,
                    runtime,
                    invoker,
                    nodes,
                    async,
                    keys);
            metrics.nodeGauges(catalog::size, cluster::clusterSize);
            return cluster.vertx()
                    .deployVerticle(async.subscriptions())
                    .compose(subscriptions -> deployGateway(node)
                            .compose(port -> InitialMembers.await(
                                            cluster.vertx(),
                                            cluster::clusterSize,
                                            options.initialMembers(),
                                            options.initialWait())
                                    // Function logs before any function runs: its first lines are kept.
                                    .compose(v -> NodeLogs.start(cluster.vertx(), cluster.nodeId()))
                                    .compose(v -> cluster.vertx()
                                            .deployVerticle(new ClusterLinks(
                                                    cluster.clusterManager().getHazelcastInstance(), cluster.nodeId())))
                                    // Secrets first: a function that names one reads its value as it starts.
                                    .compose(logs -> secretStore.start(runtime::secretChanged))
                                    .compose(
                                            v -> MountedSecrets.set(cluster.vertx(), secretStore, options.secretsDir()))
                                    .compose(v -> keys.start())
                                    .compose(v -> catalog.start(
                                            options.runFunctions()
                                                    ? runtime::apply
                                                    : record -> Future.succeededFuture()))
                                    .compose(v -> CatalogSeeding.run(
                                            cluster.vertx(),
                                            cluster.clusterManager().getHazelcastInstance(),
                                            catalog,
                                            options))
                                    .compose(v -> cluster.vertx().deployVerticle(async.scheduler()))
                                    .compose(scheduler -> nodes.start().map(v -> {
                                        state.ready();
                                        return new VfnNode(node, port, subscriptions, scheduler);
                                    }))))
                    .recover(e -> {
                        // Fail now; the close goes on in the background (its callbacks may find the loops gone).
                        cluster.vertx().close();
                        return Future.failedFuture(e);
                    });
        });
    }

    /** @return the port the gateway listens on */
    public int port() {
        return port;
    }

    /** @return the node's shared parts */
    public NodeContext context() {
        return context;
    }

    /**
     * Drains and stops: reports not-ready, stops taking calls, waits for those in flight (up to the drain grace),
     * leaves the cluster.
     *
     * @return completes when the node is down
     */
    public Future<Void> close() {
        if (!context.state().isLive()) {
            // The member is gone: there is nothing to drain into or hand back to; only the local parts are left.
            return context.vertx().close();
        }
        context.state().draining();
        long graceMs = context.options().drainGrace().toMillis();
        long giveUpAt = System.currentTimeMillis() + graceMs;
        Future<Void> drained = context.vertx()
                .undeploy(schedulerDeployment)
                .transform(v -> context.runtime().stopAll())
                // Calls already on their way here when the consumers left get a "no handlers" answer (and go elsewhere)
                // only while the event bus is still up: give them, and the cluster's view of the consumers, a moment.
                // A node alone has no other member to send it calls, nor one for its callers to go to.
                .transform(v -> context.cluster().clusterSize() > 1
                        ? context.vertx().timer(UNSUBSCRIBED_GRACE_MS, TimeUnit.MILLISECONDS)
                        : Future.succeededFuture())
                .transform(v -> gatewayIdle(giveUpAt));
        context.vertx().undeploy(subscriptionsDeployment);
        // The result is completed from outside Vert.x's contexts: their loops are gone once Vert.x is closed.
        CompletableFuture<Void> closed = new CompletableFuture<>();
        Future.any(drained, context.vertx().timer(graceMs, TimeUnit.MILLISECONDS))
                .transform(v -> context.nodes().stop())
                .onComplete(v ->
                        context.vertx().close().toCompletionStage().whenComplete((ok, error) -> closed.complete(null)));
        return Future.fromCompletionStage(closed);
    }

    /** Waits until this node's gateway answered every sync call it took (calls it sent to other nodes too). */
    private Future<Void> gatewayIdle(long giveUpAt) {
        io.vertx.core.Promise<Void> idle = io.vertx.core.Promise.promise();
        context.vertx().setPeriodic(0, 20, id -> {
            if (context.state().callsInFlight() <= 0 || System.currentTimeMillis() >= giveUpAt) {
                context.vertx().cancelTimer(id);
                idle.tryComplete();
            }
        });
        return idle.future();
    }

    private static NodeContext.AsyncParts asyncParts(
            ClusteredVertx cluster,
            VfnOptions options,
            CallbackSigner signer,
            NodeState state,
            Catalog catalog,
            FunctionRuntime runtime,
            Invoker invoker,
            VfnMetrics metrics) {
        var hazelcast = cluster.clusterManager().getHazelcastInstance();
        CallStore calls = new CallStore(hazelcast, options.resultTtl());
        DestinationGuard guard = new DestinationGuard(
                options.callbackAllow(),
                new MemberAddresses(hazelcast),
                ((VertxInternal) cluster.vertx()).nameResolver()::resolve);
        CallbackSender callbacks =
                new CallbackSender(cluster.vertx(), calls, metrics, guard, signer, options.callbackTimeout());
        CallEvents events = new CallEvents(cluster.vertx());
        CallRunner runner = new CallRunner(
                cluster.vertx(),
                calls,
                catalog,
                metrics,
                cluster.nodeId(),
                callbacks,
                invoker,
                new ClusterLogs(cluster.vertx(), cluster::nodeIds),
                events,
                options.maxAsyncResult(),
                // As much as the request bodies in flight may hold, counted apart.
                new RunningBytes(options.maxInflightBody(), CallRecord.largestQueued(options.maxAsyncBody())));
        Scheduler scheduler = new Scheduler(
                cluster.clusterManager(),
                calls,
                catalog,
                runtime,
                metrics,
                runner,
                new CallRecovery(calls, callbacks, cluster.nodeId()),
                options.drainGrace());
        StoreBudget budget = new StoreBudget(
                cluster.vertx(), hazelcast.getMap("vfn.calls"), options.maxCallStore(), options.maxFunctionStore());
        Calls accepted = new Calls(
                cluster.vertx(),
                state,
                new CallIntake(cluster.vertx(), catalog, calls, guard, budget, options.maxAsyncBody()),
                calls,
                events);
        return new NodeContext.AsyncParts(accepted, scheduler, new CallSubscriptions(calls));
    }

    private static Future<Integer> deployGateway(NodeContext node) {
        GatewayParts parts = new GatewayParts(
                node.options(),
                node.secrets(),
                node.cluster(),
                node.metrics(),
                node.state(),
                node.catalog(),
                node.secretStore(),
                node.nodes(),
                node.invoker(),
                node.async().calls(),
                node.async().scheduler(),
                node.async().subscriptions(),
                node.keys());
        // A negative port makes Vert.x pick one free port that all instances share; 0 would give each its own.
        int port = node.options().port() == 0 ? -1 : node.options().port();
        AtomicReference<GatewayVerticle> first = new AtomicReference<>();
        HttpBounds bounds = HttpBounds.create(node.options());
        node.metrics().httpGauges(bounds.bodies()::held, bounds.connections()::get);
        return node.vertx()
                .deployVerticle(
                        () -> {
                            GatewayVerticle instance = new GatewayVerticle(parts, port, bounds);
                            first.compareAndSet(null, instance);
                            return instance;
                        },
                        new DeploymentOptions().setInstances(VertxOptions.DEFAULT_EVENT_LOOP_POOL_SIZE))
                .map(id -> first.get().actualPort());
    }

    private static JsonObject describe(
            VfnOptions options, NodeState state, FunctionRuntime runtime, Scheduler scheduler) {
        JsonObject functions = new JsonObject();
        runtime.names().forEach(name -> functions.put(name, runtime.status(name).put("queued", scheduler.depth(name))));
        return new JsonObject()
                .put("address", options.clusterHost() + ":" + options.port())
                .put("phase", state.phase().name().toLowerCase())
                .put("inflight", runtime.inflight())
                .put("asyncRunning", scheduler.running())
                .put("functions", functions);
    }

    private static void clearScratch(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }
}
