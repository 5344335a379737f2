package io.vfn.scheduler;

import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import io.vfn.catalog.Catalog;
import io.vfn.catalog.FunctionRecord;
import io.vfn.metrics.VfnMetrics;
import io.vfn.runtime.FunctionRuntime;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The async scheduler of one node: for every function with ready instances here, it takes calls from the
 * function's queue in order, at most {@code concurrency} at a time, runs them ({@link CallRunner}) and hands back
 * the calls nobody holds any more ({@link CallRecovery}): at once when a member leaves, and every few seconds.
 * Every node runs one; together they share the queues. A verticle: undeploying it stops taking calls, waits for the
 * running ones (up to the drain grace) and hands back those waiting out a back-off here.
 */
public final class Scheduler extends VerticleBase {

    private static final System.Logger LOG = System.getLogger(Scheduler.class.getName());
    private static final long RECONCILE_MS = 500;
    private static final long SWEEP_MS = 5_000;
    private static final long PROMOTION_MS = 2_000;

    private final CallStore store;
    private final Catalog catalog;
    private final FunctionRuntime runtime;
    private final VfnMetrics metrics;
    private final HazelcastClusterManager cluster;
    private final CallRunner runner;
    private final CallRecovery recovery;
    private final Map<String, FunctionQueue> queues = new ConcurrentHashMap<>();
    private final Map<String, Integer> depths = new ConcurrentHashMap<>();
    private final ExecutorService pollers;
    private final Duration grace;
    private final Promise<Void> idle = Promise.promise();
    private long reconcileTimer = -1;
    private long sweepTimer = -1;
    private UUID membershipListener;
    private volatile boolean stopped;

    /**
     * @param cluster   the cluster: its node ids are the lease owners
     * @param store     the calls
     * @param catalog   the deployed functions
     * @param runtime   the functions running here
     * @param metrics   where queue depths and outcomes go
     * @param runner    runs one call
     * @param recovery  hands back what nobody holds
     * @param grace     the most a stop waits for the calls running here
     */
    public Scheduler(
            HazelcastClusterManager cluster,
            CallStore store,
            Catalog catalog,
            FunctionRuntime runtime,
            VfnMetrics metrics,
            CallRunner runner,
            CallRecovery recovery,
            Duration grace) {
        this.cluster = cluster;
        this.store = store;
        this.catalog = catalog;
        this.runtime = runtime;
        this.metrics = metrics;
        this.runner = runner;
        this.recovery = recovery;
        this.grace = grace;
        // Queue takes block (up to a second each): they get threads of their own, not Vert.x's worker pool.
        this.pollers = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "vfn-scheduler-poll");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Starts taking calls and watching for members that leave. */
    @Override
    public Future<?> start() {
        reconcileTimer = vertx.setPeriodic(RECONCILE_MS, id -> reconcile());
        sweepTimer = vertx.setPeriodic(SWEEP_MS, id -> recoverOrphans());
        recoverOrphans();
        reconcile();
        membershipListener = cluster.getHazelcastInstance()
                .getCluster()
                .addMembershipListener(new MembershipListener() {
                    @Override
                    public void memberAdded(MembershipEvent event) {}

                    @Override
                    public void memberRemoved(MembershipEvent event) {
                        // Again a little later: the dead member's records become another member's own once its backups
                        // are promoted.
                        context.runOnContext(v -> {
                            recoverOrphans();
                            vertx.setTimer(PROMOTION_MS, id -> recoverOrphans());
                        });
                    }
                });
        return Future.succeededFuture();
    }

    /**
     * @param function a function
     * @return its queue depth as last seen (refreshed twice a second)
     */
    public int depth(String function) {
        return depths.getOrDefault(function, 0);
    }

    /**
     * Ends the queued calls of a deleted function as cancelled and removes its queue.
     *
     * @param function the deleted function
     * @return how many calls were cancelled
     */
    public Future<Integer> cancelQueued(String function) {
        return vertx.executeBlocking(() -> runner.cancelQueued(function), false);
    }

    /** @return calls this node runs now, over all functions */
    public int running() {
        return queues.values().stream().mapToInt(FunctionQueue::running).sum();
    }

