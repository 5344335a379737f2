package io.vfn.functions.echo;

import static org.assertj.core.api.Assertions.assertThat;

import io.vfn.sdk.FunctionRequest;
import io.vfn.sdk.FunctionResponse;
import io.vfn.sdk.testing.TestFunctionContext;
import org.junit.jupiter.api.Test;

class EchoTest {

    @Test
    void answersTheBodyAndItsContentType() {
        FunctionRequest request = FunctionRequest.builder()
                .body("hi")
                .header("Content-Type", "text/plain")
                .build();

        FunctionResponse response =
                new Echo().handle(request, TestFunctionContext.create("echo")).result();

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body().toString()).isEqualTo("hi");
        assertThat(response.headers().get("Content-Type")).isEqualTo("text/plain");
    }

    @Test
    void withoutContentType_answersOctetStream() {
        FunctionResponse response = new Echo()
                .handle(FunctionRequest.builder().body("x").build(), TestFunctionContext.create("echo"))
                .result();

        assertThat(response.headers().get("Content-Type")).isEqualTo("application/octet-stream");
    }
}
