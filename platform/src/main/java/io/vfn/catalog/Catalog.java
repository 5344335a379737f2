package io.vfn.catalog;

import com.hazelcast.core.EntryEvent;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.map.listener.EntryAddedListener;
import com.hazelcast.map.listener.EntryUpdatedListener;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vfn.Failure;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The deployed functions, replicated in the cluster ({@code vfn.catalog}: name → record JSON) and persisted in
 * each node's data directory. Every change, made on any node, reaches {@code onChange} on every node; the
 * newest revision wins, so conflicting updates end in one version everywhere.
 */
public final class Catalog {

    private static final System.Logger LOG = System.getLogger(Catalog.class.getName());

    private final Vertx vertx;
    private final Context context;
    private final HazelcastInstance hazelcast;
    private final IMap<String, String> records;
    private final JarStore jars;
    private final CatalogFiles files;
    private final Map<String, FunctionRecord> known = new ConcurrentHashMap<>();
    private final Map<String, Future<Void>> applied = new ConcurrentHashMap<>();
    private final Map<String, Integer> arriving = new ConcurrentHashMap<>();
    private Function<FunctionRecord, Future<Void>> onChange = r -> Future.succeededFuture();

    /**
     * @param vertx     the node
     * @param hazelcast the cluster
     * @param dataDir   the node's data directory
     */
    public Catalog(Vertx vertx, HazelcastInstance hazelcast, Path dataDir) {
        this.vertx = vertx;
        this.context = vertx.getOrCreateContext();
        this.hazelcast = hazelcast;
        this.records = hazelcast.getMap("vfn.catalog");
        this.jars = new JarStore(dataDir, hazelcast);
        this.files = new CatalogFiles(dataDir);
    }

    /**
     * Merges this node's persisted records into the cluster's, starts listening, and hands every live record
     * to {@code onChange}.
     *
     * @param onChange applies a record on this node (deploy, update or undeploy); called on the catalog's context
     * @return completes once every record was applied
     */
    public Future<Void> start(Function<FunctionRecord, Future<Void>> onChange) {
        this.onChange = onChange;
        return vertx.executeBlocking(() -> {
            jars.removeLeftovers();
            for (FunctionRecord local : files.readAll()) {
                mergeIntoCluster(local);
            }
            records.addEntryListener(new Listener(), true);
            return List.copyOf(records.values());
        }).compose(all -> Future.all(all.stream().map(json -> accept(parse(json))).toList())).mapEmpty();
    }

    /**
     * @param name a function's name
     * @return its live record on this node's view
     */
    public Optional<FunctionRecord> get(String name) {
        FunctionRecord record = known.get(name);
        return record == null || record.deleted() ? Optional.empty() : Optional.of(record);
    }

    /** @return every live record */
    public List<FunctionRecord> list() {
        return known.values().stream().filter(r -> !r.deleted())
            .sorted((a, b) -> a.name().compareTo(b.name())).toList();
    }

    /** @return how many functions are deployed */
    public int size() {
        return (int) known.values().stream().filter(r -> !r.deleted()).count();
    }

    /**
     * @param name a function's name
     * @return whether the cluster has a record of it, deleted ones included
     */
    public Future<Boolean> named(String name) {
        return vertx.executeBlocking(() -> records.containsKey(name), false);
    }

    /**
     * Whether the cluster's catalog has never held a function: no record, not even a deleted function's tombstone.
     * Blocking.
     *
     * @return true for a cluster that nobody deployed to yet
     */
    public boolean neverUsed() {
        return records.isEmpty();
    }

    /**
     * The outcome of {@link #put}.
     *
     * @param record  the record now in force
     * @param created whether the function is new
     * @param changed whether anything changed
     */
    public record PutResult(FunctionRecord record, boolean created, boolean changed) {
    }

    /**
     * Deploys or updates a function; the same jar and spec again changes nothing. Completes once this node
     * applied it.
     *
     * @param name the function's name
     * @param spec its spec
     * @param jar  its jar's bytes
     * @return what happened
     */
    public Future<PutResult> put(String name, FunctionSpec spec, byte[] jar) {
        String version = JarStore.versionOf(jar);
        // Known to no record yet: kept from the unused-jar cleanup of changes applied meanwhile.
        arriving.merge(version, 1, Integer::sum);
        return vertx.executeBlocking(() -> {
            Optional<FunctionRecord> current = Optional.ofNullable(records.get(name)).map(Catalog::parse);
            FunctionRecord next = new FunctionRecord(name, spec, version, jar.length, clusterTime(), false);
            if (current.isPresent() && current.get().sameDeployment(next)) {
                return new PutResult(current.get(), false, false);
            }
            // This node's disk first: a failed write answers 507 before the cluster sees the change.
            jars.put(version, jar);
            files.write(next);
            records.set(name, next.toJson().encode());
            if (current.isPresent() && !current.get().version().equals(version)) {
                jars.release(current.get().version(), namedVersions());
            }
            return new PutResult(next, current.isEmpty() || current.get().deleted(), true);
        }, false).compose(result -> accept(result.record()).map(result))
            .onComplete(done -> arriving.computeIfPresent(version, (v, n) -> n == 1 ? null : n - 1));
    }

