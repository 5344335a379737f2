package io.vfn.functions.hello;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import io.vfn.sdk.FunctionRequest;
import io.vfn.sdk.FunctionResponse;
import io.vfn.sdk.testing.TestFunctionContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HelloTest {

    private static FunctionResponse call(String body) {
        return new Hello()
                .handle(FunctionRequest.builder().body(body).build(), TestFunctionContext.create("hello"))
                .result();
    }

    @Test
    void greetsTheName() {
        FunctionResponse response = call("{\"name\":\"Ada\"}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().get("Content-Type")).isEqualTo("application/json");
        assertThat(new JsonObject(response.body())).isEqualTo(new JsonObject().put("greeting", "Hello, Ada!"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "{}", "{\"name\":null}"})
    void withoutName_greetsTheWorld(String body) {
        assertThat(new JsonObject(call(body).body()).getString("greeting")).isEqualTo("Hello, world!");
    }

    @ParameterizedTest
    @ValueSource(strings = {"not json", "[1]", "null"})
    void notAJsonObject_isItsOwn400(String body) {
        FunctionResponse response = call(body);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(new JsonObject(response.body()).getString("error")).contains("JSON object");
    }
}
