package io.vfn.sdk.impl;

import io.vertx.core.Vertx;
import io.vertx.core.shareddata.LocalMap;
import io.vertx.core.shareddata.Shareable;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The calls in flight of one function deployment on this node, shared by its instances (which run on
 * different threads), so that {@code concurrency} limits the node and not each instance.
 */
public final class NodeInflight implements Shareable {

    private static final String MAP = "vfn.inflight";

    private final AtomicInteger count = new AtomicInteger();

    /**
     * @param vertx        the node
     * @param deploymentId the deployment whose instances share the count
     * @return the deployment's counter, created on first use
     */
    public static NodeInflight of(Vertx vertx, String deploymentId) {
        LocalMap<String, NodeInflight> map = vertx.sharedData().getLocalMap(MAP);
        return map.computeIfAbsent(deploymentId, k -> new NodeInflight());
    }

    /**
     * Takes a slot if fewer than {@code limit} are taken.
     *
     * @param limit most slots
     * @return the new count, or {@code -1} when the limit is reached
     */
    public int incrementUpTo(int limit) {
        while (true) {
            int current = count.get();
            if (current >= limit) {
                return -1;
            }
            if (count.compareAndSet(current, current + 1)) {
                return current + 1;
            }
        }
    }

    /** Gives a slot back. */
    public void decrement() {
        count.decrementAndGet();
    }

    /** @return the calls in flight */
    public int current() {
        return count.get();
    }

    /**
     * Forgets a deployment's counter once its last instance stopped.
     *
     * @param vertx        the node
     * @param deploymentId the deployment
     */
    public static void remove(Vertx vertx, String deploymentId) {
        vertx.sharedData().getLocalMap(MAP).remove(deploymentId);
    }
}
