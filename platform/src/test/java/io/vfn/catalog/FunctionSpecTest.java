package io.vfn.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonObject;
import io.vfn.Failure;
import io.vfn.VfnException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every spec field is range-checked, never truncated, and a refusal names the field. */
class FunctionSpecTest {

    @ParameterizedTest(name = "{0} → 400 naming {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "{\"instances\":4294967297}            | instances",
                "{\"instances\":0}                     | instances",
                "{\"instances\":65}                    | instances",
                "{\"instances\":1.5}                   | instances",
                "{\"instances\":\"2\"}                 | instances",
                "{\"instances\":1e400}                 | instances",
                "{\"concurrency\":-1}                  | concurrency",
                "{\"concurrency\":10001}               | concurrency",
                "{\"maxRetries\":101}                  | maxRetries",
                "{\"maxRetries\":-9223372036854775809} | maxRetries",
                "{\"maxQueue\":0}                      | maxQueue",
                "{\"maxQueue\":10000001}               | maxQueue",
                "{\"timeout\":\"9999999999999999h\"}   | timeout",
                "{\"timeout\":\"99999999999999999999d\"} | timeout",
                "{\"timeout\":\"PT9999999999999999H\"} | timeout",
                "{\"timeout\":\"16m\"}                 | timeout",
                "{\"timeout\":0}                       | timeout",
                "{\"timeout\":-5}                      | timeout",
                "{\"timeout\":1e30}                    | timeout",
                "{\"timeout\":true}                    | timeout",
                "{\"timeout\":\"soon\"}                | timeout",
                "{\"maxAge\":\"31d\"}                  | maxAge",
                "{\"maxAge\":\"999ms\"}                | maxAge",
                "{\"blocking\":\"yes\"}                | blocking",
                "{\"eventLoop\":1}                     | eventLoop",
                "{\"eventLoop\":true,\"blocking\":true} | eventLoop",
                "{\"env\":[1,2]}                       | env",
                "{\"handler\":42}                      | handler",
                "{\"handler\":\"not a class\"}         | handler",
                "{\"bogus\":1}                         | bogus"
            })
    void outOfRangeOrMistypedField_isInvalidSpecNamingTheField(String json, String field) {
        assertThatThrownBy(() -> FunctionSpec.fromJson(new JsonObject(json)))
                .isInstanceOfSatisfying(VfnException.class, e -> {
                    assertThat(e.failure()).isEqualTo(Failure.INVALID_SPEC);
                    assertThat(e.detail()).contains(field);
                });
    }

    @ParameterizedTest(name = "?{0}={1} → 400 naming {0}")
    @CsvSource({
        "instances, 4294967297",
        "concurrency, 1.0",
        "maxQueue, lots",
        "timeout, 9999999999999999h",
        "maxAge, 0s",
        "blocking, maybe",
        "eventLoop, often"
    })
    void outOfRangeQueryParameter_isInvalidSpecNamingTheField(String field, String value) {
        assertThatThrownBy(() -> FunctionSpec.fromQuery(
                        MultiMap.caseInsensitiveMultiMap().add(field, value)))
                .isInstanceOfSatisfying(VfnException.class, e -> {
                    assertThat(e.failure()).isEqualTo(Failure.INVALID_SPEC);
                    assertThat(e.detail()).contains(field);
                });
    }

    @Test
    void limitsAtBothEnds_areAccepted() {
        FunctionSpec low = FunctionSpec.fromJson(new JsonObject(
                "{\"instances\":1,\"concurrency\":1,\"maxRetries\":0,\"maxQueue\":1,\"timeout\":1,\"maxAge\":\"1s\"}"));
        FunctionSpec high = FunctionSpec.fromJson(new JsonObject(
                "{\"instances\":64,\"concurrency\":10000,\"maxRetries\":100,\"maxQueue\":10000000,\"timeout\":\"15m\",\"maxAge\":\"30d\","
                        + "\"blocking\":true}"));

        assertThat(low.timeout()).isEqualTo(Duration.ofMillis(1));
        assertThat(low.maxQueue()).isEqualTo(1);
        assertThat(high.instances()).isEqualTo(64);
        assertThat(high.maxAge()).isEqualTo(Duration.ofDays(30));
        assertThat(FunctionSpec.fromQuery(MultiMap.caseInsensitiveMultiMap()
                                .add("timeout", "900000")
                                .add("blocking", "false"))
                        .timeout())
                .isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void eventLoop_isOffUnlessAsked_andWrittenOnlyWhenOn() {
        FunctionSpec asked =
                FunctionSpec.fromQuery(MultiMap.caseInsensitiveMultiMap().add("eventLoop", "true"));

        assertThat(FunctionSpec.DEFAULT.eventLoop()).isFalse();
        assertThat(FunctionSpec.DEFAULT.toJson().containsKey("eventLoop")).isFalse();
        assertThat(asked.eventLoop()).isTrue();
        assertThat(FunctionSpec.fromJson(asked.toJson())).isEqualTo(asked);
        assertThat(asked.merge(new JsonObject().put("eventLoop", false)).eventLoop())
                .isFalse();
    }
}
