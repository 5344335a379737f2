package io.vfn;

/**
 * A failure the platform answers as {@code application/problem+json}. Expected failures (a bad name, an
 * unknown function) are the common case, so this exception carries no stack trace.
 */
public final class VfnException extends RuntimeException {

    private final Failure failure;

    /**
     * @param failure the kind, which decides the status
     * @param detail  what happened, shown to the caller
     */
    public VfnException(Failure failure, String detail) {
        super(detail, null, false, false);
        this.failure = failure;
    }

    /** @return the kind of failure */
    public Failure failure() {
        return failure;
    }

    /** @return what happened, shown to the caller */
    public String detail() {
        return getMessage();
    }
}
