package io.vfn.functions.hello;

import io.vertx.core.json.JsonObject;
import io.vfn.sdk.FunctionRequest;
import io.vfn.sdk.FunctionResponse;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HelloTest {

    private static FunctionResponse call(String body) {
        return new Hello().handle(FunctionRequest.builder().body(body).build(), null).result();
    }

    @Test
    void greetsTheName() {
        assertThat(new JsonObject(call("{\"name\":\"Ada\"}").body())).isEqualTo(new JsonObject().put("greeting", "Hello, Ada!"));
    }

    @Test
    void withoutBody_greetsTheWorld() {
        assertThat(new JsonObject(call("").body()).getString("greeting")).isEqualTo("Hello, world!");
    }

    @Test
    void notJson_isItsOwn400() {
        FunctionResponse response = call("not json");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(new JsonObject(response.body()).getString("error")).contains("JSON object");
    }
}
