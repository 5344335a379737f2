package io.vfn.functions.fail;

import io.vfn.sdk.FunctionRequest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FailTest {

    @Test
    void withoutStatus_throws() {
        assertThatThrownBy(() -> new Fail().handle(FunctionRequest.builder().build(), null))
            .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void withStatus_answersIt() {
        assertThat(new Fail().handle(FunctionRequest.builder().query("status", "503").build(), null).result().statusCode())
            .isEqualTo(503);
    }
}
