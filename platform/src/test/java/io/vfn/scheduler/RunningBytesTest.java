package io.vfn.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunningBytesTest {

    private static final long MIB = 1024 * 1024;

    /** 16 MiB, with calls of up to 1 MiB records (4 MiB held each). */
    private final RunningBytes bytes = new RunningBytes(16 * MIB, MIB);

    @Test
    void aBatch_sharesTheFreeRoom_eachShareAtMostTheLargestCall() {
        RunningBytes.Room few = bytes.reserve(2, () -> {});
        assertThat(few.calls()).isEqualTo(2);
        assertThat(few.perCall()).isEqualTo(4 * MIB);

        RunningBytes.Room many = bytes.reserve(64, () -> {});
        assertThat(many.calls()).isEqualTo(64);
        assertThat(many.perCall()).isEqualTo(8 * MIB / 64);
        assertThat(many.largestRecord()).isEqualTo(8 * MIB / 64 / RunningBytes.HELD_PER_RECORD_BYTE);
        assertThat(bytes.held()).isEqualTo(16 * MIB);
    }

    @Test
    void aBatch_getsFewerCalls_ratherThanSharesUnderTheLeastShare() {
        RunningBytes tight = new RunningBytes(4 * RunningBytes.LEAST_SHARE, MIB);

        RunningBytes.Room room = tight.reserve(64, () -> {});

        assertThat(room.calls()).isEqualTo(4);
        assertThat(room.perCall()).isEqualTo(RunningBytes.LEAST_SHARE);
    }

    @Test
    void aCallLargerThanTheWholeBound_stillRuns_whenNothingElseHoldsAny() {
        RunningBytes small = new RunningBytes(1_000, MIB);

        assertThat(small.reserveFor(MIB, () -> {}).calls()).isEqualTo(1);
        assertThat(small.reserveFor(10, () -> {}).calls()).isZero();
    }

    @Test
    void aCallOfKnownSize_fitsOnlyWhereItsRoomIsFree() {
        bytes.reserve(1, () -> {});

        assertThat(bytes.reserveFor(3 * MIB, () -> {}).calls())
                .as("12 MiB beside 4")
                .isEqualTo(1);
        assertThat(bytes.reserveFor(1, () -> {}).calls()).as("nothing left").isZero();
    }

    @Test
    void afterTheLease_whatACallReallyHoldsReplacesTheRoom() {
        RunningBytes.Room room = bytes.reserve(8, () -> {});
        long held = bytes.hold(recordOf(30));
        bytes.release(room.total());

        assertThat(held).isEqualTo(recordOf(30).bytes() * RunningBytes.HELD_PER_RECORD_BYTE);
        assertThat(bytes.held()).isEqualTo(held);
        bytes.release(held);
        assertThat(bytes.held()).isZero();
    }

    @Test
    void callsWaitingForRoom_tryAgainInTheOrderTheyBeganToWait_onceRoomIsReleased() {
        RunningBytes.Room all = bytes.reserve(4, () -> {});
        List<String> retried = new ArrayList<>();
        assertThat(bytes.reserve(1, () -> retried.add("a")).calls()).isZero();
        assertThat(bytes.reserveFor(10, () -> retried.add("b")).calls()).isZero();

        assertThat(retried).isEmpty();
        bytes.release(all.total());

        assertThat(retried).containsExactly("a", "b");
        assertThat(bytes.reserve(1, () -> retried.add("again")).calls()).isEqualTo(1);
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
