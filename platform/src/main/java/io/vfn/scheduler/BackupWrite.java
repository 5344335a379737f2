package io.vfn.scheduler;

import com.hazelcast.core.HazelcastJsonValue;
import com.hazelcast.map.EntryProcessor;
import com.hazelcast.map.ExtendedMapEntry;
import java.io.Serial;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What a call record's backup copy is given after an entry processor changed the record: the record as the primary
 * stored it, and its time-to-live. Without it, the backup would run the whole processor again (parse the record,
 * decide, encode it), and a replace would send the record twice (the expected copy and the new one).
 *
 * @param <R> the result type of the processor it stands in for (a backup's result is not used)
 */
final class BackupWrite<R> implements EntryProcessor<String, HazelcastJsonValue, R> {

    @Serial
    private static final long serialVersionUID = 1L;

    private final String json;
    private final long ttlSeconds;

    /**
     * @param json       the record as the primary stored it
     * @param ttlSeconds its time-to-live from now, or 0 to leave it as it is
     */
    BackupWrite(String json, long ttlSeconds) {
        this.json = json;
        this.ttlSeconds = ttlSeconds;
    }

    /**
     * Stores the record in an entry with the time-to-live the primary gave it.
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
    public R process(Map.Entry<String, HazelcastJsonValue> entry) {
        store(entry, json, ttlSeconds);
        return null;
    }

    @Override
    public EntryProcessor<String, HazelcastJsonValue, R> getBackupProcessor() {
        return null;
    }
}
