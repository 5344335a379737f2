package io.vfn.cluster;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.LifecycleEvent.LifecycleState;

/**
 * Fails the node when its Hazelcast member stops under it (out of memory, a cluster-wide shutdown, anything but
 * the node's own drain): a node without its member cannot keep or run calls, and must not look ready or live.
 */
public final class MemberWatch {

    private MemberWatch() {}

    /**
     * @param hazelcast the node's member
     * @param state     the node's phase, marked failed when the member stops
     */
    public static void install(HazelcastInstance hazelcast, NodeState state) {
        hazelcast.getLifecycleService().addLifecycleListener(event -> {
            if (event.getState() == LifecycleState.SHUTTING_DOWN || event.getState() == LifecycleState.SHUTDOWN) {
                state.failed("the cluster member stopped (" + event.getState() + ")");
            }
        });
        if (!hazelcast.getLifecycleService().isRunning()) {
            state.failed("the cluster member is not running");
        }
    }
}
