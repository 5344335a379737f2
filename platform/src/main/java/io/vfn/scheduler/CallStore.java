package io.vfn.scheduler;

import com.hazelcast.collection.IQueue;
import com.hazelcast.core.DistributedObject;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastJsonValue;
import com.hazelcast.map.IMap;
import com.hazelcast.projection.Projections;
import com.hazelcast.query.Predicate;
import com.hazelcast.query.Predicates;
import io.vfn.Failure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * Where async calls live: records in {@code vfn.calls} (call id → the record as a JSON value, indexed by status and
 * function) and a FIFO queue of call ids per function ({@code vfn.queue.<name>}). Both have one synchronous backup,
 * so an accepted call survives the loss of any one member. The record is the one truth about a call, its lease
 * included; a queue only says in which order calls are taken. Methods that answer a {@link CompletionStage} do not
 * block; every other one does: call it from a worker or a thread of its own.
 */
public final class CallStore {

    private static final System.Logger LOG = System.getLogger(CallStore.class.getName());
    private static final String QUEUE_PREFIX = "vfn.queue.";

    private final HazelcastInstance hazelcast;
    private final IMap<String, HazelcastJsonValue> calls;
    private final long resultTtlSeconds;

    /**
     * @param hazelcast the cluster
     * @param resultTtl how long an ended call is kept
     */
    public CallStore(HazelcastInstance hazelcast, Duration resultTtl) {
        this.hazelcast = hazelcast;
        this.calls = hazelcast.getMap("vfn.calls");
        this.resultTtlSeconds = Math.max(1, resultTtl.toSeconds());
    }

    /**
     * Keeps new calls of one function and queues them, in their order: only then are they accepted. One queue-size
     * read, one write of all the records and one of all their ids, whatever their number (a group commit); both
     * writes return once the synchronous backup has its copy.
     *
     * @param function the calls' function
     * @param batch    the calls, in the order they came
     * @param maxQueue the function's queue limit
     * @return how many of them, from the first, were accepted; the others found the queue full and nothing of them
     *     is kept
     * @throws RuntimeException when the store failed: none of them is accepted (nor kept)
     */
    public int accept(String function, List<CallRecord> batch, int maxQueue) {
        IQueue<String> queue = queue(function);
        int room = Math.max(0, Math.min(batch.size(), maxQueue - queue.size()));
        if (room == 0) {
            return 0;
        }
        Map<String, HazelcastJsonValue> records = new HashMap<>();
        List<String> ids = new ArrayList<>(room);
        for (CallRecord call : batch.subList(0, room)) {
            records.put(call.callId(), new HazelcastJsonValue(call.encode()));
            ids.add(call.callId());
        }
        // The records first: whoever takes an id from the queue finds its record.
        calls.setAll(records);
        boolean queued;
        try {
            queued = queue.addAll(ids);
        } catch (RuntimeException e) {
            queued = false;
        }
        if (!queued) {
            ids.forEach(calls::delete);
            throw Failure.TOO_MANY_CALLS.exception("the queue of function '" + function + "' is full");
        }
        return room;
    }

    /**
     * @param callId a call
     * @return its record
     */
    public Optional<CallRecord> get(String callId) {
        return Optional.ofNullable(calls.get(callId)).map(value -> CallRecord.parse(value.toString()));
    }

    /**
     * A call's status and function alone, read where its record lives: its bodies are neither parsed nor sent. Does
     * not block.
     *
     * @param callId a call
     * @return them, or {@code null} when there is no such call
     */
    public CompletionStage<CallBrief> briefAsync(String callId) {
        return calls.submitToKey(callId, new StatusProcessor()).thenApply(brief -> {
            if (brief == null) {
                return null;
            }
            int newline = brief.indexOf('\n');
            return new CallBrief(brief.substring(newline + 1), CallStatus.of(brief.substring(0, newline)));
        });
    }

    /**
     * A call's record, without blocking.
     *
     * @param callId a call
     * @return its record, or {@code null} when there is no such call
     */
    public CompletionStage<CallRecord> getAsync(String callId) {
        return calls.getAsync(callId).thenApply(value -> value == null ? null : CallRecord.parse(value.toString()));
    }

    /**
     * Stores a change made to a record read from the store, only if nobody changed it meanwhile.
     *
     * @param next the changed copy
     * @return whether it was stored
     */
    public boolean replace(CallRecord next) {
        return (Boolean) calls.executeOnKey(next.callId(), replacing(next));
    }

