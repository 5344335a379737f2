package io.vfn.scheduler;

import com.hazelcast.collection.IQueue;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.vfn.Failure;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Where async calls live: records in {@code vfn.calls}, a FIFO queue of call ids per function
 * ({@code vfn.queue.<name>}) and the leases in {@code vfn.leases} (call id → node). All three have one
 * synchronous backup, so an accepted call survives the loss of any one member. Every method blocks: call it
 * from a worker.
 */
public final class CallStore {

    private static final String QUEUE_PREFIX = "vfn.queue.";

    private final HazelcastInstance hazelcast;
    private final IMap<String, String> calls;
    private final IMap<String, String> leases;
    private final long resultTtlSeconds;

    /**
     * @param hazelcast the cluster
     * @param resultTtl how long an ended call is kept
     */
    public CallStore(HazelcastInstance hazelcast, Duration resultTtl) {
        this.hazelcast = hazelcast;
        this.calls = hazelcast.getMap("vfn.calls");
        this.leases = hazelcast.getMap("vfn.leases");
        this.resultTtlSeconds = Math.max(1, resultTtl.toSeconds());
    }

    /**
     * Keeps a new call and queues it: only then is it accepted.
     *
     * @param call     the call
     * @param maxQueue the function's queue limit
     * @throws io.vfn.VfnException {@code 429} when the queue is full (nothing is kept)
     */
    public void accept(CallRecord call, int maxQueue) {
        IQueue<String> queue = queue(call.function());
        if (queue.size() >= maxQueue) {
            throw Failure.TOO_MANY_CALLS.exception("the queue of function '" + call.function() + "' is full (" + maxQueue + " calls)");
        }
        calls.set(call.callId(), call.encode());
        if (!queue.offer(call.callId())) {
            calls.delete(call.callId());
            throw Failure.TOO_MANY_CALLS.exception("the queue of function '" + call.function() + "' is full");
        }
    }

    /**
     * @param callId a call
     * @return its record
     */
    public Optional<CallRecord> get(String callId) {
        return Optional.ofNullable(calls.get(callId)).map(CallRecord::parse);
    }

    /**
     * Stores a change made to a record read from the store, only if nobody changed it meanwhile.
     *
     * @param next the changed copy
     * @return whether it was stored
     */
    public boolean replace(CallRecord next) {
        if (next.status().ended()) {
            // An ended call lives on for the result time-to-live only; the compare-and-set keeps its guarantee.
            boolean replaced = next.stored() == null || calls.replace(next.callId(), next.stored(), next.encode());
            if (replaced) {
                calls.set(next.callId(), next.encode(), resultTtlSeconds, TimeUnit.SECONDS);
                leases.delete(next.callId());
            }
            return replaced;
        }
        boolean replaced = calls.replace(next.callId(), next.stored(), next.encode());
        if (replaced && next.leaseOwner() != null) {
            leases.set(next.callId(), next.leaseOwner());
        }
        return replaced;
    }

    /**
     * Stores a redriven call (see {@link CallRecord#redriven}) and queues it: it lives on with no time-to-live.
     *
     * @param again the redriven copy of an ended call
     * @return whether it was stored
     */
    public boolean redrive(CallRecord again) {
        if (!calls.replace(again.callId(), again.stored(), again.encode())) {
            return false;
        }
        calls.setTtl(again.callId(), 0, TimeUnit.SECONDS);
        requeue(again.callId(), again.function());
        return true;
    }

    /**
     * Puts a call (back) at the end of its function's queue, with no lease.
     *
     * @param callId the call
     * @param function its function
     */
    public void requeue(String callId, String function) {
        leases.delete(callId);
        queue(function).offer(callId);
    }

    /**
     * Drops the lease entry of a call that ended or vanished.
     *
     * @param callId the call
     */
    public void dropLease(String callId) {
        leases.delete(callId);
    }

    /**
     * Takes the next call id of a function, waiting up to a time for one.
     *
     * @param function the function
     * @param waitMs   the most to wait
     * @return the call id, or empty
     * @throws InterruptedException when the wait is interrupted
     */
    public Optional<String> poll(String function, long waitMs) throws InterruptedException {
        return Optional.ofNullable(queue(function).poll(waitMs, TimeUnit.MILLISECONDS));
    }

    /**
     * Removes a queued call from its queue (a cancel).
     *
     * @param callId   the call
     * @param function its function
     */
    public void unqueue(String callId, String function) {
        queue(function).remove(callId);
    }

    /**
     * @param function a function
     * @return the ids in its queue now
     */
    public java.util.Set<String> queued(String function) {
        return new java.util.HashSet<>(queue(function));
    }

    /**
     * @param function a function
     * @return how many of its calls wait in its queue
     */
    public int depth(String function) {
        return queue(function).size();
    }

    /** @return every lease: call id → node */
    public Map<String, String> leases() {
        return Map.copyOf(leases);
    }

    /**
     * Calls, newest first.
     *
     * @param function only this function's, or {@code null}
     * @param status   only in this status, or {@code null}
     * @param limit    at most this many
     * @return the records
     */
    public List<CallRecord> list(String function, CallStatus status, int limit) {
        return calls.values().stream().map(CallRecord::parse)
            .filter(c -> function == null || c.function().equals(function))
            .filter(c -> status == null || c.status() == status)
            .sorted(Comparator.comparingLong(CallRecord::createdAt).reversed())
            .limit(limit)
            .toList();
    }

    private IQueue<String> queue(String function) {
        return hazelcast.getQueue(QUEUE_PREFIX + function);
    }
}
