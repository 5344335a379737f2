package io.vfn.sdk.impl;

import io.vertx.core.MultiMap;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A W3C Trace Context (<a href="https://www.w3.org/TR/trace-context/">trace-context</a>): the trace a call belongs
 * to and the span it runs as, carried in the {@code traceparent} header, with the {@code tracestate} the caller sent
 * passed on as it came.
 *
 * <p>Internal to vfn: the platform continues the caller's trace (or starts one) for every call it delivers, and the
 * SDK files a function's log lines under the trace of the call they belong to.
 *
 * @param traceId the trace: 32 lowercase hex digits, not all zero
 * @param spanId  the span: 16 lowercase hex digits, not all zero
 * @param flags   the trace flags: 2 lowercase hex digits ({@code 01}: sampled)
 * @param state   the {@code tracestate} to pass on, empty for none
 */
public record TraceContext(String traceId, String spanId, String flags, String state) {

    /** The request header that carries the context. */
    public static final String TRACEPARENT = "traceparent";
    /** The request header that carries vendors' own trace data, passed on with a valid {@code traceparent} only. */
    public static final String TRACESTATE = "tracestate";
    /** The response header that tells the caller the context its call ran in (W3C Trace Context Level 2). */
    public static final String TRACERESPONSE = "traceresponse";

    private static final int LENGTH = 55;
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    /**
     * @param headers a call's headers
     * @return the context of its one {@code traceparent}, when that is valid; empty when there is none, more than
     *     one, or it is malformed (the W3C rule: then a new trace is started, and the {@code tracestate} dropped)
     */
    public static Optional<TraceContext> from(MultiMap headers) {
        List<String> parents = headers.getAll(TRACEPARENT);
        if (parents.size() != 1) {
            return Optional.empty();
        }
        return parse(parents.get(0), String.join(",", headers.getAll(TRACESTATE)));
    }

    /**
     * The one rule for every call vfn delivers (HTTP, WebSocket, async attempts, {@code FunctionContext.invoke}, the
     * test kit's harness): the call runs as a new span of the trace its headers carry; without a valid one, of the
     * trace of the function call that makes it (a function calling another); else of a new trace.
     *
     * @param headers the call's headers
     * @return the span the call runs as
     */
    public static TraceContext forCall(MultiMap headers) {
        return from(headers)
                .or(() -> CallTag.current().flatMap(CallTag::trace))
                .map(TraceContext::child)
                .orElseGet(TraceContext::start);
    }

    /**
     * @param traceparent a {@code traceparent} value
     * @param tracestate  the {@code tracestate} that came with it, empty for none
     * @return its context, when the value is valid: version {@code 00} exactly as the spec writes it, or a later
     *     version (not {@code ff}) whose first four fields read as version {@code 00}'s
     */
    public static Optional<TraceContext> parse(String traceparent, String tracestate) {
        String value = traceparent.trim();
        if (value.length() < LENGTH
                || !isHex(value, 0, 2)
                || value.startsWith("ff")
                || (value.startsWith("00")
                        ? value.length() != LENGTH
                        : value.length() > LENGTH && value.charAt(LENGTH) != '-')
                || value.charAt(2) != '-'
                || value.charAt(35) != '-'
                || value.charAt(52) != '-'
                || !isHex(value, 3, 35)
                || !isHex(value, 36, 52)
                || !isHex(value, 53, LENGTH)) {
            return Optional.empty();
        }
        String traceId = value.substring(3, 35);
        String spanId = value.substring(36, 52);
        if (isZero(traceId) || isZero(spanId)) {
            return Optional.empty();
        }
        return Optional.of(new TraceContext(traceId, spanId, value.substring(53, LENGTH), tracestate.trim()));
    }

    /**
     * @return a new trace, sampled (so that a function's own tracing, if it samples by its parent, records its spans;
     *     vfn itself records none), without state
     */
    public static TraceContext start() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high;
        long low;
        do {
            high = random.nextLong();
            low = random.nextLong();
        } while (high == 0 && low == 0);
        return new TraceContext(hex(high) + hex(low), newSpanId(), "01", "");
    }

    /** @return a span of this trace run under this one: same trace, flags and state, a new span id */
    public TraceContext child() {
        return new TraceContext(traceId, newSpanId(), flags, state);
    }

    /** @return the {@code traceparent} value, version {@code 00} */
    public String traceparent() {
        return "00-" + traceId + "-" + spanId + "-" + flags;
    }

    /**
     * Puts this context on headers, in place of any they carried.
     *
     * @param headers a call's headers
     */
    public void writeTo(MultiMap headers) {
        headers.set(TRACEPARENT, traceparent());
        if (state.isEmpty()) {
            headers.remove(TRACESTATE);
        } else {
            headers.set(TRACESTATE, state);
        }
    }

    private static String newSpanId() {
        long span;
        do {
            span = ThreadLocalRandom.current().nextLong();
        } while (span == 0);
        return hex(span);
    }

    private static String hex(long value) {
        char[] digits = new char[16];
        for (int i = 15; i >= 0; i--) {
            digits[i] = HEX[(int) (value & 0xF)];
            value >>>= 4;
        }
        return new String(digits);
    }

    /** Lowercase only: the spec's hex digits are lowercase, an uppercase one makes the value invalid. */
    private static boolean isHex(String value, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = value.charAt(i);
            if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f')) {
                return false;
            }
        }
        return true;
    }

    private static boolean isZero(String hex) {
        for (int i = 0; i < hex.length(); i++) {
            if (hex.charAt(i) != '0') {
                return false;
            }
        }
        return true;
    }
}
