package io.vfn.sdk.impl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vfn.sdk.Addresses;
import io.vfn.sdk.AsyncFunction;
import io.vfn.sdk.FunctionContext;
import io.vfn.sdk.FunctionException;
import io.vfn.sdk.FunctionRequest;
import io.vfn.sdk.FunctionResponse;
import io.vfn.sdk.testing.FunctionHarness;
import io.vfn.sdk.testing.HarnessOptions;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The rules every instance keeps, whatever its style: one slot of the function's in-flight limit per call, given back
 * however the call ends; the deadline a function sees and is held to.
 */
class CallConsumerTest {

    /** Throws an {@link Error} on its first call, answers {@code ok} after. */
    public static final class ErrorOnce implements AsyncFunction {
        private final AtomicInteger calls = new AtomicInteger();

        @Override
        public Future<FunctionResponse> handle(FunctionRequest request, FunctionContext context) {
            if (calls.incrementAndGet() == 1) {
                throw new Error("out of luck");
            }
            return Future.succeededFuture(FunctionResponse.text("ok"));
        }
    }

    /** Answers the deadline it was handed, in epoch milliseconds. */
    public static final class Deadline implements AsyncFunction {
        @Override
        public Future<FunctionResponse> handle(FunctionRequest request, FunctionContext context) {
            return Future.succeededFuture(
                    FunctionResponse.text(Long.toString(request.deadline().toEpochMilli())));
        }
    }

    /** Never answers. */
    public static final class Silent implements AsyncFunction {
        @Override
        public Future<FunctionResponse> handle(FunctionRequest request, FunctionContext context) {
            return Promise.<FunctionResponse>promise().future();
        }
    }

    @Test
    void aFunctionThrowingAnError_isAnswered502_andItsSlotGivenBack() {
        try (FunctionHarness harness = FunctionHarness.start(ErrorOnce::new, new HarnessOptions().concurrency(1))) {
            assertThatThrownBy(() -> harness.invoke("x").await()).isInstanceOfSatisfying(FunctionException.class, e -> {
                assertThat(e.status()).isEqualTo(502);
                assertThat(e.detail()).contains("Error: out of luck");
            });

            // With a limit of one, this call runs only if the failed one gave its slot back.
            assertThat(harness.invoke("x").await().body().toString()).isEqualTo("ok");
        }
    }

    @Test
    void anUndecodableMessage_isRefused400_andItsSlotGivenBack() {
        try (FunctionHarness harness = FunctionHarness.start(
                ErrorOnce::new, new HarnessOptions().name("f").concurrency(1))) {
            // A string body and a deadline that is no number: nothing a platform part sends.
            Future<Message<Object>> notACall = harness.vertx()
                    .eventBus()
                    .request(Addresses.function("f"), "hello", new DeliveryOptions().addHeader(Wire.DEADLINE, "soon"));

            assertThatThrownBy(notACall::await)
                    .isInstanceOfSatisfying(
                            ReplyException.class,
                            e -> assertThat(e.failureCode()).isEqualTo(400));
            assertThatThrownBy(() -> harness.invoke("x").await())
                    .isInstanceOfSatisfying(
                            FunctionException.class, e -> assertThat(e.status()).isEqualTo(502));
        }
    }

    @Test
    void theFunctionSees_theEarlierOfItsCallersDeadlineAndItsTimeout() {
        try (FunctionHarness harness = FunctionHarness.start(
                Deadline::new, new HarnessOptions().name("d").timeout(Duration.ofSeconds(2)))) {
            long before = System.currentTimeMillis();
            long seenForSoon = deadlineSeen(harness, before + 500);
            long seenForLate = deadlineSeen(harness, before + 60_000);

            assertThat(seenForSoon).isEqualTo(before + 500);
            assertThat(seenForLate).isBetween(before + 2_000, System.currentTimeMillis() + 2_000);
        }
    }

    /** Sends a call straight over the bus, as the platform does, with the caller's deadline. */
    private static long deadlineSeen(FunctionHarness harness, long callersDeadline) {
        DeliveryOptions options =
                Wire.requestOptions("POST", "/", null, "call-1", callersDeadline, MultiMap.caseInsensitiveMultiMap());
        Message<Buffer> reply = harness.vertx()
                .eventBus()
                .<Buffer>request(Addresses.function("d"), Buffer.buffer(), options)
                .await();
        return Long.parseLong(reply.body().toString());
    }

    @Test
    void aCallWithoutDeadline_isAnswered504AtTheFunctionsTimeout() {
        try (FunctionHarness harness = FunctionHarness.start(
                Silent::new, new HarnessOptions().name("s").timeout(Duration.ofMillis(200)))) {
            // Straight over the bus, without the :deadline a platform part always sets.
            Future<Message<Object>> call = harness.vertx()
                    .eventBus()
                    .request(Addresses.function("s"), Buffer.buffer("x"), new DeliveryOptions().setSendTimeout(10_000));

            assertThatThrownBy(call::await)
                    .isInstanceOfSatisfying(
                            ReplyException.class,
                            e -> assertThat(e.failureCode()).isEqualTo(504));
        }
    }
}
