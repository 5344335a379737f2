package io.vfn.cluster;

import io.vfn.Failure;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Where a node is in its life: it takes calls while {@link Phase#READY} and {@link Phase#LEAVING}, and reports
 * ready only while {@link Phase#READY}; it is alive until it {@link Phase#FAILED}. Also counts the calls this node sent and has not seen answered yet, so that
 * a draining node waits for them.
 */
public final class NodeState {

    /**
     * The phases of a node's life, in order. {@code LEAVING}: stopping, it still serves while load balancers take it
     * out of their rotation (it reports not-ready); {@code DRAINING}: it takes no new calls. {@code FAILED} may come
     * at any time: its cluster member stopped under it.
     */
    public enum Phase {
        STARTING,
        READY,
        LEAVING,
        DRAINING,
        FAILED
    }

    private volatile Phase phase = Phase.STARTING;
    private final AtomicInteger callsInFlight = new AtomicInteger();
    private final CompletableFuture<String> failure = new CompletableFuture<>();

    /** @return the current phase */
    public Phase phase() {
        return phase;
    }

    /** @return whether the node takes calls */
    public boolean isReady() {
        return phase == Phase.READY || phase == Phase.LEAVING;
    }

    /** @return whether the node can still do its work (or drain it): false once its cluster member is gone */
    public boolean isLive() {
        return phase != Phase.FAILED;
    }

    /** @return whether the node reports ready to load balancers and orchestrators */
    public boolean reportsReady() {
        return phase == Phase.READY;
    }

    /**
     * The one readiness check of every entry point that takes new calls.
     *
     * @throws io.vfn.VfnException {@code 503} while the node is starting, draining or failed
     */
    public void requireReady() {
        Phase now = phase;
        if (now != Phase.READY && now != Phase.LEAVING) {
            throw Failure.UNAVAILABLE.exception("this node is " + now.name().toLowerCase());
        }
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

    /** Counts a call this node sent to a function, until {@link #callEnded()}. */
    public void callStarted() {
        callsInFlight.incrementAndGet();
    }

    /** Counts a call this node sent whose answer (or failure) came back. */
    public void callEnded() {
        callsInFlight.decrementAndGet();
    }

    /** @return calls this node sent to functions (here or on other nodes) and has not seen answered yet */
    public int callsInFlight() {
        return callsInFlight.get();
    }

    /** Marks the node draining: it reports not-ready and takes no new calls. */
    public void draining() {
        if (phase != Phase.FAILED) {
            phase = Phase.DRAINING;
        }
    }

    /**
     * Marks the node failed unless it is stopping (a stop shuts the member down on purpose): it reports neither ready
     * nor live, and {@link #failure()} completes so that the process can exit for its supervisor to restart it.
     *
     * @param reason what was lost, for the log
     */
    public void failed(String reason) {
        if (phase != Phase.LEAVING && phase != Phase.DRAINING && phase != Phase.FAILED) {
            phase = Phase.FAILED;
            failure.complete(reason);
        }
    }

    /** @return completes with the reason when the node failed; never completes for a node that stops cleanly */
    public CompletionStage<String> failure() {
        return failure;
    }
}