    /**
     * {@link #replace}, without blocking.
     *
     * @param next the changed copy
     * @return whether it was stored
     */
    public CompletionStage<Boolean> replaceAsync(CallRecord next) {
        return calls.submitToKey(next.callId(), replacing(next));
    }

    /** An ended call lives on for the result time-to-live only: its record and its expiry are written in one step. */
    private ReplaceProcessor replacing(CallRecord next) {
        return new ReplaceProcessor(next.stored(), next.encode(), next.status().ended() ? resultTtlSeconds : 0);
    }

    /**
     * Leases queued calls of one function for a node, one store operation per call, all at once (see
     * {@link LeaseProcessor}); without blocking.
     *
     * @param callIds the calls taken from the function's queue
     * @param lease   what to do with each
     * @return the records changed (running ones are this node's to run, ended ones expired meanwhile), and the sizes
     *     of the records left queued because they were larger than the lease takes; calls not there, not this node's
     *     to run, or whose operation failed are in neither
     */
    CompletionStage<Leased> lease(Set<String> callIds, LeaseProcessor lease) {
        Map<String, CompletableFuture<String>> answers = new HashMap<>();
        LeaseProcessor next = lease;
        for (String callId : callIds) {
            answers.put(
                    callId,
                    calls.submitToKey(callId, next).toCompletableFuture().exceptionally(failure -> {
                        // Not run here: whether its lease was stored or not, a sweep hands the call back (at the
                        // lease's end, or as a queued call in no queue).
                        LOG.log(System.Logger.Level.WARNING, "leasing call " + callId + " failed: " + failure);
                        return null;
                    }));
            next = next.forAnotherCall();
        }
        return CompletableFuture.allOf(answers.values().toArray(CompletableFuture[]::new))
                .thenApply(all -> {
                    Map<String, CallRecord> leased = new HashMap<>();
                    Map<String, Long> tooLarge = new HashMap<>();
                    answers.forEach((id, future) -> {
                        String answer = future.join();
                        if (answer == null) {
                            return;
                        }
                        if (answer.startsWith(LeaseProcessor.TOO_LARGE)) {
                            tooLarge.put(id, Long.parseLong(answer.substring(LeaseProcessor.TOO_LARGE.length())));
                        } else {
                            leased.put(id, CallRecord.parse(answer));
                        }
                    });
                    return new Leased(leased, tooLarge);
                });
    }

    /**
     * What a lease did.
     *
     * @param records  the records it changed, by call id
     * @param tooLarge the sizes of the records it left queued, by call id
     */
    record Leased(Map<String, CallRecord> records, Map<String, Long> tooLarge) {}

    /** @return how long an ended call is kept, in seconds */
    long resultTtlSeconds() {
        return resultTtlSeconds;
    }

    /**
     * Stores a redriven call (see {@link CallRecord#redriven}) and queues it: it lives on with no time-to-live.
     *
     * @param again the redriven copy of an ended call
     * @return whether it was stored
     */
    public boolean redrive(CallRecord again) {
        if (!calls.replace(
                again.callId(), new HazelcastJsonValue(again.stored()), new HazelcastJsonValue(again.encode()))) {
            return false;
        }
        calls.setTtl(again.callId(), 0, TimeUnit.SECONDS);
        requeue(again.callId(), again.function());
        return true;
    }

    /**
     * Puts a call (back) at the end of its function's queue.
     *
     * @param callId the call
     * @param function its function
     */
    public void requeue(String callId, String function) {
        queue(function).offer(callId);
    }

    /**
     * Takes the next call ids of a function, in queue order: as many as are there, up to a number, or else waits up
     * to a time for one.
     *
     * @param function the function
     * @param max      the most to take
     * @param waitMs   the most to wait when the queue is empty
     * @return the call ids, oldest first; empty when none came
     * @throws InterruptedException when the wait is interrupted
     */
    public List<String> take(String function, int max, long waitMs) throws InterruptedException {
        IQueue<String> queue = queue(function);
        List<String> taken = new ArrayList<>(Math.min(max, 256));
        queue.drainTo(taken, max);
        if (taken.isEmpty()) {
            String next = queue.poll(waitMs, TimeUnit.MILLISECONDS);
            if (next != null) {
                taken.add(next);
            }
        }
        return taken;
    }

