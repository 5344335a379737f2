package io.vfn.scheduler;

import com.hazelcast.core.HazelcastJsonValue;
import com.hazelcast.map.EntryProcessor;
import java.io.Serial;
import java.util.Map;

/**
 * Takes a queued call for a node, in one store operation run where the record lives (a read and a compare-and-set
 * took two round trips per call): a queued call that nobody holds is leased and marked running; one older than its
 * function's {@code maxAge} is ended expired, one of a deleted function cancelled. A call whose record is larger than
 * the lease may take is left queued, and its size answered ({@link #TOO_LARGE} and the size), so that the node leases
 * it on its own once it has room for it.
 *
 * <p>One call per processor ({@code submitToKey}): its backup is given the record it stored
 * ({@link ReplaceProcessor#backupOf}), not the processor to run again. (Hazelcast's {@code submitToKeys} runs a
 * processor over every key of the set in each partition the set touches, so its cost grows with the square of the
 * batch.)
 */
final class LeaseProcessor implements EntryProcessor<String, HazelcastJsonValue, String> {

    /** The start of the answer for a call left queued because its record is larger than the lease may take. */
    static final String TOO_LARGE = "#";

    @Serial
    private static final long serialVersionUID = 2L;

    private final String nodeId;
    private final long now;
    private final long leaseUntil;
    private final long maxAgeMs;
    private final String maxAgeText;
    private final boolean deleted;
    private final long ttlSeconds;
    private final long largestRecord;
    /** What the primary stored, for the backup; {@code null} when it stored nothing. */
    private transient ReplaceProcessor stored;
    /** The call this processor was given (a second one is a mistake: its backup would get the wrong record). */
    private transient String key;

    /**
     * @param nodeId     the node taking the calls
     * @param now        the time (epoch ms)
     * @param leaseUntil when the lease ends (epoch ms)
     * @param maxAgeMs   the function's {@code maxAge}
     * @param maxAgeText the same, as the spec writes it, for the error of an expired call
     * @param deleted    whether the function was deleted: its calls end cancelled
     * @param ttlSeconds how long an ended call is kept
     * @param largestRecord the largest record leased to run (a larger one is left queued)
     */
    LeaseProcessor(
            String nodeId,
            long now,
            long leaseUntil,
            long maxAgeMs,
            String maxAgeText,
            boolean deleted,
            long ttlSeconds,
            long largestRecord) {
        this.nodeId = nodeId;
        this.now = now;
        this.leaseUntil = leaseUntil;
        this.maxAgeMs = maxAgeMs;
        this.maxAgeText = maxAgeText;
        this.deleted = deleted;
        this.ttlSeconds = ttlSeconds;
        this.largestRecord = largestRecord;
    }

    /** @return a processor with the same terms, for another call (a processor takes one) */
    LeaseProcessor forAnotherCall() {
        return new LeaseProcessor(nodeId, now, leaseUntil, maxAgeMs, maxAgeText, deleted, ttlSeconds, largestRecord);
    }

    /**
     * @return the record as now stored (running, or ended), {@link #TOO_LARGE} and its size when it was left queued,
     *     or {@code null} when the call is not this node's to run
     */
    @Override
    public String process(Map.Entry<String, HazelcastJsonValue> entry) {
        if (key != null && !key.equals(entry.getKey())) {
            throw new IllegalStateException(
                    "a lease processor takes one call; it was given " + key + " and " + entry.getKey());
        }
        key = entry.getKey();
        stored = null;
        HazelcastJsonValue value = entry.getValue();
        if (value == null) {
            return null;
        }
        CallRecord call = CallRecord.parse(value.getValue());
        if (call.status() == CallStatus.RUNNING
                && nodeId.equals(call.leaseOwner())
                && call.leaseUntil() == leaseUntil) {
            // Leased by this very lease already: an operation the store retried (a partition that moved).
            return value.getValue();
        }
        // A queued call with an owner waits out its back-off there: its id may be in the queue twice after a recovery.
        if (call.status() != CallStatus.QUEUED || call.leaseOwner() != null) {
            return null;
        }
        CallRecord next;
        if (deleted) {
            next = CallRunner.ownCallback(
                    call.copy()
                            .status(CallStatus.CANCELLED, now)
                            .error("function '" + call.function() + "' was deleted"),
                    nodeId);
        } else if (now > call.createdAt() + maxAgeMs) {
            next = CallRunner.ownCallback(
                    call.copy().status(CallStatus.EXPIRED, now).error("not run within maxAge " + maxAgeText), nodeId);
        } else if (call.bytes() > largestRecord) {
            return TOO_LARGE + call.bytes();
        } else {
            next = call.copy().status(CallStatus.RUNNING, now).attempt().lease(nodeId, leaseUntil);
        }
        String json = next.encode();
        long ttl = next.status().ended() ? ttlSeconds : 0;
        ReplaceProcessor.store(entry, json, ttl);
        stored = ReplaceProcessor.backupOf(json, ttl);
        return json;
    }

    /** @return the record the primary stored, for the backup to store as it is; none when it stored nothing */
    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public EntryProcessor<String, HazelcastJsonValue, String> getBackupProcessor() {
        // A backup's result is never read: the processor that stores the record serves whatever this one answers.
        return (EntryProcessor) stored;
    }
}
