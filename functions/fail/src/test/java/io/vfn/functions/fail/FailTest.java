package io.vfn.functions.fail;

import io.vfn.sdk.FunctionRequest;
import io.vfn.sdk.FunctionResponse;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FailTest {

    @Test
    void withoutStatus_throws() {
        assertThatThrownBy(() -> new Fail().handle(FunctionRequest.builder().build(), null))
            .isInstanceOf(RuntimeException.class)
            .hasMessage("fail was asked to fail");
    }

    @Test
    void withStatus_answersIt() {
        FunctionRequest request = FunctionRequest.builder().query("status", "503").build();

        FunctionResponse response = new Fail().handle(request, null).result();

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.body().toString()).isEqualTo("failing with 503 as asked");
    }
}
