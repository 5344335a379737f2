package io.vfn.scheduler;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vfn.Failure;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Writes accepted calls to the store in groups (a group commit): while the writers are busy, the calls that come in
 * wait, and the next free writer writes them together, one write of their records and one of their queue entries
 * per function (see {@link CallStore#accept}). A lone call is written at once; under load a group grows to what came
 * in during one write, so the store's round trips are shared. The writes block, on threads of their own: never on
 * an event loop or Vert.x's worker pool. A few writers work at once, so that one group's round trips do not hold
 * the next: a caller that waits for its answer before it sends its next call still finds them queued in order.
 */
final class CallCommitter {

    private static final System.Logger LOG = System.getLogger(CallCommitter.class.getName());
    /** The most calls written in one group: bounds one write's size and the wait of the calls behind it. */
    private static final int MAX_GROUP = 512;
    /** Groups written at once. */
    private static final int WRITERS = 4;

    private final CallStore store;
    private final ExecutorService writer;
    private List<Pending> waiting = new ArrayList<>();
    private int writing;

    /** @param store where the calls are written */
    CallCommitter(CallStore store) {
        this.store = store;
        // Threads gone when idle: a node that takes no async calls keeps none.
        ThreadPoolExecutor writer =
                new ThreadPoolExecutor(WRITERS, WRITERS, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), task -> {
                    Thread thread = new Thread(task, "vfn-call-commit");
                    thread.setDaemon(true);
                    return thread;
                });
        writer.allowCoreThreadTimeOut(true);
        this.writer = writer;
    }

    /**
     * @param context  where the answer is delivered
     * @param call     a new call
     * @param maxQueue its function's queue limit
     * @return completes once the call and its queue entry are stored (with their backup); fails with {@code 429}
     *     when the function's queue is full
     */
    Future<Void> commit(Context context, CallRecord call, int maxQueue) {
        Promise<Void> promise = Promise.promise();
        boolean start;
        synchronized (this) {
            waiting.add(new Pending(context, call, maxQueue, promise));
            start = writing < WRITERS;
            if (start) {
                writing++;
            }
        }
        if (start) {
            writer.execute(this::writeWhileWaiting);
        }
        return promise.future();
    }

    private void writeWhileWaiting() {
        while (true) {
            List<Pending> group;
            synchronized (this) {
                if (waiting.isEmpty()) {
                    writing--;
                    return;
                }
                if (waiting.size() <= MAX_GROUP) {
                    group = waiting;
                    waiting = new ArrayList<>();
                } else {
                    group = new ArrayList<>(waiting.subList(0, MAX_GROUP));
                    waiting.subList(0, MAX_GROUP).clear();
                }
            }
            byFunction(group).forEach(this::write);
        }
    }

    private void write(String function, List<Pending> calls) {
        try {
            int accepted = store.accept(
                    function,
                    calls.stream().map(Pending::call).toList(),
                    calls.get(calls.size() - 1).maxQueue());
            for (int i = 0; i < calls.size(); i++) {
                Pending pending = calls.get(i);
                if (i < accepted) {
                    pending.answer(null);
                } else {
                    pending.answer(Failure.TOO_MANY_CALLS.exception(
                            "the queue of function '" + function + "' is full (" + pending.maxQueue() + " calls)"));
                }
            }
        } catch (RuntimeException e) {
            LOG.log(
                    System.Logger.Level.WARNING,
                    "storing " + calls.size() + " call(s) of " + function + " failed: " + e);
            calls.forEach(pending -> pending.answer(e));
        }
    }

    private static Map<String, List<Pending>> byFunction(List<Pending> group) {
        Map<String, List<Pending>> byFunction = new LinkedHashMap<>();
        for (Pending pending : group) {
            byFunction
                    .computeIfAbsent(pending.call().function(), f -> new ArrayList<>())
                    .add(pending);
        }
        return byFunction;
    }

    /** A call waiting to be written, and where its answer goes. */
    private record Pending(Context context, CallRecord call, int maxQueue, Promise<Void> promise) {
        void answer(RuntimeException failure) {
            context.runOnContext(v -> {
                if (failure == null) {
                    promise.complete();
                } else {
                    promise.fail(failure);
                }
            });
        }
    }
}
