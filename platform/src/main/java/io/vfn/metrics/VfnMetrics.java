package io.vfn.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import java.util.function.ToDoubleFunction;

/**
 * Every vfn metric, defined in one place. Labels are bounded: a function's name, a mode, an outcome; never a
 * call id, a path or a user.
 */
public final class VfnMetrics {

    /** How a call came in. */
    public enum Mode {
        SYNC,
        ASYNC,
        WEBSOCKET;

        String label() {
            return name().toLowerCase();
        }
    }

    private final PrometheusMeterRegistry registry;
    private final Map<String, FunctionMeters> functionMeters = new ConcurrentHashMap<>();
    private final Map<String, Counter> callbacks = new ConcurrentHashMap<>();
    private final Map<String, Counter[]> dispatches = new ConcurrentHashMap<>();

    /** Creates the registry every meter of the node, Vert.x's and the JVM's included, reports to. */
    public VfnMetrics() {
        this.registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    }

    /** @return the registry, for Vert.x's metrics and the scrape handler */
    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /**
     * Counts one ended invocation and its duration.
     *
     * @param function the function's name
     * @param mode     how it came in
     * @param outcome  a bounded outcome: {@code success}, {@code error} (the function's own 4xx/5xx), or a
     *                 platform failure such as {@code timeout}, {@code rejected}, {@code failed}, {@code unavailable}
     * @param nanos    how long it took
     */
    public void invocation(String function, Mode mode, String outcome, long nanos) {
        functionMeters.computeIfAbsent(function, FunctionMeters::new).record(mode, outcome, nanos);
    }

    /** The invocation meters of one function, found with one lookup per call. */
    private final class FunctionMeters {
        private final String function;
        private final Map<Mode, Map<String, Counter>> counters = new EnumMap<>(Mode.class);
        private final Map<Mode, Timer> timers = new EnumMap<>(Mode.class);

        FunctionMeters(String function) {
            this.function = function;
            for (Mode mode : Mode.values()) {
                counters.put(mode, new ConcurrentHashMap<>());
                timers.put(
                        mode,
                        Timer.builder("vfn_invocation_duration_seconds")
                                .description("Duration of invocations, from the gateway's view")
                                .tags("function", function, "mode", mode.label())
                                .publishPercentileHistogram()
                                .minimumExpectedValue(Duration.ofMillis(1))
                                .maximumExpectedValue(Duration.ofMinutes(5))
                                .register(registry));
            }
        }

        private final Map<Integer, Counter> byRevision = new ConcurrentHashMap<>();

        void answered(int revision) {
            byRevision
                    .computeIfAbsent(
                            revision,
                            r -> Counter.builder("vfn_revision_answers_total")
                                    .description("Answers by function and the revision that gave them")
                                    .tags("function", function, "revision", Integer.toString(r))
                                    .register(registry))
                    .increment();
        }

        void keepOnly(java.util.Set<Integer> kept) {
            byRevision.entrySet().removeIf(e -> {
                if (kept.contains(e.getKey())) {
                    return false;
                }
                registry.remove(e.getValue());
                return true;
            });
        }

        void record(Mode mode, String outcome, long nanos) {
            counters.get(mode)
                    .computeIfAbsent(
                            outcome,
                            o -> Counter.builder("vfn_invocations_total")
                                    .description("Ended invocations by function, mode and outcome")
                                    .tags("function", function, "mode", mode.label(), "outcome", o)
                                    .register(registry))
                    .increment();
            timers.get(mode).record(nanos, TimeUnit.NANOSECONDS);
        }
    }

    /**
     * Counts one answer by the revision that gave it ({@code vfn_revision_answers_total{function,revision}}):
     * bounded, since only kept revisions run and the series of pruned ones are removed.
     *
     * @param function the function's name
     * @param revision the revision that answered
     */
    public void answeredBy(String function, int revision) {
        functionMeters.computeIfAbsent(function, FunctionMeters::new).answered(revision);
    }

    /**
     * Forgets the answer counts of revisions a function no longer keeps.
     *
     * @param function the function's name
     * @param kept     the revisions it keeps
     */
    public void keepRevisions(String function, java.util.Set<Integer> kept) {
        FunctionMeters meters = functionMeters.get(function);
        if (meters != null) {
            meters.keepOnly(kept);
        }
    }

