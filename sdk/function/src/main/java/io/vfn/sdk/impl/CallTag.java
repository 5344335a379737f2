package io.vfn.sdk.impl;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.internal.ContextInternal;
import io.vfn.sdk.FunctionRequest;
import java.util.Optional;

/**
 * Which function, which call of it and which trace, the code running now works for: what the platform's logging adds
 * to a line a function logs (with {@code FunctionContext.logger()}, {@code System.Logger}, JUL or SLF4J over JUL),
 * and the trace a call to another function continues. Set on
 * the thread while a function's {@code handle} runs, and on the call's own (duplicated) Vert.x context so that its
 * callbacks, which run on that context, carry it too.
 *
 * @param vertx    the node the function runs on (several nodes can share a JVM in tests)
 * @param function the function's name
 * @param callId   the call's id; empty outside a call (in {@code init}, or a timer of the instance's own)
 * @param trace    the trace context the call runs in, when it came with one
 */
public record CallTag(Vertx vertx, String function, String callId, Optional<TraceContext> trace) {

    private static final ThreadLocal<CallTag> CURRENT = new ThreadLocal<>();
    private static final Object KEY = CallTag.class;

    /**
     * @param vertx    the node the function runs on
     * @param function the function's name
     * @param request  the call it handles
     * @return the call's tag, with the trace context of its {@code traceparent}
     */
    public static CallTag of(Vertx vertx, String function, FunctionRequest request) {
        return new CallTag(vertx, function, request.callId(), TraceContext.from(request.headers()));
    }

    /**
     * @param vertx    the node the function runs on
     * @param function the function's name
     * @return the tag of the function's code outside any call
     */
    public static CallTag outsideCalls(Vertx vertx, String function) {
        return new CallTag(vertx, function, "", Optional.empty());
    }

    /** @return the trace id of the call's trace context, empty without one */
    public String traceId() {
        return trace.map(TraceContext::traceId).orElse("");
    }

    /** @return the tag of the code running now, if it works for a function */
    public static Optional<CallTag> current() {
        CallTag onThread = CURRENT.get();
        if (onThread != null) {
            return Optional.of(onThread);
        }
        Context context = Vertx.currentContext();
        if (context instanceof ContextInternal internal && internal.isDuplicate()) {
            return Optional.ofNullable((CallTag) internal.localContextData().get(KEY));
        }
        return Optional.empty();
    }

    /**
     * Runs code with this tag on the thread, and puts it on the current context when that is a call's own.
     *
     * @param code what to run
     * @param <T>  what it answers
     * @param <E>  what it throws
     * @return its answer
     * @throws E when the code throws it
     */
    public <T, E extends Exception> T call(Work<T, E> code) throws E {
        Context context = Vertx.currentContext();
        if (context instanceof ContextInternal internal && internal.isDuplicate()) {
            internal.localContextData().put(KEY, this);
        }
        CallTag previous = CURRENT.get();
        CURRENT.set(this);
        try {
            return code.run();
        } finally {
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
        }
    }

    /**
     * Code run with a tag.
     *
     * @param <T> what it answers
     * @param <E> what it throws
     */
    @FunctionalInterface
    public interface Work<T, E extends Exception> {
        /** @return the answer @throws E its failure */
        T run() throws E;
    }
}
