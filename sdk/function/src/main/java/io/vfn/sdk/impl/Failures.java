package io.vfn.sdk.impl;

import io.vertx.core.eventbus.ReplyException;
import io.vfn.sdk.FunctionException;

/** Where a failure meets the status a caller sees, on both sides of a call. */
final class Failures {

    private Failures() {}

    /**
     * What an instance answers for a call its function failed: a {@link FunctionException} as it is, anything else
     * (an exception, an {@link Error}) as a {@code 502}.
     *
     * @param cause why the function's answer failed
     * @return the failure to answer
     */
    static FunctionException ofFunction(Throwable cause) {
        if (cause instanceof FunctionException known) {
            return known;
        }
        String message = cause.getMessage();
        return new FunctionException(
                502,
                "the function failed: " + cause.getClass().getSimpleName() + (message == null ? "" : ": " + message));
    }

    /** @return what an instance answers for a function that answered {@code null} */
    static FunctionException answeredNothing() {
        return new FunctionException(502, "the function answered nothing");
    }

    /**
     * How a call sent straight over a bare Vert.x's event bus (no node: the test kit) failed, as a node would say it.
     *
     * @param function the function called
     * @param cause    why the call failed
     * @return the failure: the instance's status, {@code 404} when nothing consumes the function's address,
     *     {@code 504} when no answer came in time
     */
    static FunctionException ofCall(String function, Throwable cause) {
        if (!(cause instanceof ReplyException reply)) {
            return ofFunction(cause);
        }
        return switch (reply.failureType()) {
            case NO_HANDLERS -> new FunctionException(404, "no function named '" + function + "'");
            case TIMEOUT -> new FunctionException(504, "function '" + function + "' did not answer in time");
            case RECIPIENT_FAILURE, ERROR ->
                new FunctionException(
                        reply.failureCode() >= 400 && reply.failureCode() <= 599 ? reply.failureCode() : 502,
                        reply.getMessage());
        };
    }
}
