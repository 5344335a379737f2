package io.vfn.runtime;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vfn.sdk.impl.TraceContext;

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
 * @param trace    the trace context the function runs in: a span of its own, of the caller's trace or a new one
 */
public record Invocation(
        String method, String path, String rawQuery, String callId, MultiMap headers, Buffer body, TraceContext trace) {

    /** A call in the span {@link TraceContext#forCall} gives it: of the caller's trace, or of a new one. */
    public Invocation(String method, String path, String rawQuery, String callId, MultiMap headers, Buffer body) {
        this(method, path, rawQuery, callId, headers, body, TraceContext.forCall(headers));
    }
}
