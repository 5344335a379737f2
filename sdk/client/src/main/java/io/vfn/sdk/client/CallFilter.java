package io.vfn.sdk.client;

import java.util.Objects;
import java.util.Optional;

/**
 * Which async calls {@link VfnClient#calls(CallFilter)} lists, newest first.
 *
 * <pre>{@code
 * client.calls(CallFilter.all().function("resize").status("failed"))   // the dead-letter view of one function
 * }</pre>
 */
public final class CallFilter {

    private String function;
    private String status;
    private int limit = 100;

    private CallFilter() {}

    /** @return a filter that lets every call through (the newest 100) */
    public static CallFilter all() {
        return new CallFilter();
    }

    /**
     * @param function only calls of this function
     * @return this
     */
    public CallFilter function(String function) {
        this.function = Objects.requireNonNull(function, "function");
        return this;
    }

    /**
     * @param status only calls in this state: {@code queued}, {@code running}, {@code succeeded}, {@code failed},
     *               {@code cancelled} or {@code expired}
     * @return this
     */
    public CallFilter status(String status) {
        this.status = Objects.requireNonNull(status, "status");
        return this;
    }

    /**
     * @param limit the most calls to list (1 to 10,000)
     * @return this
     */
    public CallFilter limit(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive, was " + limit);
        }
        this.limit = limit;
        return this;
    }

    /** @return the function, when filtered by one */
    public Optional<String> function() {
        return Optional.ofNullable(function);
    }

    /** @return the state, when filtered by one */
    public Optional<String> status() {
        return Optional.ofNullable(status);
    }

    /** @return the most calls to list */
    public int limit() {
        return limit;
    }
}
