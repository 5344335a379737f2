package io.vfn.runtime;

import io.vfn.sdk.AsyncFunction;
import io.vfn.sdk.BlockingFunction;
import io.vfn.sdk.FunctionVerticle;
import java.util.Optional;

/** The three shapes a function class can have. */
public enum FunctionKind {
    /** An {@link AsyncFunction}: runs on a worker context of its instance's own, one task at a time. */
    ASYNC,
    /** A {@link BlockingFunction}: runs on the function's worker pool. */
    BLOCKING,
    /** A {@link FunctionVerticle}: a verticle that consumes its own address. */
    VERTICLE;

    /**
     * @param type a loaded class
     * @return its kind, empty when it is none of them
     */
    public static Optional<FunctionKind> of(Class<?> type) {
        if (FunctionVerticle.class.isAssignableFrom(type)) {
            return Optional.of(VERTICLE);
        }
        if (BlockingFunction.class.isAssignableFrom(type)) {
            return Optional.of(BLOCKING);
        }
        if (AsyncFunction.class.isAssignableFrom(type)) {
            return Optional.of(ASYNC);
        }
        return Optional.empty();
    }
}
