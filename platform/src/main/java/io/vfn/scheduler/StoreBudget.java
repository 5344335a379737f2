package io.vfn.scheduler;

import com.hazelcast.aggregation.Aggregators;
import com.hazelcast.core.HazelcastJsonValue;
import com.hazelcast.map.IMap;
import com.hazelcast.map.LocalMapStats;
import com.hazelcast.query.Predicates;
import io.vertx.core.Vertx;
import io.vfn.Failure;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Admission of async calls by bytes: a call is refused ({@code 429}, before anything is stored) when this member
 * already holds its bound of call bytes (records it owns plus backups it keeps: Hazelcast's own accounting), or
 * when its function's records in the cluster hold theirs. Accepted calls are never evicted to make room.
 *
 * <p>Both figures are measured on a worker, never on the caller's path; calls this node accepted since are added to
 * them, so a burst through one node is bounded at once and calls through the other nodes are seen within one
 * measure. A function's figure is a scan of its records (an aggregation over the cluster), whose cost grows with the
 * store: measures are {@value #MEASURE_EVERY_MS} ms apart at least, and {@value #IDLE_FACTOR} times the last one's
 * duration apart when that is longer, so measuring never takes more than a small share of the node's CPU. Between
 * measures the figures only grow (calls that ended are subtracted at the next one): the bound errs on refusing.
 */
public final class StoreBudget {

    private static final System.Logger LOG = System.getLogger(StoreBudget.class.getName());
    static final long MEASURE_EVERY_MS = 250;
    /** Measures are at least this many times their own duration apart. */
    static final long IDLE_FACTOR = 20;
    /** A function not called for this long is no longer measured. */
    private static final long FORGET_AFTER_MS = 60_000;

    private final IMap<String, HazelcastJsonValue> calls;
    private final long maxNodeBytes;
    private final long maxFunctionBytes;
    private final Usage node = new Usage();
    private final Map<String, Usage> functions = new ConcurrentHashMap<>();

    /**
     * @param vertx            the node, whose worker measures
     * @param calls            the calls' map
     * @param maxNodeBytes     most call bytes this member holds
     * @param maxFunctionBytes most bytes of one function's calls in the cluster
     */
    public StoreBudget(Vertx vertx, IMap<String, HazelcastJsonValue> calls, long maxNodeBytes, long maxFunctionBytes) {
        this.calls = calls;
        this.maxNodeBytes = maxNodeBytes;
        this.maxFunctionBytes = maxFunctionBytes;
        scheduleMeasure(vertx, MEASURE_EVERY_MS);
    }

    private void scheduleMeasure(Vertx vertx, long delayMs) {
        vertx.setTimer(
                delayMs,
                id -> vertx.executeBlocking(
                                () -> {
                                    long start = System.nanoTime();
                                    measure();
                                    return (System.nanoTime() - start) / 1_000_000;
                                },
                                false)
                        .onSuccess(tookMs -> scheduleMeasure(vertx, Math.max(MEASURE_EVERY_MS, IDLE_FACTOR * tookMs))));
        // A failed run means the node's workers are closed: measuring ends with the node.
    }

    /**
     * Takes a call's bytes from the budget, or refuses it. Non-blocking.
     *
     * @param function the call's function
     * @param bytes    its record's size (see {@link CallRecord#bytes()})
     * @throws io.vfn.VfnException {@code 429} when this member or the function holds its bound
     */
    public void admit(String function, long bytes) {
        // The record and its backup: both land somewhere in the cluster, on average as much here as anywhere.
        if (node.held() + 2 * bytes > maxNodeBytes) {
            throw Failure.TOO_MANY_CALLS.exception(
                    "this node holds " + node.held() + " bytes of async calls, its bound is " + maxNodeBytes
                            + " (--max-call-store); retry once calls have ended");
        }
        Usage usage = functions.computeIfAbsent(function, f -> new Usage());
        usage.lastUsed = System.currentTimeMillis();
        if (usage.held() + bytes > maxFunctionBytes) {
            throw Failure.TOO_MANY_CALLS.exception(
                    "function '" + function + "' holds " + usage.held() + " bytes of async calls, " + "its bound is "
                            + maxFunctionBytes + " (--max-function-store); retry once its calls have ended");
        }
        node.added.addAndGet(2 * bytes);
        usage.added.addAndGet(bytes);
    }

    /** Blocking: reads Hazelcast's figures. */
    void measure() {
        try {
            long before = node.added.get();
            LocalMapStats stats = calls.getLocalMapStats();
            node.measured = stats.getOwnedEntryMemoryCost() + stats.getBackupEntryMemoryCost();
            node.added.addAndGet(-before);
            long now = System.currentTimeMillis();
            functions.entrySet().removeIf(e -> now - e.getValue().lastUsed > FORGET_AFTER_MS);
            for (Map.Entry<String, Usage> entry : functions.entrySet()) {
                Usage usage = entry.getValue();
                long added = usage.added.get();
                Long sum = calls.aggregate(Aggregators.longSum("bytes"), Predicates.equal("function", entry.getKey()));
                usage.measured = sum == null ? 0 : sum;
                usage.added.addAndGet(-added);
            }
        } catch (RuntimeException e) {
            // The member stopped (the node then fails) or is leaving: the last figures stand.
            LOG.log(System.Logger.Level.DEBUG, "the call store could not be measured: " + e);
        }
    }

    /** Bytes measured, plus bytes admitted here since. */
    private static final class Usage {
        volatile long measured;
        volatile long lastUsed = System.currentTimeMillis();
        final AtomicLong added = new AtomicLong();

        long held() {
            return measured + added.get();
        }
    }
}
