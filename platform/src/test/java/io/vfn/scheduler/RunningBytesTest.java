package io.vfn.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunningBytesTest {

    /** Room for ten of the largest calls: 10 × 100 × 4 bytes. */
    private final RunningBytes bytes = new RunningBytes(4_000, 100);

    @Test
    void reserve_grantsOnlyTheLargestCallsThatFit_andHoldsTheirRoom() {
        assertThat(bytes.reserve(64, () -> {})).isEqualTo(10);
        assertThat(bytes.held()).isEqualTo(4_000);
        assertThat(bytes.reserve(1, () -> {})).isZero();
    }

    @Test
    void aCallLargerThanTheWholeBound_stillRuns_whenNothingElseHoldsAny() {
        RunningBytes small = new RunningBytes(100, 1_000);

        assertThat(small.reserve(3, () -> {})).isEqualTo(1);
        assertThat(small.reserve(3, () -> {})).isZero();
    }

    @Test
    void afterTheLease_whatACallReallyHoldsReplacesTheReservation() {
        int granted = bytes.reserve(10, () -> {});
        long held = bytes.hold(recordOf(30));
        bytes.release(bytes.reservation(granted));

        assertThat(held).isEqualTo(recordOf(30).bytes() * RunningBytes.HELD_PER_RECORD_BYTE);
        assertThat(bytes.held()).isEqualTo(held);
        bytes.release(held);
        assertThat(bytes.held()).isZero();
    }

    @Test
    void callsWaitingForRoom_tryAgainInTheOrderTheyBeganToWait_onceRoomIsReleased() {
        int first = bytes.reserve(10, () -> {});
        List<String> retried = new ArrayList<>();
        assertThat(bytes.reserve(1, () -> retried.add("a"))).isZero();
        assertThat(bytes.reserve(1, () -> retried.add("b"))).isZero();

        assertThat(retried).isEmpty();
        bytes.release(bytes.reservation(first));

        assertThat(retried).containsExactly("a", "b");
        assertThat(bytes.reserve(1, () -> retried.add("again"))).isEqualTo(1);
    }

    private static CallRecord recordOf(int bodyBytes) {
        return CallRecord.accepted(
                "call",
                "f",
                "POST",
                "",
                null,
                MultiMap.caseInsensitiveMultiMap(),
                Buffer.buffer(new byte[bodyBytes]),
                null,
                0);
    }
}
