package io.vfn.functions.sleep;

import io.vfn.sdk.FunctionRequest;
import io.vfn.sdk.FunctionResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SleepTest {

    @Test
    void sleepsAndSaysHowLong() throws Exception {
        long start = System.nanoTime();

        FunctionResponse response = new Sleep().handle(FunctionRequest.builder().query("ms", "50").build(), null);

        assertThat(response.body().toString()).isEqualTo("slept 50 ms");
        assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(50_000_000L);
    }

    @Test
    void interrupted_stopsAtOnce() {
        Thread.currentThread().interrupt();

        assertThatThrownBy(() -> new Sleep().handle(FunctionRequest.builder().query("ms", "600000").build(), null))
            .isInstanceOf(InterruptedException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "600001", "soon"})
    void msOutOfRange_isItsOwn400(String ms) throws Exception {
        FunctionResponse response = new Sleep().handle(FunctionRequest.builder().query("ms", ms).build(), null);

        assertThat(response.statusCode()).isEqualTo(400);
    }
}
