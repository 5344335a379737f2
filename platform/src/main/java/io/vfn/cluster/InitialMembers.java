package io.vfn.cluster;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.function.IntSupplier;

/**
 * Waits, for a bounded time, until the cluster has the members it is expected to start with. Nodes started at the
 * same instant (a StatefulSet's parallel pods) may each form a cluster of their own before they see each other;
 * Hazelcast merges such clusters within seconds, and a node that waits for its peers loads the catalog and seeds
 * it only once they are one cluster.
 */
public final class InitialMembers {

    private static final System.Logger LOG = System.getLogger(InitialMembers.class.getName());
    private static final long POLL_MS = 200;

    private InitialMembers() {}

    /**
     * @param vertx    the node
     * @param size     how many members the cluster has now
     * @param expected how many members to wait for
     * @param atMost   the longest wait; after it the node goes on with the members it has
     * @return completes once the cluster has {@code expected} members or the wait is over
     */
    public static Future<Void> await(Vertx vertx, IntSupplier size, int expected, Duration atMost) {
        if (size.getAsInt() >= expected) {
            return Future.succeededFuture();
        }
        LOG.log(
                System.Logger.Level.INFO,
                "waiting up to " + atMost.toSeconds() + " s for " + expected + " cluster members");
        long giveUpAt = System.nanoTime() + atMost.toNanos();
        Promise<Void> formed = Promise.promise();
        vertx.setPeriodic(POLL_MS, id -> {
            int members = size.getAsInt();
            boolean timedOut = System.nanoTime() - giveUpAt >= 0;
            if (members >= expected || timedOut) {
                vertx.cancelTimer(id);
                if (timedOut && members < expected) {
                    LOG.log(
                            System.Logger.Level.WARNING,
                            "going on with " + members + " of " + expected + " expected cluster members after "
                                    + atMost.toSeconds() + " s");
                }
                formed.tryComplete();
            }
        });
        return formed.future();
    }
}
