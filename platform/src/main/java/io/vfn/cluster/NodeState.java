package io.vfn.cluster;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Where a node is in its life: it takes calls only while {@link Phase#READY}, and is alive until it
 * {@link Phase#FAILED}.
 */
public final class NodeState {

    /** The phases of a node's life, in order; {@link #FAILED} may come at any time. */
    public enum Phase { STARTING, READY, DRAINING, FAILED }

    private volatile Phase phase = Phase.STARTING;
    private final AtomicInteger gatewayCalls = new AtomicInteger();
    private final CompletableFuture<String> failure = new CompletableFuture<>();

    /** @return the current phase */
    public Phase phase() {
        return phase;
    }

    /** @return whether the node takes calls */
    public boolean isReady() {
        return phase == Phase.READY;
    }

    /** @return whether the node can still do its work (or drain it): false once its cluster member is gone */
    public boolean isLive() {
        return phase != Phase.FAILED;
    }

    /** Marks the node ready: joined, catalog loaded, functions deployed. */
    public void ready() {
        if (phase == Phase.STARTING) {
            phase = Phase.READY;
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
        if (phase != Phase.FAILED) {
            phase = Phase.DRAINING;
        }
    }

    /**
     * Marks the node failed unless it is draining (a drain stops the member on purpose): it reports neither ready
     * nor live, and {@link #failure()} completes so that the process can exit for its supervisor to restart it.
     *
     * @param reason what was lost, for the log
     */
    public void failed(String reason) {
        if (phase != Phase.DRAINING && phase != Phase.FAILED) {
            phase = Phase.FAILED;
            failure.complete(reason);
        }
    }

    /** @return completes with the reason when the node failed; never completes for a node that stops cleanly */
    public CompletionStage<String> failure() {
        return failure;
    }
}
