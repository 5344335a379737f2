package io.vfn.sdk.impl;

import io.vertx.core.Vertx;
import java.util.ArrayDeque;
import java.util.Iterator;

/**
 * Runs a call's expiry when it outlives its deadline. One periodic check per instance while calls are pending, rather
 * than a timer per call: a timer set and cancelled per call costs two hand-offs to the thread that owns it. Used on
 * one context only (the instance's), like the calls it watches.
 */
final class DeadlineWatch {

    private static final long CHECK_MS = 20;

    private final Vertx vertx;
    private final ArrayDeque<Pending> pending = new ArrayDeque<>();
    private long timer = -1;

    DeadlineWatch(Vertx vertx) {
        this.vertx = vertx;
    }

    /** A watched call: settled once, by its answer or by its expiry, whichever comes first. */
    static final class Pending {
        private final long deadline;
        private final Runnable expiry;
        private boolean settled;

        private Pending(long deadline, Runnable expiry) {
            this.deadline = deadline;
            this.expiry = expiry;
        }

        /** @return whether this call settles it; {@code false} when its answer or its expiry came first */
        boolean settle() {
            if (settled) {
                return false;
            }
            settled = true;
            return true;
        }
    }

    /**
     * @param deadlineMillis when the call expires (epoch ms)
     * @param expiry         what to do then, unless the call was settled before
     * @return the watched call, to settle when its answer comes
     */
    Pending watch(long deadlineMillis, Runnable expiry) {
        Pending call = new Pending(deadlineMillis, expiry);
        pending.add(call);
        if (timer < 0) {
            timer = vertx.setPeriodic(CHECK_MS, this::check);
        }
        return call;
    }

    private void check(long id) {
        long now = System.currentTimeMillis();
        for (Iterator<Pending> it = pending.iterator(); it.hasNext(); ) {
            Pending call = it.next();
            if (now >= call.deadline && call.settle()) {
                call.expiry.run();
            }
            if (call.settled) {
                it.remove();
            }
        }
        if (pending.isEmpty()) {
            vertx.cancelTimer(id);
            timer = -1;
        }
    }
}
