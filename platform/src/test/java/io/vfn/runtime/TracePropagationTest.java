package io.vfn.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vfn.launcher.VfnNode;
import io.vfn.testfunctions.TraceEcho;
import io.vfn.testing.Await;
import io.vfn.testing.CallbackReceiver;
import io.vfn.testing.Gateway;
import io.vfn.testing.TestJars;
import io.vfn.testing.TestNode;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A caller's W3C {@code traceparent} goes with its call everywhere: to the function, to a function it invokes, into
 * the async record, its attempts and its callback, and onto the function's log lines; a missing or malformed one is
 * replaced by a new trace, which the caller reads from {@code traceresponse}.
 */
class TracePropagationTest {

    private static final String SECRET = "whsec_vH0GS44WAeSQMHVBbW8aNd6pw+5xplZY5yEMvLo3TTs=";
    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String CALLER_SPAN = "00f067aa0ba902b7";
    private static final String TRACEPARENT = "00-" + TRACE_ID + "-" + CALLER_SPAN + "-01";

    private static VfnNode node;
    private static Gateway gateway;

    @BeforeAll
    static void start() {
        node = TestNode.start("--callback-allow", "127.0.0.1", "--callback-secret", SECRET);
        gateway = new Gateway(node);
        gateway.deploy("trace-a", TestJars.of(TraceEcho.class), "");
        gateway.deploy("trace-b", TestJars.of(TraceEcho.class), "");
    }

    @AfterAll
    static void stop() {
        gateway.close();
        TestNode.stop(node);
    }

    @Test
    void syncCallsTraceparent_reachesTheFunctionAndTheOneItInvokes_eachInASpanOfItsOwn() {
        HttpResponse<Buffer> response = gateway.invoke(
                "trace-a",
                "trace-b",
                MultiMap.caseInsensitiveMultiMap()
                        .add("traceparent", TRACEPARENT)
                        .add("tracestate", "vendor=1"));

        JsonObject seen = response.bodyAsJsonObject();
        String a = seen.getString("traceparent");
        String b = seen.getJsonObject("nested").getString("traceparent");
        assertThat(a).startsWith("00-" + TRACE_ID + "-").endsWith("-01").doesNotContain(CALLER_SPAN);
        assertThat(b).startsWith("00-" + TRACE_ID + "-").endsWith("-01");
        assertThat(span(b)).isNotEqualTo(span(a));
        assertThat(seen.getString("tracestate")).isEqualTo("vendor=1");
        assertThat(response.getHeader("traceresponse")).isEqualTo(a);
        String callId = response.getHeader("X-Call-Id");
        assertThat(gateway.adminGet("/system/functions/trace-a/logs").bodyAsJsonArray().stream()
                        .map(JsonObject.class::cast)
                        .filter(line -> callId.equals(line.getString("callId"))))
                .singleElement()
                .satisfies(line -> assertThat(line.getString("traceId")).isEqualTo(TRACE_ID));
    }

    @Test
    void asyncCallsTraceparent_isKeptInItsRecord_andReachesItsAttemptAndItsCallback() {
        try (CallbackReceiver receiver = new CallbackReceiver(SECRET, 0)) {
            HttpResponse<Buffer> accepted = Await.result(
                    gateway.client()
                            .post("/async-function/trace-a")
                            .putHeader("traceparent", TRACEPARENT)
                            .putHeader("X-Callback-Url", receiver.url())
                            .send(),
                    30);
            String callId = accepted.getHeader("X-Call-Id");

            gateway.awaitEnd(callId, 30);
            JsonObject record = gateway.adminGet("/calls/" + callId).bodyAsJsonObject();

            assertThat(accepted.getHeader("traceresponse")).isEqualTo(TRACEPARENT);
            assertThat(record.getString("traceparent")).isEqualTo(TRACEPARENT);
            String attempt =
                    record.getJsonObject("result").getJsonObject("body").getString("traceparent");
            assertThat(attempt).startsWith("00-" + TRACE_ID + "-").doesNotContain(CALLER_SPAN);
            assertThat(record.getJsonArray("logs").getJsonObject(0).getString("traceId"))
                    .isEqualTo(TRACE_ID);
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> receiver.headers().containsKey(callId));
            assertThat(receiver.headers().get(callId).get("traceparent")).isEqualTo(TRACEPARENT);
        }
    }

    /** Every malformed form is told apart in {@code TraceContextTest}; here, that the node then starts a new trace. */
    @ParameterizedTest
    @ValueSource(strings = {"", "garbage", "00-00000000000000000000000000000000-00f067aa0ba902b7-01"})
    void missingOrMalformedTraceparent_startsANewTraceWithoutTheTracestate_toldInTraceresponse(String given) {
        MultiMap headers = MultiMap.caseInsensitiveMultiMap().add("tracestate", "vendor=1");
        if (!given.isEmpty()) {
            headers.add("traceparent", given);
        }

        HttpResponse<Buffer> response = gateway.invoke("trace-b", "", headers);

        String seen = response.bodyAsJsonObject().getString("traceparent");
        assertThat(seen).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01").doesNotContain(TRACE_ID);
        assertThat(response.getHeader("traceresponse")).isEqualTo(seen);
        assertThat(response.bodyAsJsonObject().getString("tracestate")).isEmpty();
    }

    private static String span(String traceparent) {
        return traceparent.substring(36, 52);
    }
}
