package io.vfn.scheduler;

/** Where the delivery of an ended call's result to its callback URL is: {@code callback.state} in the record. */
public enum CallbackState {
    /** Not attempted yet. */
    PENDING,
    /** Attempted, and another attempt follows after a back-off. */
    RETRYING,
    /** The receiver answered 2xx or 3xx. */
    DELIVERED,
    /** Given up: a 4xx other than 429, or the last attempt failed. */
    FAILED;

    /** @return the lower-case name used in the record */
    public String label() {
        return name().toLowerCase();
    }
}
