package io.vfn.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import com.hazelcast.spi.merge.MergingValue;
import org.junit.jupiter.api.Test;

/** When two clusters' catalogs merge, the newer record of a function wins and a function only one side has stays. */
class CatalogMergePolicyTest {

    private final CatalogMergePolicy policy = new CatalogMergePolicy();
    private final FunctionRecord older =
            FunctionRecord.first("greeter", new Revision(1, "v-old", 10, FunctionSpec.DEFAULT, 1_000, "a"));
    private final FunctionRecord newer =
            FunctionRecord.first("greeter", new Revision(1, "v-new", 10, FunctionSpec.DEFAULT, 2_000, "b"));

    @Test
    void theNewerRecordWins_whicheverSideItComesFrom() {
        assertThat(policy.merge(value(newer), value(older)))
                .isEqualTo(newer.toJson().encode());
        assertThat(policy.merge(value(older), value(newer)))
                .isEqualTo(newer.toJson().encode());
    }

    @Test
    void aNewerDeleteWinsOverAnOlderDeploy() {
        FunctionRecord deleted = older.tombstone(3_000);

        assertThat(policy.merge(value(deleted), value(newer)))
                .isEqualTo(deleted.toJson().encode());
    }

    @Test
    void aFunctionOnlyOneSideHas_isKept() {
        assertThat(policy.merge(value(older), null)).isEqualTo(older.toJson().encode());
        assertThat(policy.merge(null, value(newer))).isEqualTo(newer.toJson().encode());
    }

    /** A catalog entry as Hazelcast hands it to the policy (the map holds JSON strings). */
    private static MergingValue<String> value(FunctionRecord record) {
        String json = record.toJson().encode();
        return new MergingValue<>() {
            @Override
            public String getValue() {
                return json;
            }

            @Override
            public Object getRawValue() {
                return json;
            }
        };
    }
}
