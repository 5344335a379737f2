package io.vfn.sdk.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vfn.sdk.AsyncFunction;
import io.vfn.sdk.BlockingFunction;
import io.vfn.sdk.FunctionContext;
import io.vfn.sdk.FunctionException;
import io.vfn.sdk.FunctionRequest;
import io.vfn.sdk.FunctionResponse;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class FunctionHarnessTest {

    /** Sleeps as long as {@code ms} says; counts down {@link #interrupted} when its thread is interrupted. */
    public static final class Sleeper implements BlockingFunction {
        final CountDownLatch interrupted = new CountDownLatch(1);

        @Override
        public FunctionResponse handle(FunctionRequest request, FunctionContext context) {
            try {
                Thread.sleep(Long.parseLong(request.queryParam("ms").orElse("0")));
                return FunctionResponse.text("slept");
            } catch (InterruptedException e) {
                interrupted.countDown();
                return FunctionResponse.text("interrupted");
            }
        }
    }

    /** Fails its future a little later, from a timer: an async failure. */
    public static final class LateFailure implements AsyncFunction {
        @Override
        public Future<FunctionResponse> handle(FunctionRequest request, FunctionContext context) {
            Promise<FunctionResponse> answer = Promise.promise();
            context.vertx().setTimer(10, id -> answer.fail(new IllegalStateException("the database is gone")));
            return answer.future();
        }
    }

    /** Never answers. */
    public static final class Silent implements AsyncFunction {
        @Override
        public Future<FunctionResponse> handle(FunctionRequest request, FunctionContext context) {
            return Promise.<FunctionResponse>promise().future();
        }
    }

    /** Answers its env's {@code LANG} and its secret {@code key}. */
    public static final class Settings implements AsyncFunction {
        @Override
        public Future<FunctionResponse> handle(FunctionRequest request, FunctionContext context) {
            return Future.succeededFuture(FunctionResponse.text(context.name() + " "
                    + context.env().get("LANG") + " " + context.secret("key").orElse("-")));
        }
    }

    /** Answers the {@code traceparent} it was called with. */
    public static final class TraceReader implements AsyncFunction {
        @Override
        public Future<FunctionResponse> handle(FunctionRequest request, FunctionContext context) {
            return Future.succeededFuture(
                    FunctionResponse.text(request.traceparent().orElse("none")));
        }
    }

    @Test
    void harnessCalls_runInASpanOfTheCallersTrace_orOfANewOne_asOnANode() {
        String caller = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
        try (FunctionHarness harness = FunctionHarness.start(new TraceReader())) {
            String continued = harness.invoke(FunctionRequest.builder()
                            .header("traceparent", caller)
                            .build())
                    .await()
                    .body()
                    .toString();
            String started = harness.invoke("x").await().body().toString();

            assertThat(continued)
                    .startsWith("00-4bf92f3577b34da6a3ce929d0e0e4736-")
                    .isNotEqualTo(caller);
            assertThat(started).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01").doesNotContain("4bf92f3577b34da6");
        }
    }

    @Test
    void blockingFunctionPastItsTimeout_fails504_andItsThreadIsInterrupted() throws Exception {
        Sleeper sleeper = new Sleeper();
        try (FunctionHarness harness =
                FunctionHarness.start(() -> sleeper, new HarnessOptions().timeout(Duration.ofMillis(200)))) {
            Future<FunctionResponse> call = harness.invoke(
                    FunctionRequest.builder().query("ms", "60000").build());

            assertThatThrownBy(call::await)
                    .isInstanceOfSatisfying(
                            FunctionException.class, e -> assertThat(e.status()).isEqualTo(504));
            assertThat(sleeper.interrupted.await(10, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void asyncFunctionThatFailsItsFuture_fails502WithTheCause() {
        try (FunctionHarness harness = FunctionHarness.start(new LateFailure())) {
            assertThatThrownBy(() -> harness.invoke("x").await()).isInstanceOfSatisfying(FunctionException.class, e -> {
                assertThat(e.status()).isEqualTo(502);
                assertThat(e.getMessage()).contains("IllegalStateException", "the database is gone");
            });
        }
    }

    @Test
    void callsBeyondTheConcurrency_fail429() {
        try (FunctionHarness harness = FunctionHarness.start(
                Silent::new, new HarnessOptions().concurrency(1).timeout(Duration.ofSeconds(5)))) {
            Future<FunctionResponse> first = harness.invoke("one");

            assertThatThrownBy(() -> harness.invoke("two").await())
                    .isInstanceOfSatisfying(
                            FunctionException.class, e -> assertThat(e.status()).isEqualTo(429));
            assertThat(first.isComplete()).isFalse();
        }
    }

    @Test
    void nameEnvAndSecrets_reachTheFunction() {
        try (FunctionHarness harness = FunctionHarness.start(
                Settings::new,
                new HarnessOptions().name("settings").env("LANG", "en").secret("key", "s3cr3t"))) {
            assertThat(harness.invoke("").await().body().toString()).isEqualTo("settings en s3cr3t");
        }
    }
}
