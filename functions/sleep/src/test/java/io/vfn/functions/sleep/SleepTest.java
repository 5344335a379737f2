package io.vfn.functions.sleep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vfn.sdk.FunctionException;
import io.vfn.sdk.FunctionRequest;
import io.vfn.sdk.FunctionResponse;
import io.vfn.sdk.testing.FunctionHarness;
import io.vfn.sdk.testing.HarnessOptions;
import io.vfn.sdk.testing.TestFunctionContext;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SleepTest {

    private static final TestFunctionContext CONTEXT = TestFunctionContext.create("sleep");

    @Test
    void sleepsAndSaysHowLong() throws Exception {
        long start = System.nanoTime();

        FunctionResponse response =
                new Sleep().handle(FunctionRequest.builder().query("ms", "50").build(), CONTEXT);

        assertThat(response.body().toString()).isEqualTo("slept 50 ms");
        assertThat(System.nanoTime() - start).isGreaterThanOrEqualTo(50_000_000L);
    }

    @Test
    void interrupted_stopsAtOnce() {
        Thread.currentThread().interrupt();

        assertThatThrownBy(() -> new Sleep()
                        .handle(FunctionRequest.builder().query("ms", "600000").build(), CONTEXT))
                .isInstanceOf(InterruptedException.class);
    }

    @Test
    void longerThanItsTimeout_onAHarness_is504() {
        try (FunctionHarness harness =
                FunctionHarness.start(Sleep::new, new HarnessOptions().timeout(Duration.ofMillis(200)))) {
            assertThatThrownBy(() -> harness.invoke(FunctionRequest.builder()
                                    .query("ms", "600000")
                                    .build())
                            .await())
                    .isInstanceOfSatisfying(
                            FunctionException.class, e -> assertThat(e.status()).isEqualTo(504));
            // Its thread was interrupted: the pool of one serves the next call.
            assertThat(harness.invoke(FunctionRequest.builder().query("ms", "1").build())
                            .await()
                            .body()
                            .toString())
                    .isEqualTo("slept 1 ms");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"-1", "600001", "soon"})
    void msOutOfRange_isItsOwn400(String ms) throws Exception {
        FunctionResponse response =
                new Sleep().handle(FunctionRequest.builder().query("ms", ms).build(), CONTEXT);

        assertThat(response.statusCode()).isEqualTo(400);
    }
}
