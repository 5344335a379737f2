package io.vfn.scheduler;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential back-off with full jitter: attempt {@code n} waits a random time up to
 * {@code base × 2^(n-1)}, at most {@code max}, so that retries of many calls spread out.
 *
 * @param baseMs the first delay's bound
 * @param maxMs  the bound of every delay
 */
public record RetryPolicy(long baseMs, long maxMs) {

    /** The platform's policy for function calls: 200 ms, doubling, at most 30 s. */
    public static final RetryPolicy CALLS = new RetryPolicy(200, 30_000);
    /** The policy for callback deliveries: 500 ms, doubling, at most 60 s. */
    public static final RetryPolicy CALLBACKS = new RetryPolicy(500, 60_000);

    /**
     * @param attempt the attempt that failed, from 1
     * @return how long to wait before the next one
     */
    public long delayMs(int attempt) {
        long bound = Math.min(maxMs, baseMs << Math.min(20, Math.max(0, attempt - 1)));
        // Half fixed, half random: growing for sure, yet spread.
        return bound / 2 + ThreadLocalRandom.current().nextLong(bound / 2 + 1);
    }
}
