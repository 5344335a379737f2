package io.vfn.functions.counter;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import io.vfn.sdk.testing.FunctionHarness;
import io.vfn.sdk.testing.HarnessOptions;
import org.junit.jupiter.api.Test;

class CounterTest {

    @Test
    void countsFromTheEnvsStart() {
        try (FunctionHarness harness = FunctionHarness.startVerticle(
                Counter::new, new HarnessOptions().name("counter").env("start", "41"))) {
            JsonObject first = new JsonObject(harness.invoke("").await().body());
            JsonObject second = new JsonObject(harness.invoke("").await().body());

            assertThat(first.getLong("count")).isEqualTo(42);
            assertThat(second.getLong("count")).isEqualTo(43);
            assertThat(first.getString("instance")).hasSize(8);
        }
    }
}
