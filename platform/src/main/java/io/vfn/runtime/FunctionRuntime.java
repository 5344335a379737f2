package io.vfn.runtime;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vfn.catalog.FunctionRecord;
import io.vfn.metrics.VfnMetrics;
import io.vfn.sdk.Addresses;
import io.vfn.sdk.impl.DeploymentSecrets;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The functions running on this node. Applies catalog records one at a time per function: deploys a new one,
 * replaces a changed one (new instances consume before old ones drain) and drains a deleted one.
 */
public final class FunctionRuntime {

    /** The failure code a leaving node answers calls with that reached it after its instances stopped. */
    public static final int GONE = -410;


    private static final System.Logger LOG = System.getLogger(FunctionRuntime.class.getName());

    private final Vertx vertx;
    private final Function<String, Path> jarOfVersion;
    private final VfnMetrics metrics;
    private final SecretValues secrets;
    private final Map<String, FunctionDeployment> active = new ConcurrentHashMap<>();
    private final Map<String, String> failures = new ConcurrentHashMap<>();
    private final Map<String, Future<Void>> pending = new ConcurrentHashMap<>();

    /**
     * @param vertx        the node
     * @param jarOfVersion the local path of a jar version, fetched when missing (blocking)
     * @param metrics      where the in-flight gauges go
     * @param secrets      the values of the secrets functions name
     */
    public FunctionRuntime(Vertx vertx, Function<String, Path> jarOfVersion, VfnMetrics metrics, SecretValues secrets) {
        this.vertx = vertx;
        this.jarOfVersion = jarOfVersion;
        this.metrics = metrics;
        this.secrets = secrets;
    }

    /**
     * Hands a secret's current value (or its absence) to every deployment on this node that may read it, so a
     * rotation reaches running instances without a restart.
     *
     * @param name the secret that changed
     * @return completes once every deployment has the value
     */
    public Future<Void> secretChanged(String name) {
        List<DeploymentSecrets> readers = DeploymentSecrets.all(vertx).stream().filter(d -> d.mayRead(name)).toList();
        if (readers.isEmpty()) {
            return Future.succeededFuture();
        }
        return vertx.executeBlocking(() -> secrets.value(name), false).onSuccess(value -> readers.forEach(reader -> {
            if (value.isPresent()) {
                reader.put(name, value.get());
            } else {
                reader.remove(name);
            }
        })).onFailure(e -> LOG.log(System.Logger.Level.ERROR, "secret " + name + " could not be handed to functions: "
            + e.getMessage())).mapEmpty();
    }

    /**
     * Brings this node in line with a record, after any change of the same function still under way.
     *
     * @param record the record in force
     * @return completes when the node runs it (or stopped running it)
     */
    public Future<Void> apply(FunctionRecord record) {
        return pending.compute(record.name(), (name, previous) ->
            (previous == null ? Future.<Void>succeededFuture() : previous).transform(v -> applyNow(record)));
    }

    /**
     * @param name a function
     * @return how it runs here: version, instances, in flight, readiness and last failure
     */
    public JsonObject status(String name) {
        FunctionDeployment deployment = active.get(name);
        JsonObject status = new JsonObject().put("ready", deployment != null);
        if (deployment != null) {
            status.put("version", deployment.record().version())
                .put("revision", deployment.record().current())
                .put("instances", deployment.record().spec().instances())
                .put("inflight", deployment.inflight());
        }
        Optional.ofNullable(failures.get(name)).ifPresent(error -> status.put("error", error));
        return status;
    }

    /** @return the functions with a deployment or a failure on this node */
    public List<String> names() {
        List<String> names = new ArrayList<>(active.keySet());
        failures.keySet().stream().filter(n -> !names.contains(n)).forEach(names::add);
        return names;
    }

    /**
     * @param name a function
     * @return whether this node has ready instances of it
     */
    public boolean isReady(String name) {
        return active.containsKey(name);
    }

    /**
     * @param name a function
     * @return whether its instances on this node take one more call now (it runs here, below its concurrency)
     */
    public boolean hasRoom(String name) {
        FunctionDeployment deployment = active.get(name);
        return deployment != null && deployment.inflight() < deployment.record().spec().concurrency();
    }

    /** @return calls in flight on this node, over every function */
    public int inflight() {
        return active.values().stream().mapToInt(FunctionDeployment::inflight).sum();
    }

    /**
     * Drains every function: stops taking calls and waits for those in flight.
     *
     * @return completes when every deployment stopped
     */
    public Future<Void> stopAll() {
        // Other members may still send calls here until they see the instances' subscriptions gone; the event bus
        // would drop those unanswered (they would time out). A local stand-in per function answers them GONE, so that
        // their gateway sends them elsewhere: local consumers never reach the cluster's subscription map.
        active.keySet().forEach(name -> vertx.eventBus().localConsumer(Addresses.function(name),
            message -> message.fail(GONE, "this node is leaving: the call never ran here")));
        List<Future<Void>> stops = active.values().stream().map(FunctionDeployment::stop).toList();
        active.clear();
        return Future.join(stops).mapEmpty();
    }

    private Future<Void> applyNow(FunctionRecord record) {
        String name = record.name();
        FunctionDeployment current = active.get(name);
        if (record.deleted()) {
            failures.remove(name);
            if (current == null) {
                return Future.succeededFuture();
            }
            active.remove(name);
            metrics.removeFunctionGauges(name);
            return current.stop();
        }
        if (current != null && current.record().sameDeployment(record)) {
            return Future.succeededFuture();
        }
        return vertx.executeBlocking(() -> jarOfVersion.apply(record.version()), false)
            .compose(jar -> new FunctionDeployment(vertx, record, jar, secrets).start())
            .compose(next -> {
                active.put(name, next);
                failures.remove(name);
                if (current == null) {
                    metrics.inflightGauge(name, () -> {
                        FunctionDeployment d = active.get(name);
                        return d == null ? 0 : d.inflight();
                    });
                    return Future.<Void>succeededFuture();
                }
                return current.stop();
            })
            .recover(e -> {
                failures.put(name, e.getMessage() == null ? e.toString() : e.getMessage());
                LOG.log(System.Logger.Level.ERROR, "function " + name + " did not start: " + e);
                return Future.failedFuture(e);
            });
    }
}
