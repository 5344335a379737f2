package io.vfn.sdk.client;

import static io.vfn.sdk.client.testing.Futures.await;
import static io.vfn.sdk.client.testing.Futures.failure;
import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.buffer.Buffer;
import io.vfn.sdk.client.testing.LocalNode;
import io.vfn.sdk.client.testing.NoSocketProxy;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Async calls through the client against a real node: pushed results, polling, the call operations. */
class AsyncCallsTest {

    private static LocalNode node;
    /** Polls only once an hour: a result that arrives within a test's bounds was pushed. */
    private static VfnClient pushOnly;

    @BeforeAll
    static void start() {
        node = LocalNode.start();
        pushOnly = VfnClient.create(node.options().pollInterval(Duration.ofHours(1)));
        await(pushOnly.deploy(
                "slow", LocalNode.exampleJar("sleep"), FunctionSpec.create().concurrency(1)));
        await(pushOnly.deploy(
                "failing", LocalNode.exampleJar("fail"), FunctionSpec.create().maxRetries(0)));
    }

    @AfterAll
    static void stop() {
        if (pushOnly != null) {
            pushOnly.close();
        }
        if (node != null) {
            node.close();
        }
    }

    @Test
    void invokeAsync_resultCompletesByPush() {
        AsyncCall call = await(pushOnly.invokeAsync(
                Invocation.of("echo").header("Content-Type", "text/plain").body("pushed")));

        InvokeResponse result = await(call.result());

        assertThat(call.callId()).isNotBlank();
        assertThat(result.status()).isEqualTo(200);
        assertThat(result.bodyAsString()).isEqualTo("pushed");
        assertThat(result.callId()).contains(call.callId());
    }

    @Test
    void invokeAsync_jsonAndBinaryBodies_comeBackByteForByte() {
        String json = "{ \"spaced\" :  [1, 2] }";
        byte[] binary = {0, (byte) 0xff, (byte) 0xfe, 10, 13, 0};

        InvokeResponse jsonResult = await(await(pushOnly.invokeAsync(Invocation.of("echo")
                        .header("Content-Type", "application/json")
                        .body(json)))
                .result());
        InvokeResponse binaryResult = await(await(pushOnly.invokeAsync(Invocation.of("echo")
                        .header("Content-Type", "application/octet-stream")
                        .body(Buffer.buffer(binary))))
                .result());

        assertThat(jsonResult.bodyAsString()).isEqualTo(json);
        assertThat(binaryResult.body().getBytes()).isEqualTo(binary);
    }

    @Test
    void manyCallsAwaitedAtOnce_allCompleteByPush() {
        List<AsyncCall> calls = new java.util.ArrayList<>();
        for (int i = 0; i < 50; i++) {
            calls.add(await(pushOnly.invokeAsync(
                    Invocation.of("echo").header("Content-Type", "text/plain").body("n" + i))));
        }

        for (int i = 0; i < calls.size(); i++) {
            assertThat(await(calls.get(i).result()).bodyAsString()).isEqualTo("n" + i);
        }
    }

    @Test
    void subscribe_toAnEndedCall_answersAtOnce() {
        AsyncCall call = await(pushOnly.invokeAsync(Invocation.of("echo").body("done")));
        await(call.result());

        assertThat(await(pushOnly.subscribe(call.callId())).bodyAsString()).isEqualTo("done");
    }

    @Test
    void withoutWebSocket_theResultIsPolled() {
        try (NoSocketProxy proxy =
                        new NoSocketProxy(Integer.parseInt(node.gateway().replaceAll(".*:", "")));
                VfnClient polling = VfnClient.create(
                        new VfnClientOptions().gateway(proxy.gateway()).pollInterval(Duration.ofMillis(50)))) {
            AsyncCall call = await(polling.invokeAsync(Invocation.of("echo").body("polled")));

            assertThat(await(call.result()).bodyAsString()).isEqualTo("polled");
        }
    }

    @Test
    void callAndCallResult_showTheRecordAndTheExactAnswer() {
        AsyncCall call = await(pushOnly.invokeAsync(
                Invocation.of("echo").header("Content-Type", "text/plain").body("kept")));
        await(call.result());

        CallInfo info = await(pushOnly.call(call.callId()));
        Optional<InvokeResponse> result = await(pushOnly.callResult(call.callId()));

        assertThat(info.callId()).isEqualTo(call.callId());
        assertThat(info.function()).isEqualTo("echo");
        assertThat(info.status()).isEqualTo("succeeded");
        assertThat(info.ended()).isTrue();
        assertThat(info.attempts()).isEqualTo(1);
        assertThat(info.result()).map(InvokeResponse::bodyAsString).contains("kept");
        assertThat(result).map(InvokeResponse::bodyAsString).contains("kept");
    }

    @Test
    void cancel_aQueuedCall_endsItCancelled() {
        AsyncCall running = await(pushOnly.invokeAsync(Invocation.of("slow").query("ms=3000")));
        AsyncCall queued = await(pushOnly.invokeAsync(Invocation.of("slow").query("ms=3000")));

        assertThat(await(pushOnly.callResult(queued.callId()))).isEmpty();
        CallInfo cancelled = await(pushOnly.cancel(queued.callId()));

        assertThat(cancelled.status()).isEqualTo("cancelled");
        assertThat(failure(queued.result()).status()).isEqualTo(409);
        assertThat(await(running.result()).bodyAsString()).isNotEmpty();
    }

    @Test
    void failedCall_isListedAsDeadLetter_andRetried() {
        AsyncCall call = await(pushOnly.invokeAsync(Invocation.of("failing")));
        VfnClientException failed = failure(call.result());

        List<CallInfo> deadLetters =
                await(pushOnly.calls(CallFilter.all().function("failing").status("failed")));
        CallInfo retried = await(pushOnly.retry(call.callId()));

        assertThat(failed.status()).isEqualTo(502);
        assertThat(failed.callId()).contains(call.callId());
        assertThat(deadLetters).extracting(CallInfo::callId).contains(call.callId());
        assertThat(deadLetters.get(0).error()).isPresent();
        assertThat(retried.status()).isEqualTo("queued");
        assertThat(failure(pushOnly.subscribe(call.callId())).status()).isEqualTo(502);
        assertThat(await(pushOnly.call(call.callId())).status()).isEqualTo("failed");
    }
}
