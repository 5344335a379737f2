package io.vfn.scheduler;

import java.util.ArrayList;
import java.util.List;

/**
 * The memory that the async attempts running on one node hold, bounded. A call's record is read only when it is
 * leased, and its size is known only where it is stored: so a batch of calls is leased with a share of the room for
 * each ({@link Room}), and the lease takes only the calls whose records fit their share; a larger one is leased on
 * its own once the room for its known size is free. Once read, a call counts what its attempt really holds until it
 * ends. Calls that find no room wait (in order) until running ones end: a queue of large calls makes a node run
 * fewer of them at once, never more than it can hold. At least one call runs when nothing else does, whatever its
 * size.
 */
public final class RunningBytes {

    /**
     * What an attempt holds per byte of its record: the record as read and parsed, its body decoded, the result and
     * its encoding for the store.
     */
    static final int HELD_PER_RECORD_BYTE = 4;
    /** The least share a call of a batch gets: below it, fewer calls are leased at once. */
    static final long LEAST_SHARE = 64 * 1024;

    private final long max;
    private final long largestCall;
    private final List<Runnable> waiting = new ArrayList<>();
    private long held;

    /**
     * @param max           the most bytes running attempts may hold
     * @param largestRecord the largest record a call can have
     */
    public RunningBytes(long max, long largestRecord) {
        this.max = max;
        this.largestCall = largestRecord * HELD_PER_RECORD_BYTE;
    }

    /**
     * Room taken for a batch of calls whose records are not read yet.
     *
     * @param calls    how many calls got room
     * @param perCall  each one's share (bytes held): a call whose attempt would hold more is not leased with the batch
     */
    record Room(int calls, long perCall) {
        /** @return the largest record that fits a share */
        long largestRecord() {
            return perCall / HELD_PER_RECORD_BYTE;
        }

        /** @return the bytes the whole room counts */
        long total() {
            return calls * perCall;
        }
    }

    /**
     * Takes room for a batch of calls whose records are not read yet: all that is free, shared among them (each share
     * at least {@link #LEAST_SHARE}, at most the largest call), or a whole largest call's when nothing holds any. When
     * there is none, keeps {@code retry} to run once room was released.
     *
     * @param calls how many wait for room
     * @param retry what tries again later (it calls this again, and waits again if it must)
     * @return the room taken; {@code calls() == 0} when none
     */
    synchronized Room reserve(int calls, Runnable retry) {
        long free = max - held;
        Room room;
        if (held == 0 && free < Math.min(largestCall, LEAST_SHARE)) {
            room = new Room(1, largestCall);
        } else {
            int fit = (int) Math.min(calls, Math.max(0, free) / Math.min(largestCall, LEAST_SHARE));
            room = fit == 0 ? new Room(0, 0) : new Room(fit, Math.min(largestCall, free / fit));
        }
        held += room.total();
        if (room.calls() == 0) {
            waiting.add(retry);
        }
        return room;
    }

    /**
     * Takes room for one call whose record's size is known; it fits when there is room for it, or when nothing holds
     * any. When it does not, keeps {@code retry} to run once room was released.
     *
     * @param recordBytes the size of its record
     * @param retry       what tries again later
     * @return the room taken
     */
    synchronized Room reserveFor(long recordBytes, Runnable retry) {
        long bytes = Math.max(1, recordBytes) * HELD_PER_RECORD_BYTE;
        if (held != 0 && held + bytes > max) {
            waiting.add(retry);
            return new Room(0, 0);
        }
        held += bytes;
        return new Room(1, bytes);
    }

    /**
     * Counts what an attempt holds once its record was read (within the room reserved for it, released after).
     *
     * @param call the leased call
     * @return the bytes held for it, to {@link #release} when the attempt ended
     */
    synchronized long hold(CallRecord call) {
        long bytes = Math.max(1, call.bytes()) * HELD_PER_RECORD_BYTE;
        held += bytes;
        return bytes;
    }

    /**
     * Gives room back and lets the calls waiting for room try again, in the order they began to wait.
     *
     * @param bytes bytes reserved or held before
     */
    void release(long bytes) {
        List<Runnable> wake;
        synchronized (this) {
            held -= bytes;
            wake = List.copyOf(waiting);
            waiting.clear();
        }
        wake.forEach(Runnable::run);
    }

    /** @return the bytes reserved and held now */
    synchronized long held() {
        return held;
    }
}
