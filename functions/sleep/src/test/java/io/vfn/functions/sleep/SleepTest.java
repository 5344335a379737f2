package io.vfn.functions.sleep;

import io.vfn.sdk.FunctionRequest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SleepTest {

    @Test
    void sleepsAndSaysHowLong() throws Exception {
        long start = System.nanoTime();

        String answer = new Sleep().handle(FunctionRequest.builder().query("ms", "50").build(), null).body().toString();

        assertThat(answer).isEqualTo("slept 50 ms");
        assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(50_000_000L);
    }

    @Test
    void negativeMs_isItsOwn400() throws Exception {
        assertThat(new Sleep().handle(FunctionRequest.builder().query("ms", "-1").build(), null).statusCode()).isEqualTo(400);
    }
}
