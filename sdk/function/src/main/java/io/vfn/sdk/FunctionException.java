package io.vfn.sdk;

/**
 * A call that the platform failed: the status a caller over HTTP would see and what happened. It is how
 * {@link FunctionContext#invoke} and the test kit's {@link io.vfn.sdk.testing.FunctionHarness} fail.
 *
 * <pre>{@code
 * context.invoke("geo", request).recover(failure -> failure instanceof FunctionException e && e.status() == 404
 *         ? Future.succeededFuture(FunctionResponse.status(204))
 *         : Future.failedFuture(failure));
 * }</pre>
 * A function that fails with one (passing on a failed {@code invoke}, say) answers its own caller with the same
 * status and detail; any other failure is a {@code 502}. A function's own 4xx or 5xx is a {@link FunctionResponse},
 * never this.
 */
public final class FunctionException extends RuntimeException {

    private final int status;

    /**
     * @param status the HTTP status: {@code 404} unknown function, {@code 429} its in-flight limit reached,
     *     {@code 502} it failed, {@code 503} no instance ready, {@code 504} too slow …
     * @param detail what happened, for a human
     */
    public FunctionException(int status, String detail) {
        // Expected failures, often many: no stack trace to fill.
        super(detail == null ? "" : detail, null, false, false);
        this.status = status;
    }

    /** @return the HTTP status a caller would see */
    public int status() {
        return status;
    }

    /** @return what happened, for a human */
    public String detail() {
        return getMessage();
    }

    @Override
    public String toString() {
        return "FunctionException(" + status + "): " + getMessage();
    }
}