    /**
     * Counts where a call was sent: to an instance on this node, or to the function's cluster-wide address (another
     * node's instance, or this node's when the cluster's turn fell on it).
     *
     * @param function the function's name
     * @param local    whether it went to this node's instances
     */
    public void dispatch(String function, boolean local) {
        dispatches
                .computeIfAbsent(
                        function, f -> new Counter[] {dispatchCounter(f, "remote"), dispatchCounter(f, "local")})[
                local ? 1 : 0]
                .increment();
    }

    private Counter dispatchCounter(String function, String target) {
        return Counter.builder("vfn_dispatch_total")
                .description(
                        "Calls sent to a function's instances on this node (local) or through its cluster-wide address (remote)")
                .tags("function", function, "target", target)
                .register(registry);
    }

    /**
     * Counts one callback delivery attempt's end.
     *
     * @param outcome {@code delivered}, {@code retry} or {@code failed}
     */
    public void callbackDelivery(String outcome) {
        callbacks
                .computeIfAbsent(
                        outcome,
                        k -> Counter.builder("vfn_callback_deliveries_total")
                                .description("Callback deliveries by outcome")
                                .tags("outcome", outcome)
                                .register(registry))
                .increment();
    }

    /**
     * Registers the in-flight gauge of a function on this node.
     *
     * @param function the function's name
     * @param inflight reads its calls in flight
     */
    public void inflightGauge(String function, IntSupplier inflight) {
        gauge("vfn_inflight", "Calls in flight on this node", function, inflight);
    }

    /**
     * Registers the queue-depth gauge of a function.
     *
     * @param function the function's name
     * @param depth    reads its queued async calls
     */
    public void queueDepthGauge(String function, IntSupplier depth) {
        gauge("vfn_queue_depth", "Async calls waiting in the function's queue", function, depth);
    }

    /**
     * Forgets the per-function gauges of a function that is gone.
     *
     * @param function the function's name
     */
    public void removeFunctionGauges(String function) {
        functionMeters.remove(function);
        registry.find("vfn_revision_answers_total")
                .tag("function", function)
                .meters()
                .forEach(registry::remove);
        dispatches.remove(function);
        registry.find("vfn_dispatch_total").tag("function", function).meters().forEach(registry::remove);
        registry.find("vfn_inflight").tag("function", function).meters().forEach(registry::remove);
        registry.find("vfn_queue_depth").tag("function", function).meters().forEach(registry::remove);
    }

    /**
     * Registers the node-wide gauges.
     *
     * @param deployed how many functions the catalog has
     * @param members  how many members the cluster has
     */
    public void nodeGauges(IntSupplier deployed, IntSupplier members) {
        Gauge.builder("vfn_functions_deployed", deployed, s -> s.getAsInt())
                .description("Functions in the catalog")
                .strongReference(true)
                .register(registry);
        Gauge.builder("vfn_cluster_members", members, s -> s.getAsInt())
                .description("Members of the cluster")
                .strongReference(true)
                .register(registry);
    }

    /**
     * The gateway's shared bounds, as gauges.
     *
     * @param inflightBodyBytes request bytes the node holds for calls in flight
     * @param connections       open HTTP connections
     */
    public void httpGauges(java.util.function.LongSupplier inflightBodyBytes, IntSupplier connections) {
        Gauge.builder("vfn_inflight_body_bytes", inflightBodyBytes, s -> s.getAsLong())
                .description("Request bytes held for calls in flight (bounded by --max-inflight-body)")
                .strongReference(true)
                .register(registry);
        Gauge.builder("vfn_http_connections", connections, s -> s.getAsInt())
                .description("Open HTTP and WebSocket connections (bounded by --max-connections)")
                .strongReference(true)
                .register(registry);
    }

    /**
     * @param failure a platform failure that ended a call
     * @return its bounded outcome label
     */
    public static String outcomeOf(io.vfn.Failure failure) {
        return switch (failure) {
            case TIMEOUT -> "timeout";
            case TOO_MANY_CALLS -> "rejected";
            case UNAVAILABLE -> "unavailable";
            case FUNCTION_FAILED -> "failed";
            default -> "invalid";
        };
    }

    /** @return the Prometheus text of every meter */
    public String scrape() {
        return registry.scrape();
    }

    private void gauge(String name, String description, String function, IntSupplier value) {
        ToDoubleFunction<IntSupplier> read = IntSupplier::getAsInt;
        MeterRegistry r = registry;
        // Strong: the supplier is a lambda nobody else holds, and a weakly held gauge would read NaN once collected.
        Gauge.builder(name, value, read)
                .description(description)
                .tag("function", function)
                .strongReference(true)
                .register(r);
    }
}
