package io.vfn.functions.counter;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vfn.sdk.FunctionRequest;
import io.vfn.sdk.FunctionResponse;
import io.vfn.sdk.FunctionVerticle;
import io.vfn.sdk.impl.Wire;
import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class CounterTest {

    @Test
    void countsFromTheEnvsStartOverTheEventBus() throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            vertx.deployVerticle(new Counter(), new DeploymentOptions().setConfig(new JsonObject()
                .put(FunctionVerticle.CONFIG_NAME, "counter")
                .put(FunctionVerticle.CONFIG_ENV, new JsonObject().put("start", "41")))).await(10, TimeUnit.SECONDS);

            FunctionResponse response = Wire.invoke(vertx.eventBus(), "counter", FunctionRequest.builder().build())
                .await(10, TimeUnit.SECONDS);
            JsonObject answer = new JsonObject(response.body());

            assertThat(answer.getLong("count")).isEqualTo(42);
            assertThat(answer.getString("instance")).hasSize(8);
        } finally {
            vertx.close().await(10, TimeUnit.SECONDS);
        }
    }
}
