package io.vfn.sdk.impl;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.internal.ContextInternal;
import java.util.Optional;

/**
 * Which function, and which call of it, the code running now works for: what the platform's logging adds to a line
 * a function logs (with {@code FunctionContext.logger()}, {@code System.Logger}, JUL or SLF4J over JUL). Set on
 * the thread while a function's {@code handle} runs, and on the call's own (duplicated) Vert.x context so that its
 * callbacks, which run on that context, carry it too.
 *
 * @param vertx    the node the function runs on (several nodes can share a JVM in tests)
 * @param function the function's name
 * @param callId   the call's id; empty outside a call (in {@code init}, or a timer of the instance's own)
 */
public record CallTag(Vertx vertx, String function, String callId) {

    private static final ThreadLocal<CallTag> CURRENT = new ThreadLocal<>();
    private static final Object KEY = CallTag.class;

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
