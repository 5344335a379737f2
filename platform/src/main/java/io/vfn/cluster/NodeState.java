package io.vfn.cluster;

/**
 * Where a node is in its life: it takes calls while {@link Phase#READY} and {@link Phase#LEAVING}, and reports
 * ready only while {@link Phase#READY}.
 */
public final class NodeState {

    /**
     * The phases of a node's life, in order. {@code LEAVING}: stopping, it still serves while load balancers take it
     * out of their rotation (it reports not-ready); {@code DRAINING}: it takes no new calls.
     */
    public enum Phase { STARTING, READY, LEAVING, DRAINING }

    private volatile Phase phase = Phase.STARTING;
    private final java.util.concurrent.atomic.AtomicInteger gatewayCalls = new java.util.concurrent.atomic.AtomicInteger();

    /** @return the current phase */
    public Phase phase() {
        return phase;
    }

    /** @return whether the node takes calls */
    public boolean isReady() {
        return phase == Phase.READY || phase == Phase.LEAVING;
    }

    /** @return whether the node reports ready to load balancers and orchestrators */
    public boolean reportsReady() {
        return phase == Phase.READY;
    }

    /** Marks the node ready: joined, catalog loaded, functions deployed. */
    public void ready() {
        if (phase == Phase.STARTING) {
            phase = Phase.READY;
        }
    }

    /** Marks a ready node leaving: it reports not-ready and still takes calls, until {@link #draining()}. */
    public void leaving() {
        if (phase == Phase.READY) {
            phase = Phase.LEAVING;
        }
    }

    /** Counts a sync call this node's gateway took, until {@link #callEnded()}. */
    public void callStarted() {
        gatewayCalls.incrementAndGet();
    }

    /** Counts a sync call this node's gateway answered. */
    public void callEnded() {
        gatewayCalls.decrementAndGet();
    }

    /** @return sync calls this node's gateway took and has not answered yet */
    public int gatewayCalls() {
        return gatewayCalls.get();
    }

    /** Marks the node draining: it reports not-ready and takes no new calls. */
    public void draining() {
        phase = Phase.DRAINING;
    }
}