    /**
     * Changes a function's spec, keeping its jar.
     *
     * @param name  the function's name
     * @param patch the spec fields to change
     * @return the new record, once this node applied it
     */
    public Future<FunctionRecord> patch(String name, JsonObject patch) {
        return vertx.executeBlocking(() -> {
            FunctionRecord current = Optional.ofNullable(records.get(name)).map(Catalog::parse)
                .filter(r -> !r.deleted())
                .orElseThrow(() -> Failure.FUNCTION_NOT_FOUND.exception("no function named '" + name + "'"));
            FunctionRecord next = new FunctionRecord(name, current.spec().merge(patch), current.version(),
                current.jarSize(), clusterTime(), false);
            files.write(next);
            records.set(name, next.toJson().encode());
            return next;
        }, false).compose(record -> accept(record).map(record));
    }

    /**
     * Removes a function everywhere (a tombstone stays).
     *
     * @param name the function's name
     * @return completes once this node undeployed it
     */
    public Future<Void> delete(String name) {
        return vertx.executeBlocking(() -> {
            FunctionRecord current = Optional.ofNullable(records.get(name)).map(Catalog::parse)
                .filter(r -> !r.deleted())
                .orElseThrow(() -> Failure.FUNCTION_NOT_FOUND.exception("no function named '" + name + "'"));
            FunctionRecord tombstone = new FunctionRecord(name, current.spec(), current.version(), 0, clusterTime(), true);
            files.write(tombstone);
            records.set(name, tombstone.toJson().encode());
            jars.release(tombstone.version(), namedVersions());
            return tombstone;
        }, false).compose(this::accept);
    }

    /**
     * The local jar of a version, fetched from the cluster when missing. Blocking.
     *
     * @param version the version
     * @return its path
     */
    public Path jarPath(String version) {
        return jars.fetch(version);
    }

    /**
     * Takes a record if it is newer than what this node knows, persists it, and applies it. The same record may
     * come twice (from the change made here and from the cluster's event): both wait for the one application.
     */
    private Future<Void> accept(FunctionRecord record) {
        Promise<Void> application = Promise.promise();
        // Taking the record and registering its application happen together, so that the second arrival of the same
        // record (the cluster's event racing the change made here) always waits for the first one's application.
        synchronized (known) {
            FunctionRecord previous = known.get(record.name());
            if (previous != null && (previous.equals(record) || !record.newerThan(previous))) {
                return applied.getOrDefault(record.name(), Future.succeededFuture());
            }
            known.put(record.name(), record);
            applied.put(record.name(), application.future());
        }
        Set<String> inUse = versionsInUse();
        vertx.executeBlocking(() -> {
            files.write(record);
            jars.removeUnused(inUse);
            return null;
        }, false).compose(v -> onChange.apply(record)).recover(e -> {
            LOG.log(System.Logger.Level.ERROR, "function " + record.name() + " could not be applied on this node: " + e.getMessage());
            return Future.succeededFuture();
        }).onComplete(done -> application.complete());
        return application.future();
    }

    /** @return the jar versions the cluster's live records name (each node drops its other files when a change arrives) */
    private Set<String> namedVersions() {
        Set<String> named = new HashSet<>();
        for (String json : records.values()) {
            FunctionRecord record = parse(json);
            if (!record.deleted()) {
                named.add(record.version());
            }
        }
        return named;
    }

    private Set<String> versionsInUse() {
        Set<String> versions = new HashSet<>(arriving.keySet());
        known.values().stream().filter(r -> !r.deleted()).forEach(r -> versions.add(r.version()));
        return versions;
    }

    private void mergeIntoCluster(FunctionRecord local) {
        while (true) {
            String clusterJson = records.get(local.name());
            if (clusterJson != null && !local.newerThan(parse(clusterJson))) {
                return;
            }
            if (!local.deleted()) {
                jars.share(local.version());
            }
            boolean stored = clusterJson == null
                ? records.putIfAbsent(local.name(), local.toJson().encode()) == null
                : records.replace(local.name(), clusterJson, local.toJson().encode());
            if (stored) {
                return;
            }
        }
    }

    private long clusterTime() {
        return hazelcast.getCluster().getClusterTime();
    }

    private static FunctionRecord parse(String json) {
        return FunctionRecord.fromJson(new JsonObject(json));
    }

    /** Hazelcast's events arrive on its threads; they are handed to the catalog's context. */
    private final class Listener implements EntryAddedListener<String, String>, EntryUpdatedListener<String, String> {
        @Override
        public void entryAdded(EntryEvent<String, String> event) {
            onEvent(event.getValue());
        }

        @Override
        public void entryUpdated(EntryEvent<String, String> event) {
            onEvent(event.getValue());
        }

        private void onEvent(String json) {
            FunctionRecord record = parse(json);
            context.runOnContext(v -> accept(record));
        }
    }
}
