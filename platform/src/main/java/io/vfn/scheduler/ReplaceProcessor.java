package io.vfn.scheduler;

import com.hazelcast.core.HazelcastJsonValue;
import com.hazelcast.map.EntryProcessor;
import com.hazelcast.map.ExtendedMapEntry;
import java.io.Serial;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A compare-and-set of one call record that also sets its time-to-live, in one store operation run where the record
 * lives: an ended call's record and its expiry are written together (a replace followed by a set took two round
 * trips, and each write re-parses the JSON for the record's indexes).
 *
 * <p>Also what a record's backup is given after an entry processor changed the record ({@link #backupOf}): the record
 * as the primary stored it, to store as it is. Otherwise the backup would run the whole processor again (the lease
 * its parse, decision and encoding; a replace its comparison of two whole copies of the record, both sent along).
 * The class is the one earlier releases know, so a member of the previous release can hold such a backup during a
 * rolling upgrade.
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

    /**
     * @param json       a record as the primary stored it
     * @param ttlSeconds its time-to-live from now, or 0 to leave it as it is
     * @return the processor that stores it, as it is, in the record's backup
     */
    static ReplaceProcessor backupOf(String json, long ttlSeconds) {
        return new ReplaceProcessor(null, json, ttlSeconds);
    }

    /**
     * Stores a record in an entry, with its time-to-live.
     *
     * @param entry      the entry
     * @param json       the record
     * @param ttlSeconds its time-to-live from now, or 0 to leave it as it is
     */
    static void store(Map.Entry<String, HazelcastJsonValue> entry, String json, long ttlSeconds) {
        HazelcastJsonValue value = new HazelcastJsonValue(json);
        if (ttlSeconds > 0) {
            ((ExtendedMapEntry<String, HazelcastJsonValue>) entry).setValue(value, ttlSeconds, TimeUnit.SECONDS);
        } else {
            entry.setValue(value);
        }
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
        store(entry, next, ttlSeconds);
        replaced = true;
        return true;
    }

    /** @return the new record, for the backup to store as it is; none when the primary stored nothing */
    @Override
    public EntryProcessor<String, HazelcastJsonValue, Boolean> getBackupProcessor() {
        return replaced ? backupOf(next, ttlSeconds) : null;
    }
}
