package io.vfn.runtime;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vfn.catalog.FunctionRecord;
import io.vfn.catalog.Revision;
import io.vfn.metrics.VfnMetrics;
import io.vfn.sdk.Addresses;
import io.vfn.sdk.impl.DeploymentSecrets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * The functions running on this node, each as one deployment per running revision. Applies catalog records one at a
 * time per function: deploys a new one, replaces a changed one (new instances consume before old ones drain) and
 * drains a deleted one.
 */
public final class FunctionRuntime {

    /** The failure code a leaving node answers calls with that reached it after its instances stopped. */
    public static final int GONE = -410;

    private static final System.Logger LOG = System.getLogger(FunctionRuntime.class.getName());

    private final Vertx vertx;
    private final String nodeId;
    private final Function<String, Path> jarOfVersion;
    private final VfnMetrics metrics;
    private final SecretValues secrets;
    /** Function → revision → its deployment on this node. */
    private final Map<String, Map<Integer, FunctionDeployment>> active = new ConcurrentHashMap<>();

    private final AtomicLong serials = new AtomicLong();
    private final Map<String, String> failures = new ConcurrentHashMap<>();
    private final Map<String, Future<Void>> pending = new ConcurrentHashMap<>();

    /**
     * @param vertx        the node
     * @param nodeId       the node's id in the cluster, which its instances name in every answer
     * @param jarOfVersion the local path of a jar version, fetched when missing (blocking)
     * @param metrics      where the in-flight gauges go
     * @param secrets      the values of the secrets functions name
     */
    public FunctionRuntime(
            Vertx vertx, String nodeId, Function<String, Path> jarOfVersion, VfnMetrics metrics, SecretValues secrets) {
        this.vertx = vertx;
        this.nodeId = nodeId;
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
        List<DeploymentSecrets> readers = DeploymentSecrets.all(vertx).stream()
                .filter(d -> d.mayRead(name))
                .toList();
        if (readers.isEmpty()) {
            return Future.succeededFuture();
        }
        return vertx.executeBlocking(() -> secrets.value(name), false)
                .onSuccess(value -> readers.forEach(reader -> {
                    if (value.isPresent()) {
                        reader.put(name, value.get());
                    } else {
                        reader.remove(name);
                    }
                }))
                .onFailure(e -> LOG.log(
                        System.Logger.Level.ERROR,
                        "secret " + name + " could not be handed to functions: " + e.getMessage()))
                .mapEmpty();
    }

    /**
     * Brings this node in line with a record, after any change of the same function still under way.
     *
     * @param record the record in force
     * @return completes when the node runs it (or stopped running it)
     */
    public Future<Void> apply(FunctionRecord record) {
        return pending.compute(
                record.name(),
                (name, previous) -> (previous == null ? Future.<Void>succeededFuture() : previous)
                        .transform(v -> applyNow(record)));
    }

