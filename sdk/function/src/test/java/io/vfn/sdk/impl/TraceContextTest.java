package io.vfn.sdk.impl;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.MultiMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The W3C {@code traceparent} rules: what is continued, what starts a new trace, and what a child keeps. */
class TraceContextTest {

    private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final String SPAN_ID = "00f067aa0ba902b7";

    @ParameterizedTest
    @CsvSource({
        "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01, 01",
        "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-00, 00",
        // A later version is read by version 00's fields, whatever follows them.
        "01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01, 01",
        "cc-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-09-what-comes-later, 09"
    })
    void validTraceparent_isContinued(String traceparent, String flags) {
        assertThat(TraceContext.parse(traceparent, "")).contains(new TraceContext(TRACE_ID, SPAN_ID, flags, ""));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "garbage",
                "00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01",
                "00-00000000000000000000000000000000-00f067aa0ba902b7-01",
                "00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01",
                "ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
                "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-extra",
                "01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01extra",
                "00_4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
                "00-4bf92f3577b34da6a3ce929d0e0e473-600f067aa0ba902b7-01",
                "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-0g"
            })
    void malformedTraceparent_isNotContinued(String traceparent) {
        assertThat(TraceContext.parse(traceparent, "vendor=1")).isEmpty();
    }

    @Test
    void twoTraceparentHeaders_areNotContinued_andTracestateHeadersAreJoined() {
        String one = "00-" + TRACE_ID + "-" + SPAN_ID + "-01";
        MultiMap headers = MultiMap.caseInsensitiveMultiMap().add("traceparent", one);
        headers.add("tracestate", "a=1").add("tracestate", "b=2");

        assertThat(TraceContext.from(headers)).map(TraceContext::state).contains("a=1,b=2");
        assertThat(TraceContext.from(headers.add("traceparent", one))).isEmpty();
    }

    @Test
    void child_keepsTraceFlagsAndState_withANewSpanId() {
        TraceContext parent = new TraceContext(TRACE_ID, SPAN_ID, "01", "vendor=1");

        TraceContext child = parent.child();

        assertThat(child.traceId()).isEqualTo(TRACE_ID);
        assertThat(child.spanId()).matches("[0-9a-f]{16}").isNotEqualTo(SPAN_ID);
        assertThat(child.flags()).isEqualTo("01");
        assertThat(child.state()).isEqualTo("vendor=1");
    }

    @Test
    void startedTrace_isValidAndSampled_andWritesNoTracestate() {
        MultiMap headers = MultiMap.caseInsensitiveMultiMap().add("tracestate", "stale=1");

        TraceContext.start().writeTo(headers);

        assertThat(headers.get("traceparent")).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-01");
        assertThat(TraceContext.from(headers)).isPresent();
        assertThat(headers.contains("tracestate")).isFalse();
    }
}
