package io.vfn.sdk.impl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vfn.sdk.AsyncFunction;
import io.vfn.sdk.FunctionContext;
import io.vfn.sdk.FunctionRequest;
import io.vfn.sdk.FunctionResponse;
import io.vfn.sdk.testing.FunctionHarness;
import io.vfn.sdk.testing.HarnessOptions;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Calls handed to an instance on the same node, without the event bus: answered as over the bus (status, headers,
 * body, the revision), refused as over the bus (the limit, no instance, a stopped one), and never left waiting on an
 * instance whose thread is blocked.
 */
class LocalInstancesTest {

    /** Answers its body back, with a header. */
    public static final class Echo implements AsyncFunction {
        @Override
        public Future<FunctionResponse> handle(FunctionRequest request, FunctionContext context) {
            return Future.succeededFuture(FunctionResponse.of(
                    201, MultiMap.caseInsensitiveMultiMap().add("X-Seen-Path", request.path()), request.body()));
        }
    }

    /** Never answers. */
    public static final class Silent implements AsyncFunction {
        @Override
        public Future<FunctionResponse> handle(FunctionRequest request, FunctionContext context) {
            return Promise.<FunctionResponse>promise().future();
        }
    }

    /** Blocks its instance's thread until the test lets it go (a function that breaks the rule not to block). */
    public static final class Blocking implements AsyncFunction {
        static final CountDownLatch RELEASE = new CountDownLatch(1);

        @Override
        public Future<FunctionResponse> handle(FunctionRequest request, FunctionContext context) {
            try {
                RELEASE.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return Future.succeededFuture(FunctionResponse.text("late"));
        }
    }

    @Test
    void aCallHandedOver_isAnsweredWithTheFunctionsStatusHeadersAndBody() {
        try (FunctionHarness harness = FunctionHarness.start(Echo::new, new HarnessOptions().name("echo"))) {
            Answer answer = call(harness.vertx(), "echo", 5_000).await();

            assertThat(answer.headers().get(Wire.STATUS)).isEqualTo("201");
            assertThat(answer.headers().get("X-Seen-Path")).isEqualTo("/sub");
            assertThat(answer.body().toString()).isEqualTo("hello");
        }
    }

    @Test
    void aCallOverTheLimit_isRefusedUnseen_asOverTheBus() {
        try (FunctionHarness harness = FunctionHarness.start(
                Silent::new, new HarnessOptions().name("slow").concurrency(1).timeout(Duration.ofSeconds(1)))) {
            call(harness.vertx(), "slow", 5_000); // holds the only slot

            assertThatThrownBy(() -> call(harness.vertx(), "slow", 5_000).await())
                    .isInstanceOfSatisfying(ReplyException.class, e -> {
                        assertThat(e.failureType()).isEqualTo(ReplyFailure.RECIPIENT_FAILURE);
                        assertThat(e.failureCode()).isEqualTo(429);
                        assertThat(e.getMessage()).startsWith(Wire.LIMIT_REACHED);
                    });
        }
    }

    @Test
    void noInstanceOnTheNode_orOneThatStopped_isNoHandlers() {
        Vertx vertx;
        try (FunctionHarness harness = FunctionHarness.start(Echo::new, new HarnessOptions().name("gone"))) {
            vertx = harness.vertx();
            assertThatThrownBy(() -> call(vertx, "other", 5_000).await())
                    .isInstanceOfSatisfying(
                            ReplyException.class,
                            e -> assertThat(e.failureType()).isEqualTo(ReplyFailure.NO_HANDLERS));
            assertThat(call(vertx, "gone", 5_000).await().body().toString()).isEqualTo("hello");
            harness.vertx()
                    .undeploy(harness.vertx().deploymentIDs().iterator().next())
                    .await();

            assertThatThrownBy(() -> call(vertx, "gone", 5_000).await())
                    .isInstanceOfSatisfying(
                            ReplyException.class,
                            e -> assertThat(e.failureType()).isEqualTo(ReplyFailure.NO_HANDLERS));
        }
    }

    @Test
    void anInstanceWhoseThreadIsBlocked_isGivenUpOnASecondAfterTheDeadline() {
        try (FunctionHarness harness = FunctionHarness.start(
                Blocking::new, new HarnessOptions().name("stuck").timeout(Duration.ofMillis(200)))) {
            long start = System.nanoTime();
            try {
                assertThatThrownBy(() -> call(harness.vertx(), "stuck", 200).await())
                        .isInstanceOfSatisfying(
                                ReplyException.class,
                                e -> assertThat(e.failureType()).isEqualTo(ReplyFailure.TIMEOUT));
                assertThat(Duration.ofNanos(System.nanoTime() - start))
                        .isBetween(Duration.ofMillis(1_100), Duration.ofSeconds(5));
            } finally {
                Blocking.RELEASE.countDown();
            }
        }
    }

    private static Future<Answer> call(Vertx vertx, String function, long deadlineInMillis) {
        WireRequest request = new WireRequest(
                "POST",
                "/sub",
                (String) null,
                "call-1",
                System.currentTimeMillis() + deadlineInMillis,
                MultiMap.caseInsensitiveMultiMap(),
                Buffer.buffer("hello"));
        return LocalInstances.of(vertx).call(vertx, function, request);
    }
}
