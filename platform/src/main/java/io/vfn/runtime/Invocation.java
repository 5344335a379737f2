package io.vfn.runtime;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vfn.sdk.impl.TraceContext;
import java.util.Optional;

/**
 * One call as a caller hands it to the {@link Invoker}: what the function will see, apart from its deadline.
 *
 * @param method   the HTTP method, e.g. {@code POST}
 * @param path     the sub-path after the function's name, {@code /} when there is none
 * @param rawQuery the raw query string, or {@code null} when there is none
 * @param callId   the call's id
 * @param headers  the caller's headers, read only; entries named with a leading {@code :} are the platform's own
 *                 and are never passed on, whoever set them
 * @param body     the body, never {@code null}
 * @param trace    the trace context the function runs in: a new span of the caller's trace
 */
public record Invocation(
        String method, String path, String rawQuery, String callId, MultiMap headers, Buffer body, TraceContext trace) {

    /**
     * A call in the trace its headers name: a new span of their {@code traceparent}'s trace when that is valid, else
     * the first span of a new trace (the W3C rule for a missing or malformed one).
     */
    public Invocation(String method, String path, String rawQuery, String callId, MultiMap headers, Buffer body) {
        this(method, path, rawQuery, callId, headers, body, spanOf(TraceContext.from(headers)));
    }

    /**
     * @param caller the caller's trace context, when it has a valid one
     * @return the span a call of that caller runs as
     */
    static TraceContext spanOf(Optional<TraceContext> caller) {
        return caller.map(TraceContext::child).orElseGet(TraceContext::start);
    }
}
