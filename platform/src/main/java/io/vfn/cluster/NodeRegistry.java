package io.vfn.cluster;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Every node's self-description (address, functions, load), published to the cluster's {@code vfn.nodes} map
 * every few seconds with a time-to-live, so a dead node drops out on its own.
 */
public final class NodeRegistry {

    private static final long PUBLISH_EVERY_MS = 2_000;
    private static final long TTL_SECONDS = 10;

    private final Vertx vertx;
    private final IMap<String, String> nodes;
    private final String nodeId;
    private final Supplier<JsonObject> self;
    private long timer = -1;

    /**
     * @param vertx     the node
     * @param hazelcast the cluster
     * @param nodeId    this node's id
     * @param self      describes this node now
     */
    public NodeRegistry(Vertx vertx, HazelcastInstance hazelcast, String nodeId, Supplier<JsonObject> self) {
        this.vertx = vertx;
        this.nodes = hazelcast.getMap("vfn.nodes");
        this.nodeId = nodeId;
        this.self = self;
    }

    /** @return completes after the first publication; later ones follow every two seconds */
    public Future<Void> start() {
        timer = vertx.setPeriodic(PUBLISH_EVERY_MS, id -> publish());
        return publish();
    }

    /** Publishes this node's description now. */
    public Future<Void> publish() {
        String json = self.get().put("nodeId", nodeId).encode();
        return Future.fromCompletionStage(
                nodes.setAsync(nodeId, json, TTL_SECONDS, TimeUnit.SECONDS), vertx.getOrCreateContext());
    }

    /** @return every living node's description, this node's as of now */
    public Future<List<JsonObject>> all() {
        return publish()
                .compose(v -> vertx.executeBlocking(
                        () -> nodes.values().stream()
                                .map(JsonObject::new)
                                .sorted((a, b) -> a.getString("nodeId").compareTo(b.getString("nodeId")))
                                .toList(),
                        false));
    }

    /** Stops publishing and removes this node's entry. */
    public Future<Void> stop() {
        vertx.cancelTimer(timer);
        return Future.fromCompletionStage(nodes.removeAsync(nodeId), vertx.getOrCreateContext())
                .mapEmpty();
    }
}
