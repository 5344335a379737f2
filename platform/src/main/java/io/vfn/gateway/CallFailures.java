package io.vfn.gateway;

import io.vertx.core.eventbus.ReplyException;
import io.vfn.Failure;
import io.vfn.VfnException;

/** Turns what went wrong with an event-bus call into the platform failure the caller sees. */
public final class CallFailures {

    private CallFailures() {
    }

    /**
     * @param function the function called
     * @param cause    why the call failed
     * @return the failure to answer
     */
    public static VfnException of(String function, Throwable cause) {
        if (cause instanceof VfnException known) {
            return known;
        }
        if (cause instanceof ReplyException reply) {
            return switch (reply.failureType()) {
                case NO_HANDLERS -> Failure.UNAVAILABLE.exception("no ready instance of function '" + function + "'");
                case TIMEOUT -> Failure.TIMEOUT.exception("function '" + function + "' did not answer in time");
                case RECIPIENT_FAILURE, ERROR -> Failure.ofStatus(reply.failureCode()).exception(reply.getMessage());
            };
        }
        return Failure.FUNCTION_FAILED.exception("calling function '" + function + "' failed: " + cause.getMessage());
    }
}
