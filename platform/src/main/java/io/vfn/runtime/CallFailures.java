package io.vfn.runtime;

import io.vertx.core.eventbus.ReplyException;
import io.vfn.Failure;
import io.vfn.VfnException;

/** Turns what went wrong with an event-bus call into the platform failure the caller sees. */
public final class CallFailures {

    /** How Vert.x answers a message its consumer dropped, unread, when it unregistered (an instance stopping). */
    private static final String DISCARDED = "Discarded the request";

    private CallFailures() {}

    /**
     * Whether a call failed before any instance saw it: no instance was registered when it arrived, the instance it
     * was queued for stopped first, or it reached a leaving node after its instances stopped. Such a call may safely
     * be sent again.
     *
     * @param cause why the call failed
     * @return whether the function never ran
     */
    public static boolean neverRan(Throwable cause) {
        if (!(cause instanceof ReplyException reply)) {
            return false;
        }
        return reply.failureType() == io.vertx.core.eventbus.ReplyFailure.NO_HANDLERS
                || reply.failureType() == io.vertx.core.eventbus.ReplyFailure.RECIPIENT_FAILURE
                        && reply.failureCode() == FunctionRuntime.GONE
                || reply.failureType() == io.vertx.core.eventbus.ReplyFailure.TIMEOUT
                        && reply.getMessage() != null
                        && reply.getMessage().startsWith(DISCARDED);
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
        if (neverRan(cause)) {
            return Failure.UNAVAILABLE.exception("no ready instance of function '" + function + "'");
        }
        if (cause instanceof ReplyException reply) {
            return switch (reply.failureType()) {
                case NO_HANDLERS -> Failure.UNAVAILABLE.exception("no ready instance of function '" + function + "'");
                case TIMEOUT -> Failure.TIMEOUT.exception("function '" + function + "' did not answer in time");
                case RECIPIENT_FAILURE, ERROR -> ofRecipient(function, reply);
            };
        }
        return Failure.FUNCTION_FAILED.exception("calling function '" + function + "' failed: " + cause.getMessage());
    }

    /**
     * A failure the function's side answered. When the function itself failed, its words (an exception's class and
     * message, which may hold what its author did not mean to share) are kept apart from the detail anyone sees.
     */
    private static VfnException ofRecipient(String function, ReplyException reply) {
        Failure failure = Failure.ofStatus(reply.failureCode());
        if (failure != Failure.FUNCTION_FAILED) {
            return failure.exception(reply.getMessage());
        }
        return new VfnException(
                failure,
                "function '" + function + "' failed; the cause is in the function's log (vfn logs " + function + ")",
                reply.getMessage());
    }
}
