package io.vfn;

import java.util.Optional;

/**
 * A failure the platform answers as {@code application/problem+json}. Expected failures (a bad name, an
 * unknown function) are the common case, so this exception carries no stack trace.
 *
 * <p>A function's own failure has two texts: its {@link #detail()} says only that it failed, for anyone; its
 * {@link #functionCause()} (the exception's class and message, which may tell more than its author meant to share)
 * goes to the function's log, and to callers that showed a credential ({@link #detailFor}).
 */
public final class VfnException extends RuntimeException {

    private final Failure failure;
    private final String functionCause;

    /**
     * @param failure the kind, which decides the status
     * @param detail  what happened, shown to the caller
     */
    public VfnException(Failure failure, String detail) {
        this(failure, detail, null);
    }

    /**
     * @param failure       the kind, which decides the status
     * @param detail        what happened, shown to any caller
     * @param functionCause what the function's failure said, shown only to callers with a credential; {@code null}
     *                      when the failure is the platform's own
     */
    public VfnException(Failure failure, String detail, String functionCause) {
        super(detail, null, false, false);
        this.failure = failure;
        this.functionCause = functionCause;
    }

    /** @return the kind of failure */
    public Failure failure() {
        return failure;
    }

    /** @return what happened, shown to any caller */
    public String detail() {
        return getMessage();
    }

    /** @return what the function's failure said (exception class and message), when the function failed */
    public Optional<String> functionCause() {
        return Optional.ofNullable(functionCause);
    }

    /**
     * @param privileged whether the caller showed a credential for the function (its key, or the admin token)
     * @return the detail this caller is told: the function's own words for a privileged caller, else {@link #detail()}
     */
    public String detailFor(boolean privileged) {
        return privileged && functionCause != null ? functionCause : detail();
    }
}
