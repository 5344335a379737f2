package io.vfn.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/** Back-off: half fixed, half random, doubling per attempt, never past its bound. */
class RetryPolicyTest {

    private final RetryPolicy policy = new RetryPolicy(200, 30_000);

    @RepeatedTest(20)
    void attemptN_waitsBetweenHalfAndAllOfItsDoubledBound() {
        assertThat(policy.delayMs(1)).isBetween(100L, 200L);
        assertThat(policy.delayMs(2)).isBetween(200L, 400L);
        assertThat(policy.delayMs(4)).isBetween(800L, 1_600L);
    }

    @Test
    void lateAttempts_stayWithinTheMaximum_withoutOverflow() {
        assertThat(policy.delayMs(9)).isBetween(15_000L, 30_000L);
        assertThat(policy.delayMs(Integer.MAX_VALUE)).isBetween(15_000L, 30_000L);
    }

    @Test
    void anAttemptBelowOne_waitsAsTheFirst() {
        assertThat(policy.delayMs(0)).isBetween(100L, 200L);
    }
}