    /**
     * Empties a deleted function's queue and removes it from the cluster.
     *
     * @param function the function
     * @return the ids that were queued
     */
    public List<String> removeQueue(String function) {
        IQueue<String> queue = queue(function);
        List<String> ids = new ArrayList<>();
        queue.drainTo(ids);
        queue.destroy();
        return ids;
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
     * @return how many of its calls wait in its queue
     */
    public int depth(String function) {
        return queue(function).size();
    }

    /**
     * The calls held by a node (running, or waiting out a back-off) whose records this member owns: each member
     * looks after its own partitions. As many as run in the cluster, not as many as wait.
     *
     * @return their records
     */
    public Collection<CallRecord> localLeased() {
        // Checked again on the records read: a call may end between the query and the read, and an ended call
        // handed back would run twice.
        return localRecords(Predicates.and(
                        Predicates.in("status", CallStatus.QUEUED.label(), CallStatus.RUNNING.label()),
                        Predicates.greaterThan("leaseUntil", 0L)))
                .stream()
                .filter(call -> !call.status().ended() && call.leaseUntil() > 0)
                .toList();
    }

    /**
     * The queued calls whose records this member owns, unchanged since a time, that are in no queue. Only ids
     * are compared, so a long queue costs its ids, not its records.
     *
     * @param before unchanged since this time (epoch ms)
     * @return their records
     */
    public Collection<CallRecord> localQueuedInNoQueue(long before) {
        Set<String> stale = new HashSet<>(calls.localKeySet(Predicates.and(
                Predicates.equal("status", CallStatus.QUEUED.label()), Predicates.lessThan("updatedAt", before))));
        if (stale.isEmpty()) {
            return List.of();
        }
        Set<String> inQueues = new HashSet<>();
        for (DistributedObject object : hazelcast.getDistributedObjects()) {
            if (object instanceof IQueue<?> queue && object.getName().startsWith(QUEUE_PREFIX)) {
                queue.forEach(id -> inQueues.add((String) id));
            }
        }
        stale.removeAll(inQueues);
        return stale.isEmpty()
                ? List.of()
                : calls.getAll(stale).values().stream()
                        .map(value -> CallRecord.parse(value.toString()))
                        .filter(call -> call.status() == CallStatus.QUEUED)
                        .toList();
    }

    /**
     * The ended calls whose records this member owns and whose callback is not delivered yet.
     *
     * @return their records
     */
    public Collection<CallRecord> localUndelivered() {
        return localRecords(
                        Predicates.in("callback.state", CallbackState.PENDING.label(), CallbackState.RETRYING.label()))
                .stream()
                .filter(call -> call.status().ended())
                .toList();
    }

    private Collection<CallRecord> localRecords(Predicate<String, HazelcastJsonValue> predicate) {
        Set<String> keys = calls.localKeySet(predicate);
        return keys.isEmpty()
                ? List.of()
                : calls.getAll(keys).values().stream()
                        .map(value -> CallRecord.parse(value.toString()))
                        .toList();
    }

    /**
     * Calls, newest first. The members answer only ids, times and sizes; just the page's records are read.
     *
     * @param function only this function's, or {@code null}
     * @param status   only in this status, or {@code null}
     * @param limit    at most this many
     * @param maxBytes at most about this many bytes of records (at least one record)
     * @return the records
     */
    public List<CallRecord> list(String function, CallStatus status, int limit, long maxBytes) {
        Predicate<String, HazelcastJsonValue> byFunction =
                function == null ? Predicates.alwaysTrue() : Predicates.equal("function", function);
        Predicate<String, HazelcastJsonValue> byStatus =
                status == null ? Predicates.alwaysTrue() : Predicates.equal("status", status.label());
        List<Object[]> newestFirst = new ArrayList<>(calls.project(
                Projections.multiAttribute("callId", "createdAt", "bytes"), Predicates.and(byFunction, byStatus)));
        newestFirst.sort(
                Comparator.comparingLong((Object[] row) -> number(row[1])).reversed());
        List<String> page = new ArrayList<>();
        long bytes = 0;
        for (Object[] row : newestFirst) {
            bytes += number(row[2]);
            if (page.size() == limit || !page.isEmpty() && bytes > maxBytes) {
                break;
            }
            page.add((String) row[0]);
        }
        Map<String, HazelcastJsonValue> records = calls.getAll(new HashSet<>(page));
        return page.stream()
                .map(records::get)
                .filter(Objects::nonNull)
                .map(value -> CallRecord.parse(value.toString()))
                .toList();
    }

    private static long number(Object value) {
        return value instanceof Number n ? n.longValue() : 0;
    }

    private IQueue<String> queue(String function) {
        return hazelcast.getQueue(QUEUE_PREFIX + function);
    }
}
