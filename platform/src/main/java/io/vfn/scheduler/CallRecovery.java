package io.vfn.scheduler;

import java.util.Set;

/**
 * Hands back calls that nobody holds any more, so that an accepted call is never lost: a call whose lease owner left
 * the cluster or whose lease ran out goes back to its queue, and so does a queued call that is in no queue (its
 * taker died between taking it and leasing it). A callback whose delivering node left before it was delivered is
 * taken over. Each member looks after the records it owns, so the cluster's work is done once. At-least-once: a
 * handed-back call may run again, a taken-over callback may arrive twice.
 */
public final class CallRecovery {

    /** A queued call this long untouched and in no queue is stranded: far above the take-to-lease step (ms). */
    static final long STRANDED_AFTER_MS = 30_000;

    private final CallStore store;
    private final CallbackSender callbacks;
    private final String nodeId;

    /**
     * @param store     the calls
     * @param callbacks delivers the callbacks taken over
     * @param nodeId    this node, the new owner of what it takes over
     */
    public CallRecovery(CallStore store, CallbackSender callbacks, String nodeId) {
        this.store = store;
        this.callbacks = callbacks;
        this.nodeId = nodeId;
    }

    /**
     * Looks through this member's calls and hands back the ones nobody holds. Blocking.
     *
     * @param members the cluster's members now (node ids)
     * @param now     the time (epoch ms)
     * @return how many calls went back to their queues, and callbacks were taken over
     */
    public int sweep(Set<String> members, long now) {
        int handedBack = 0;
        for (CallRecord call : store.localLeased()) {
            boolean orphaned = !members.contains(call.leaseOwner()) || call.leaseUntil() < now;
            if (orphaned && handBack(call, now)) {
                handedBack++;
            }
        }
        for (CallRecord call : store.localQueuedInNoQueue(now - STRANDED_AFTER_MS)) {
            // Touched, so that the next sweeps leave it alone while it waits its turn in the queue again.
            if (call.leaseOwner() == null && store.replace(call.copy().touch(now))) {
                store.requeue(call.callId(), call.function());
                handedBack++;
            }
        }
        return handedBack + takeOverCallbacks(members);
    }

    /** Goes on with the callbacks whose delivering node left the cluster. Blocking. */
    private int takeOverCallbacks(Set<String> members) {
        int takenOver = 0;
        for (CallRecord call : store.localUndelivered()) {
            String owner = call.callback().getString("owner");
            if (owner != null && !members.contains(owner)) {
                CallRecord mine = call.copy().callback(call.callback().copy().put("owner", nodeId));
                if (store.replace(mine)) {
                    callbacks.deliver(mine);
                    takenOver++;
                }
            }
        }
        return takenOver;
    }

    /** Queues a call again, with no lease, unless somebody changed it meanwhile. Blocking. */
    private boolean handBack(CallRecord call, long now) {
        if (!store.replace(call.copy().status(CallStatus.QUEUED, now).release())) {
            return false;
        }
        store.requeue(call.callId(), call.function());
        return true;
    }
}
