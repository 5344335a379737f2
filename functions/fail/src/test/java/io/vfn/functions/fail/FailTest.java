package io.vfn.functions.fail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vfn.sdk.FunctionException;
import io.vfn.sdk.FunctionRequest;
import io.vfn.sdk.FunctionResponse;
import io.vfn.sdk.testing.FunctionHarness;
import io.vfn.sdk.testing.TestFunctionContext;
import org.junit.jupiter.api.Test;

class FailTest {

    @Test
    void withoutStatus_throws() {
        assertThatThrownBy(
                        () -> new Fail().handle(FunctionRequest.builder().build(), TestFunctionContext.create("fail")))
                .isInstanceOf(RuntimeException.class)
                .hasMessage("fail was asked to fail");
    }

    @Test
    void withoutStatus_onAHarness_isThePlatforms502() {
        try (FunctionHarness harness = FunctionHarness.start(new Fail())) {
            assertThatThrownBy(() -> harness.invoke("").await()).isInstanceOfSatisfying(FunctionException.class, e -> {
                assertThat(e.status()).isEqualTo(502);
                assertThat(e.getMessage()).contains("fail was asked to fail");
            });
        }
    }

    @Test
    void withStatus_answersIt() {
        FunctionRequest request =
                FunctionRequest.builder().query("status", "503").build();

        FunctionResponse response =
                new Fail().handle(request, TestFunctionContext.create("fail")).result();

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.body().toString()).isEqualTo("failing with 503 as asked");
    }
}
