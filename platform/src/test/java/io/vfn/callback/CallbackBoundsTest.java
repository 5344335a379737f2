package io.vfn.callback;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vfn.launcher.VfnNode;
import io.vfn.scheduler.CallbackSender;
import io.vfn.testfunctions.GreeterV1;
import io.vfn.testing.Await;
import io.vfn.testing.Gateway;
import io.vfn.testing.TestJars;
import io.vfn.testing.TestNode;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A callback receiver cannot make a node hold its answer or its delivery: of a huge answer trickled slowly the node
 * reads at most {@link CallbackSender#MAX_ANSWER_BYTES} and cuts the connection, and an attempt that gets no answer
 * ends at its deadline ({@code --callback-timeout}), not at an idle timeout that a trickle would keep resetting.
 */
class CallbackBoundsTest {

    private static final Duration DEADLINE = Duration.ofSeconds(3);
    /** What the streaming receiver means to send: 1 GiB, 16 KiB every 10 ms. */
    private static final long GIGABYTE = 1L << 30;

    private static VfnNode node;
    private static Gateway gateway;
    private static Vertx receivers;

    @BeforeAll
    static void start() {
        node = TestNode.start("--callback-allow", "127.0.0.1", "--callback-timeout", DEADLINE.toSeconds() + "s");
        gateway = new Gateway(node);
        gateway.deploy("greeter", TestJars.of(GreeterV1.class), "");
        receivers = Vertx.vertx();
    }

    @AfterAll
    static void stop() {
        Await.result(receivers.close(), 30);
        gateway.close();
        TestNode.stop(node);
    }

    @Test
    void answerThatStreamsAGigabyteSlowly_isReadNoFurtherThanTheCap_andTheDeliveryEndsDelivered() {
        AtomicLong written = new AtomicLong();
        AtomicLong closedAfterMs = new AtomicLong(-1);
        HttpServer streamer = listen(receivers.createHttpServer().requestHandler(request -> {
            long start = System.nanoTime();
            HttpServerResponse response = request.response().setChunked(true).setStatusCode(200);
            response.closeHandler(v -> closedAfterMs.set((System.nanoTime() - start) / 1_000_000));
            Buffer chunk = Buffer.buffer(new byte[16 * 1024]);
            receivers.setPeriodic(10, id -> {
                if (response.closed() || written.get() >= GIGABYTE) {
                    receivers.cancelTimer(id);
                    return;
                }
                response.write(chunk).onSuccess(v -> written.addAndGet(chunk.length()));
            });
        }));

        String callId = submit(streamer);
        JsonObject callback = awaitCallback(callId, "delivered");

        await().atMost(Duration.ofSeconds(10)).until(() -> closedAfterMs.get() >= 0);
        System.out.printf(
                "streaming receiver: %d bytes written of %d meant, connection cut after %d ms, callback %s%n",
                written.get(), GIGABYTE, closedAfterMs.get(), callback);
        // The cap, plus what the two sockets' buffers took on the way: far below the gigabyte.
        assertThat(written.get()).isLessThan(4L << 20);
        assertThat(closedAfterMs.get()).isLessThan(DEADLINE.toMillis() + 2_000);
        assertThat(callback.getInteger("lastStatus")).isEqualTo(200);
    }

    @Test
    void receiverThatNeverAnswers_endsTheAttemptAtItsDeadline() {
        AtomicLong closedAfterMs = new AtomicLong(-1);
        HttpServer silent = listen(receivers.createHttpServer().requestHandler(request -> {
            long start = System.nanoTime();
            request.connection().closeHandler(v -> closedAfterMs.set((System.nanoTime() - start) / 1_000_000));
        }));

        String callId = submit(silent);
        JsonObject callback = awaitCallback(callId, "retrying");

        await().atMost(Duration.ofSeconds(10)).until(() -> closedAfterMs.get() >= 0);
        System.out.printf("silent receiver: attempt cut after %d ms, callback %s%n", closedAfterMs.get(), callback);
        assertThat(callback.getString("lastResult")).contains("deadline");
        // The deadline runs from the start of the attempt, this clock from the request's arrival: on a busy machine
        // the connection and the request's write took up to a second of the deadline (2,033 ms measured once).
        assertThat(closedAfterMs.get()).isBetween(DEADLINE.toMillis() - 1_500, DEADLINE.toMillis() + 2_000);
    }

    private static HttpServer listen(HttpServer server) {
        return Await.result(server.listen(0, "127.0.0.1"), 30);
    }

    private static String submit(HttpServer receiver) {
        String url = "http://127.0.0.1:" + receiver.actualPort() + "/callback";
        return gateway.invokeAsync("greeter", "", "ada", url).getHeader("X-Call-Id");
    }

    private static JsonObject awaitCallback(String callId, String state) {
        return await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100))
                .until(
                        () -> gateway.call(callId).getJsonObject("callback", new JsonObject()),
                        callback -> state.equals(callback.getString("state")));
    }
}
