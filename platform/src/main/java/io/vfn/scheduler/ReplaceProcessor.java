package io.vfn.scheduler;

import com.hazelcast.core.HazelcastJsonValue;
import com.hazelcast.map.EntryProcessor;
import java.io.Serial;
import java.util.Map;

/**
 * A compare-and-set of one call record that also sets its time-to-live, in one store operation run where the record
 * lives: an ended call's record and its expiry are written together (a replace followed by a set took two round
 * trips, and each write re-parses the JSON for the record's indexes). Its backup is given the new record alone
 * ({@link BackupWrite}), not both copies to compare again.
 */
final class ReplaceProcessor implements EntryProcessor<String, HazelcastJsonValue, Boolean> {

    @Serial
    private static final long serialVersionUID = 1L;

    private final String expected;
    private final String next;
    private final long ttlSeconds;
    /** Whether the primary stored the new record, so that the backup stores it too. */
    private transient boolean replaced;

    /**
     * @param expected   the stored JSON the change was made to, or {@code null} to store whatever is there
     * @param next       the new JSON
     * @param ttlSeconds the record's time-to-live from now, or 0 to leave it as it is
     */
    ReplaceProcessor(String expected, String next, long ttlSeconds) {
        this.expected = expected;
        this.next = next;
        this.ttlSeconds = ttlSeconds;
    }

    @Override
    public Boolean process(Map.Entry<String, HazelcastJsonValue> entry) {
        replaced = false;
        HazelcastJsonValue current = entry.getValue();
        if (current != null && next.equals(current.getValue())) {
            // Already applied: an operation the store retried (a partition that moved) changes nothing twice.
            return true;
        }
        if (expected != null && (current == null || !expected.equals(current.getValue()))) {
            return false;
        }
        BackupWrite.store(entry, next, ttlSeconds);
        replaced = true;
        return true;
    }

    /** @return the new record, for the backup to store as it is; none when the primary stored nothing */
    @Override
    public EntryProcessor<String, HazelcastJsonValue, Boolean> getBackupProcessor() {
        return replaced ? new BackupWrite<>(next, ttlSeconds) : null;
    }
}
