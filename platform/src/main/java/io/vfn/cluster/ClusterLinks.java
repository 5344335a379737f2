package io.vfn.cluster;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;

/**
 * Opens this node's event-bus connection to every other member from a context of its own, which lives as long as
 * the node, and touches it every second.
 *
 * <p>Why: Vert.x binds a cluster connection to the context that first sends over it. When that is a function
 * instance answering a call from another member, the connection dies with the instance's worker pool once that
 * revision stops (an update, a rollback, a revision losing its share), and every later message to that member over
 * it is lost (seen as 504s after 30 s). A connection opened here first is the one everybody reuses.
 */
public final class ClusterLinks extends VerticleBase {

    /** Prefix of each node's own address: {@code vfn.node.<nodeId>}. */
    public static final String PREFIX = "vfn.node.";

    private static final long TOUCH_EVERY_MS = 1_000;

    private final HazelcastInstance hazelcast;
    private final String nodeId;

    /**
     * @param hazelcast the cluster
     * @param nodeId    this node's id (its Hazelcast member's UUID)
     */
    public ClusterLinks(HazelcastInstance hazelcast, String nodeId) {
        this.hazelcast = hazelcast;
        this.nodeId = nodeId;
    }

    @Override
    public Future<?> start() {
        Future<Void> registered = vertx.eventBus()
                .<String>consumer(PREFIX + nodeId, message -> {})
                .completion();
        touch();
        vertx.setPeriodic(TOUCH_EVERY_MS, id -> touch());
        return registered;
    }

    private void touch() {
        for (Member member : hazelcast.getCluster().getMembers()) {
            String id = member.getUuid().toString();
            if (!id.equals(nodeId)) {
                vertx.eventBus().send(PREFIX + id, "");
            }
        }
    }
}
