package io.vfn.scheduler;

import io.vfn.Failure;

/** Where an async call is in its life. */
public enum CallStatus {
    /** Accepted and waiting in its function's queue (or waiting out a retry's back-off). */
    QUEUED,
    /** Leased by a node and running. */
    RUNNING,
    /** Ended with the function's 2xx or 3xx answer. */
    SUCCEEDED,
    /** Ended without success: the function's 4xx, or its last attempt failed. */
    FAILED,
    /** Cancelled while queued. */
    CANCELLED,
    /** Older than the function's {@code maxAge} before it could run. */
    EXPIRED;

    /** @return the lower-case name used in JSON and queries */
    public String label() {
        return name().toLowerCase();
    }

    /** @return whether the call has ended */
    public boolean ended() {
        return this != QUEUED && this != RUNNING;
    }

    /**
     * Why a call that ended in this state has no result, as every route and callback tells it: its function failed
     * ({@code 502}, which is only for a function that failed), it expired before it could run ({@code 504}), it was
     * cancelled ({@code 409}).
     *
     * @return the failure
     */
    public Failure withoutResult() {
        return switch (this) {
            case EXPIRED -> Failure.TIMEOUT;
            case CANCELLED -> Failure.CONFLICT;
            default -> Failure.FUNCTION_FAILED;
        };
    }

    /**
     * @param label a lower-case name
     * @return the status
     * @throws IllegalArgumentException when there is none of that name
     */
    public static CallStatus of(String label) {
        return valueOf(label.toUpperCase());
    }
}