    /**
     * @param name a function
     * @return how it runs here: the revision in force (version, instances, in flight), every revision running,
     *     readiness and last failure
     */
    public JsonObject status(String name) {
        Map<Integer, FunctionDeployment> deployments = active.getOrDefault(name, Map.of());
        Optional<FunctionDeployment> inForce = deployments.values().stream()
                .filter(FunctionDeployment::inForce)
                .findFirst();
        JsonObject status = new JsonObject().put("ready", inForce.isPresent());
        inForce.ifPresent(d -> status.put("version", d.revision().version())
                .put("revision", d.revision().number())
                .put("instances", d.revision().spec().instances()));
        if (!deployments.isEmpty()) {
            JsonObject since = new JsonObject();
            new TreeSet<>(deployments.keySet())
                    .forEach(n -> since.put(
                            Integer.toString(n), deployments.get(n).started().toString()));
            status.put("inflight", inflight(name))
                    .put("revisions", new JsonArray(List.copyOf(new TreeSet<>(deployments.keySet()))))
                    .put("since", since);
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
        return !active.getOrDefault(name, Map.of()).isEmpty();
    }

    /**
     * @param name a function
     * @return whether the instances of its revision in force on this node take one more call now (they run here,
     *     below their concurrency)
     */
    public boolean hasRoom(String name) {
        // On every call: a plain loop over a function's few deployments.
        Map<Integer, FunctionDeployment> deployments = active.get(name);
        if (deployments != null) {
            for (FunctionDeployment deployment : deployments.values()) {
                if (deployment.inForce() && deployment.hasRoom()) {
                    return true;
                }
            }
        }
        return false;
    }

    /** @return calls in flight on this node, over every function */
    public int inflight() {
        return active.keySet().stream().mapToInt(this::inflight).sum();
    }

    private int inflight(String name) {
        return active.getOrDefault(name, Map.of()).values().stream()
                .mapToInt(FunctionDeployment::inflight)
                .sum();
    }

    /**
     * Drains every function: stops taking calls and waits for those in flight.
     *
     * @return completes when every deployment stopped
     */
    public Future<Void> stopAll() {
        // Other members may still send calls here until they see the instances' subscriptions gone; the event bus
        // would drop those unanswered (they would time out). A local stand-in per address answers them GONE, so that
        // their gateway sends them elsewhere: local consumers never reach the cluster's subscription map.
        active.forEach((name, deployments) -> {
            vertx.eventBus()
                    .localConsumer(
                            Addresses.function(name),
                            message -> message.fail(GONE, "this node is leaving: the call never ran here"));
            deployments
                    .keySet()
                    .forEach(revision -> vertx.eventBus()
                            .localConsumer(
                                    Addresses.revision(name, revision),
                                    message -> message.fail(GONE, "this node is leaving: the call never ran here")));
        });
        List<Future<Void>> stops = active.values().stream()
                .flatMap(d -> d.values().stream())
                .map(FunctionDeployment::stop)
                .toList();
        active.clear();
        return Future.join(stops).mapEmpty();
    }

    /**
     * Runs the revisions the record wants running (the one in force, those with a share of the default route, the
     * aliased ones) and stops the others. A revision already running in the same role keeps its instances, so a
     * change of weights or aliases restarts nothing; a new or changed role starts before what it replaces stops.
     */
    private Future<Void> applyNow(FunctionRecord record) {
        String name = record.name();
        Map<Integer, FunctionDeployment> running = active.getOrDefault(name, Map.of());
        if (record.deleted()) {
            failures.remove(name);
            active.remove(name);
            metrics.removeFunctionGauges(name);
            return Future.join(running.values().stream()
                            .map(FunctionDeployment::stop)
                            .toList())
                    .mapEmpty();
        }
        Map<Integer, FunctionDeployment> next = new ConcurrentHashMap<>();
        List<Future<FunctionDeployment>> starts = new ArrayList<>();
        for (int number : record.running()) {
            boolean inForce = number == record.current();
            FunctionDeployment same = running.get(number);
            if (same != null && same.inForce() == inForce) {
                next.put(number, same);
            } else {
                starts.add(start(name, record.revision(number).orElseThrow(), inForce));
            }
        }
        return Future.join(starts).transform(done -> {
            List<String> errors = new ArrayList<>();
            for (Future<FunctionDeployment> start : starts) {
                if (start.succeeded()) {
                    next.put(start.result().revision().number(), start.result());
                } else {
                    errors.add(
                            start.cause().getMessage() == null
                                    ? start.cause().toString()
                                    : start.cause().getMessage());
                }
            }
            // A revision in force that could not start leaves the one before serving the function's address.
            if (next.values().stream().noneMatch(FunctionDeployment::inForce)) {
                running.values().stream()
                        .filter(FunctionDeployment::inForce)
                        .findFirst()
                        .ifPresent(old -> next.putIfAbsent(old.revision().number(), old));
            }
            metrics.keepRevisions(
                    name,
                    record.revisions().stream().map(Revision::number).collect(java.util.stream.Collectors.toSet()));
            boolean first = !active.containsKey(name);
            active.put(name, next);
            if (first) {
                metrics.inflightGauge(name, () -> inflight(name));
            }
            if (errors.isEmpty()) {
                failures.remove(name);
            } else {
                failures.put(name, String.join("; ", errors));
                LOG.log(System.Logger.Level.ERROR, "function " + name + " did not start: " + errors);
            }
            List<Future<Void>> stops = running.values().stream()
                    .filter(old -> next.get(old.revision().number()) != old)
                    .map(FunctionDeployment::stop)
                    .toList();
            Future<Void> stopped = Future.join(stops).mapEmpty();
            return errors.isEmpty() ? stopped : stopped.transform(v -> Future.failedFuture(String.join("; ", errors)));
        });
    }

    private Future<FunctionDeployment> start(String name, Revision revision, boolean inForce) {
        return vertx.executeBlocking(() -> jarOfVersion.apply(revision.version()), false)
                .compose(jar -> new FunctionDeployment(
                                vertx, nodeId, name, revision, inForce, jar, secrets, serials.incrementAndGet())
                        .start());
    }
}