    /**
     * Stops taking calls and waits for the running ones (up to the grace); calls waiting out a back-off here are
     * handed back to their queues.
     */
    @Override
    public Future<?> stop() {
        stopped = true;
        vertx.cancelTimer(reconcileTimer);
        vertx.cancelTimer(sweepTimer);
        if (membershipListener != null) {
            cluster.getHazelcastInstance().getCluster().removeMembershipListener(membershipListener);
        }
        queues.values().forEach(FunctionQueue::stop);
        if (running() == 0) {
            idle.tryComplete();
        }
        return Future.any(idle.future(), vertx.timer(grace.toMillis()))
                .compose(v -> vertx.executeBlocking(
                        () -> {
                            runner.handBack();
                            pollers.shutdownNow();
                            return null;
                        },
                        false));
    }

    private void reconcile() {
        if (stopped) {
            return;
        }
        Set<String> wanted = new HashSet<>();
        for (FunctionRecord record : catalog.list()) {
            if (runtime.isReady(record.name())) {
                wanted.add(record.name());
                queues.computeIfAbsent(record.name(), name -> {
                            metrics.queueDepthGauge(name, () -> depth(name));
                            return new FunctionQueue(name);
                        })
                        .resume();
            }
        }
        queues.keySet().removeIf(name -> {
            if (!wanted.contains(name)) {
                queues.get(name).stop();
                depths.remove(name);
                return true;
            }
            return false;
        });
        vertx.executeBlocking(
                () -> {
                    wanted.forEach(name -> depths.put(name, store.depth(name)));
                    return null;
                },
                false);
    }

    /** Hands back the calls of this member's records that nobody holds (see {@link CallRecovery}). */
    private void recoverOrphans() {
        if (stopped) {
            return;
        }
        vertx.executeBlocking(
                        () -> {
                            // Vert.x node ids, as the lease owners are: not Hazelcast's member ids, which differ.
                            return recovery.sweep(new HashSet<>(cluster.getNodes()), System.currentTimeMillis());
                        },
                        false)
                .onComplete(recovered -> {
                    if (recovered.failed()) {
                        LOG.log(
                                System.Logger.Level.WARNING,
                                "the lease sweep failed (the next one retries): " + recovered.cause());
                    } else if (recovered.result() > 0) {
                        LOG.log(
                                System.Logger.Level.WARNING,
                                "took over " + recovered.result() + " call(s) or callback(s) that nobody held");
                    }
                });
    }

    /** Takes one function's calls: one take at a time (so in queue order), up to its concurrency at once. */
    private final class FunctionQueue {
        private final String function;
        private int running;
        private boolean polling;
        private boolean active = true;

        FunctionQueue(String function) {
            this.function = function;
        }

        int running() {
            return running;
        }

        void stop() {
            active = false;
        }

        void resume() {
            active = true;
            pump();
        }

        private void pump() {
            int concurrency =
                    catalog.get(function).map(r -> r.spec().concurrency()).orElse(0);
            if (!active || stopped || polling || running >= concurrency) {
                return;
            }
            polling = true;
            int free = concurrency - running;
            Future.fromCompletionStage(
                            CompletableFuture.supplyAsync(
                                    () -> {
                                        try {
                                            return store.take(function, free, 1_000);
                                        } catch (InterruptedException e) {
                                            Thread.currentThread().interrupt();
                                            return List.<String>of();
                                        }
                                    },
                                    pollers),
                            context)
                    .onComplete(taken -> {
                        polling = false;
                        if (taken.failed()) {
                            if (!stopped) {
                                LOG.log(
                                        System.Logger.Level.WARNING,
                                        "taking from the queue of " + function + " failed: " + taken.cause());
                                vertx.setTimer(1_000, id -> pump());
                            }
                            return;
                        }
                        if (!active || stopped) {
                            if (!stopped && catalog.get(function).isEmpty()) {
                                // Deleted while this take waited: the runner ends these calls as cancelled.
                                runner.run(function, taken.result());
                                return;
                            }
                            vertx.executeBlocking(
                                    () -> {
                                        taken.result().forEach(callId -> store.requeue(callId, function));
                                        return null;
                                    },
                                    false);
                            return;
                        }
                        // One attempt per distinct call: an id may be in a queue twice after a recovery.
                        List<Future<Void>> attempts = runner.run(function, taken.result());
                        running += attempts.size();
                        for (Future<Void> attempt : attempts) {
                            attempt.onComplete(done -> {
                                running--;
                                if (stopped && running() == 0) {
                                    idle.tryComplete();
                                }
                                pump();
                            });
                        }
                        pump();
                    });
        }
    }
}
