package io.vfn.scheduler;

import java.util.ArrayList;
import java.util.List;

/**
 * The memory that the async attempts running on one node hold, bounded. A call's record is read only when it is
 * leased, so room is taken before the lease for the largest call there can be, and once the record is read the
 * room is set to what the attempt really holds. Calls taken from a queue that do not fit wait (in order) until
 * running ones end: a queue of large calls makes a node run fewer of them at once, never more than it can hold.
 * At least one call runs when nothing else does, whatever its size.
 */
public final class RunningBytes {

    /**
     * What an attempt holds per byte of its record: the record as read and parsed, its body decoded, the result and
     * its encoding for the store.
     */
    static final int HELD_PER_RECORD_BYTE = 4;

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
     * Takes room for calls whose records are not read yet, each as large as a call may be; when none fits, keeps
     * {@code retry} to run once room was released.
     *
     * @param calls how many wait for room
     * @param retry what tries again later (it calls this again, and waits again if it must)
     * @return how many got room (at least one when nothing holds any); their room is taken
     */
    synchronized int reserve(int calls, Runnable retry) {
        long fit = (max - held) / largestCall;
        int granted = (int) Math.min(calls, held == 0 ? Math.max(1, fit) : Math.max(0, fit));
        held += granted * largestCall;
        if (granted == 0) {
            waiting.add(retry);
        }
        return granted;
    }

    /**
     * @param calls calls that got room from {@link #reserve}
     * @return the bytes their room counts
     */
    long reservation(int calls) {
        return calls * largestCall;
    }

    /**
     * Counts what an attempt holds once its record was read; it may pass the bound (the room reserved for it is
     * released after, and no more calls get room until the total is under the bound again).
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
