package io.vfn.launcher;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vfn.catalog.Catalog;
import io.vfn.config.VfnOptions;
import java.util.concurrent.TimeUnit;

/**
 * What a node puts into the catalog at start, under one cluster-wide lock so that nodes started at the same instant
 * take turns: the bundled examples, only into a catalog that never held a function (a later joiner or a restarted
 * node never redeploys them over a user's change or delete), then the {@code --preload} jars.
 */
final class CatalogSeeding {

    private static final System.Logger LOG = System.getLogger(CatalogSeeding.class.getName());
    private static final String LOCKS = "vfn.locks";
    private static final String KEY = "catalog-seeding";
    /** Preloads may download jars: a node waits this long for another one's turn. */
    private static final long WAIT_SECONDS = 180;
    /** A holder that hangs loses the lock after this; one that dies loses it at once (Hazelcast frees a left member's locks). */
    private static final long LEASE_SECONDS = 300;

    private CatalogSeeding() {}

    /**
     * @param vertx     the node
     * @param hazelcast the cluster
     * @param catalog   the started catalog
     * @param options   whether to deploy the examples, and the jars to preload
     * @return completes once this node's turn is done
     */
    static Future<Void> run(Vertx vertx, HazelcastInstance hazelcast, Catalog catalog, VfnOptions options) {
        if (!options.examples() && options.preload().isEmpty()) {
            return Future.succeededFuture();
        }
        IMap<String, String> locks = hazelcast.getMap(LOCKS);
        return vertx.executeBlocking(
                        () -> {
                            if (!locks.tryLock(KEY, WAIT_SECONDS, TimeUnit.SECONDS, LEASE_SECONDS, TimeUnit.SECONDS)) {
                                throw new IllegalStateException(
                                        "another member held the catalog-seeding lock for " + WAIT_SECONDS + " s");
                            }
                            return catalog.neverUsed();
                        },
                        false)
                .compose(empty -> seed(vertx, catalog, options, empty)
                        // The lock is taken and freed on different worker threads: Hazelcast's owner is a thread, ours
                        // this node.
                        .eventually(() -> vertx.executeBlocking(
                                () -> {
                                    locks.forceUnlock(KEY);
                                    return null;
                                },
                                false)));
    }

    private static Future<Void> seed(Vertx vertx, Catalog catalog, VfnOptions options, boolean empty) {
        Future<Void> examples = Future.succeededFuture();
        if (empty && options.examples()) {
            examples = Examples.deploy(vertx, catalog)
                    .onSuccess(v -> LOG.log(
                            System.Logger.Level.INFO,
                            "deployed the example functions into the cluster's empty catalog"));
        }
        return examples.compose(v -> Preloads.deploy(vertx, catalog, options.preload()));
    }
}
