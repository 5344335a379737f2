package io.vfn.catalog;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.spi.merge.MergingValue;
import com.hazelcast.spi.merge.SplitBrainMergePolicy;
import io.vertx.core.json.JsonObject;

/**
 * How the catalog's copies merge when clusters that formed apart (nodes started at the same instant, or a network
 * split) become one again: per function the newer record wins, as between nodes ({@link FunctionRecord#newerThan});
 * a function that only one side has is kept. Hazelcast creates it by class name on every member.
 */
public final class CatalogMergePolicy implements SplitBrainMergePolicy<String, MergingValue<String>, Object> {

    /** Hazelcast's constructor. */
    public CatalogMergePolicy() {}

    @Override
    public Object merge(MergingValue<String> merging, MergingValue<String> existing) {
        if (existing == null) {
            return merging.getRawValue();
        }
        if (merging == null) {
            return existing.getRawValue();
        }
        return parse(merging.getValue()).newerThan(parse(existing.getValue()))
                ? merging.getRawValue()
                : existing.getRawValue();
    }

    private static FunctionRecord parse(String json) {
        return FunctionRecord.fromJson(new JsonObject(json));
    }

    @Override
    public void writeData(ObjectDataOutput out) {
        // no state
    }

    @Override
    public void readData(ObjectDataInput in) {
        // no state
    }
}
