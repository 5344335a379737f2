package io.vfn.catalog;

import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.core.EntryEvent;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.LifecycleEvent;
import com.hazelcast.map.IMap;
import com.hazelcast.map.listener.EntryAddedListener;
import com.hazelcast.map.listener.EntryMergedListener;
import com.hazelcast.map.listener.EntryUpdatedListener;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vfn.Failure;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.SortedMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The deployed functions, replicated in the cluster ({@code vfn.catalog}: name → record JSON) and persisted in
 * each node's data directory. Every change, made on any node, reaches {@code onChange} on every node; the
 * newest revision wins, so conflicting updates end in one version everywhere.
 */
public final class Catalog {

    private static final System.Logger LOG = System.getLogger(Catalog.class.getName());
    /** How long after a member joined the catalog is read again: a merge of clusters that formed apart takes seconds. */
    static final long REREAD_AFTER_JOIN_MS = 5_000;

    private final Vertx vertx;
    private final Context context;
    private final HazelcastInstance hazelcast;
    private final IMap<String, String> records;
    private final JarStore jars;
    private final CatalogFiles files;
    private final int revisionsKept;
    private final Map<String, FunctionRecord> known = new ConcurrentHashMap<>();
    private final Map<String, Future<Void>> applied = new ConcurrentHashMap<>();
    private final Map<String, Integer> arriving = new ConcurrentHashMap<>();
    private Function<FunctionRecord, Future<Void>> onChange = r -> Future.succeededFuture();

    /**
     * @param vertx     the node
     * @param hazelcast the cluster
     * @param dataDir   the node's data directory
     * @param revisionsKept how many revisions of a function are kept (with their jars)
     */
    public Catalog(Vertx vertx, HazelcastInstance hazelcast, Path dataDir, int revisionsKept) {
        this.revisionsKept = revisionsKept;
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
                    hazelcast.getLifecycleService().addLifecycleListener(event -> {
                        if (event.getState() == LifecycleEvent.LifecycleState.MERGED) {
                            reread();
                        }
                    });
                    hazelcast.getCluster().addMembershipListener(new MembershipListener() {
                        @Override
                        public void memberAdded(MembershipEvent event) {
                            // A member that joined may bring records of a cluster it formed apart. This node learns
                            // them from their merge events; should one not reach it, it reads them once the merge
                            // had time to finish (a record already known changes nothing).
                            vertx.setTimer(REREAD_AFTER_JOIN_MS, id -> reread());
                        }

                        @Override
                        public void memberRemoved(MembershipEvent event) {}
                    });
                    return List.copyOf(records.values());
                })
                .compose(all ->
                        Future.all(all.stream().map(json -> accept(parse(json))).toList()))
                .mapEmpty();
    }

    /**
     * @param name a function's name
     * @return its live record on this node's view
     */
    public Optional<FunctionRecord> get(String name) {
        FunctionRecord record = known.get(name);
        return record == null || record.deleted() ? Optional.empty() : Optional.of(record);
    }

    /**
     * The one lookup of a function by name, for every entry point (invocations, async intake, admin).
     *
     * @param name a function's name
     * @return its live record on this node's view
     * @throws io.vfn.VfnException {@code 404} when no such function is deployed, {@code 400} when the name is not
     *     even valid (checked only for unknown names: a deployed one is valid by construction)
     */
    public FunctionRecord require(String name) {
        FunctionRecord record = known.get(name);
        if (record == null || record.deleted()) {
            FunctionNames.require(name);
            throw Failure.FUNCTION_NOT_FOUND.exception("no function named '" + name + "'");
        }
        return record;
    }

    /** @return every live record */
    public List<FunctionRecord> list() {
        return known.values().stream()
                .filter(r -> !r.deleted())
                .sorted((a, b) -> a.name().compareTo(b.name()))
                .toList();
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
    public record PutResult(FunctionRecord record, boolean created, boolean changed) {}

    /**
     * Deploys or updates a function: a jar or spec that differs from the one in force makes a new revision; the
     * same jar and spec again changes nothing. Completes once this node applied it.
     *
     * @param name the function's name
     * @param spec its spec
     * @param jar  its jar's bytes
     * @param by   the credential that asks
     * @return what happened
     */
    public Future<PutResult> put(String name, FunctionSpec spec, byte[] jar, String by) {
        String version = JarStore.versionOf(jar);
        // Known to no record yet: kept from the unused-jar cleanup of changes applied meanwhile.
        arriving.merge(version, 1, Integer::sum);
        return vertx.executeBlocking(
                        () -> {
                            Optional<FunctionRecord> current = stored(name);
                            if (current.isPresent() && current.get().runs(version, spec)) {
                                return new PutResult(current.get(), false, false);
                            }
                            // This node's disk first: a failed write answers 507 before the cluster sees the change.
                            jars.put(version, jar);
                            FunctionRecord next = withRevision(name, current, version, jar.length, spec, by);
                            return new PutResult(
                                    next, current.isEmpty() || current.get().deleted(), true);
                        },
                        false)
                .compose(result -> accept(result.record()).map(result))
                .onComplete(done -> arriving.computeIfPresent(version, (v, n) -> n == 1 ? null : n - 1));
    }

    /**
     * Changes a function's spec, keeping its jar: a new revision when the spec changes.
     *
     * @param name  the function's name
     * @param patch the spec fields to change
     * @param by    the credential that asks
     * @return the record in force, once this node applied it
     */
    public Future<FunctionRecord> patch(String name, JsonObject patch, String by) {
        return vertx.executeBlocking(
                        () -> {
                            FunctionRecord current = live(name);
                            FunctionSpec spec = current.spec().merge(patch);
                            if (spec.equals(current.spec())) {
                                return current;
                            }
                            return withRevision(
                                    name, Optional.of(current), current.version(), current.jarSize(), spec, by);
                        },
                        false)
                .compose(record -> accept(record).map(record));
    }

    /**
     * Puts a kept revision back in force, as an update does (new instances ready before the old ones drain).
     *
     * @param name   the function's name
     * @param target the revision; empty for the newest one older than the revision in force
     * @return the record in force, once this node applied it
     */
    public Future<FunctionRecord> rollback(String name, OptionalInt target) {
        return vertx.executeBlocking(
                        () -> {
                            FunctionRecord current = live(name);
                            int number = target.isPresent()
                                    ? target.getAsInt()
                                    : current.revisions().stream()
                                            .mapToInt(Revision::number)
                                            .filter(n -> n < current.current())
                                            .max()
                                            .orElseThrow(() -> Failure.CONFLICT.exception(
                                                    "function '" + name + "' keeps no revision older than "
                                                            + current.current() + " to roll back to"));
                            requireKept(current, number);
                            if (number == current.current()) {
                                return current;
                            }
                            FunctionRecord next = current.withCurrent(number, clusterTime());
                            files.write(next);
                            records.set(name, next.toJson().encode());
                            return next;
                        },
                        false)
                .compose(record -> accept(record).map(record));
    }

    /**
     * Points an alias at a kept revision (which then runs), or removes it.
     *
     * @param name   the function's name
     * @param alias  the alias
     * @param target the revision, or empty to remove the alias
     * @return the record in force, once this node applied it
     */
    public Future<FunctionRecord> alias(String name, String alias, OptionalInt target) {
        return change(name, current -> {
            target.ifPresent(number -> requireKept(current, number));
            if (target.isEmpty() && !current.aliases().containsKey(alias)) {
                throw Failure.NOT_FOUND.exception("function '" + name + "' has no alias '" + alias + "'");
            }
            return current.withAlias(alias, target, clusterTime());
        });
    }

    /**
     * Splits the default route across kept revisions; revisions left without a share or an alias stop running.
     *
     * @param name    the function's name
     * @param weights revision → percent, summing to 100; empty for all to the revision in force
     * @return the record in force, once this node applied it
     */
    public Future<FunctionRecord> split(String name, SortedMap<Integer, Integer> weights) {
        return change(name, current -> {
            weights.keySet().forEach(number -> requireKept(current, number));
            return current.withWeights(weights, clusterTime());
        });
    }

    /** Blocking where it runs: changes a live function's record with {@code change} and applies it here. */
    private Future<FunctionRecord> change(String name, java.util.function.UnaryOperator<FunctionRecord> change) {
        return vertx.executeBlocking(
                        () -> {
                            FunctionRecord next = change.apply(live(name));
                            records.set(name, next.toJson().encode());
                            return next;
                        },
                        false)
                .compose(record -> accept(record).map(record));
    }

    private static void requireKept(FunctionRecord record, int number) {
        if (record.revision(number).isEmpty()) {
            throw Failure.REVISION_NOT_FOUND.exception(
                    "function '" + record.name() + "' keeps no revision " + number + "; kept: "
                            + record.revisions().stream()
                                    .map(r -> Integer.toString(r.number()))
                                    .toList());
        }
    }

    /**
     * Removes a function everywhere (a tombstone stays), and its jars that nothing else names.
     *
     * @param name the function's name
     * @return completes once this node undeployed it
     */
    public Future<Void> delete(String name) {
        return vertx.executeBlocking(
                        () -> {
                            FunctionRecord current = live(name);
                            FunctionRecord tombstone = current.tombstone(clusterTime());
                            files.write(tombstone);
                            records.set(name, tombstone.toJson().encode());
                            releaseJars(current.revisions());
                            return tombstone;
                        },
                        false)
                .compose(this::accept);
    }

    /** Blocking: makes and stores the next revision, and lets go of the jars of the revisions it pushes out. */
    private FunctionRecord withRevision(
            String name, Optional<FunctionRecord> current, String version, long jarSize, FunctionSpec spec, String by) {
        long now = clusterTime();
        int number = current.map(FunctionRecord::nextNumber).orElse(1);
        Revision revision = new Revision(number, version, jarSize, spec, now, by);
        FunctionRecord next = current.map(r -> r.withRevision(revision, revisionsKept))
                .orElseGet(() -> FunctionRecord.first(name, revision));
        files.write(next);
        records.set(name, next.toJson().encode());
        current.filter(r -> !r.deleted())
                .ifPresent(r -> releaseJars(r.revisions().stream()
                        .filter(old -> next.revision(old.number()).isEmpty())
                        .toList()));
        return next;
    }

    /** Blocking: removes from the cluster's store the jars of these revisions that no live function names any more. */
    private void releaseJars(List<Revision> dropped) {
        if (dropped.isEmpty()) {
            return;
        }
        Set<String> inUse =
                versionsInUse(records.values().stream().map(Catalog::parse).toList());
        dropped.stream()
                .map(Revision::version)
                .filter(v -> !inUse.contains(v))
                .distinct()
                .forEach(jars::removeFromCluster);
    }

    private Optional<FunctionRecord> stored(String name) {
        return Optional.ofNullable(records.get(name)).map(Catalog::parse);
    }

    private FunctionRecord live(String name) {
        return stored(name)
                .filter(r -> !r.deleted())
                .orElseThrow(() -> Failure.FUNCTION_NOT_FOUND.exception("no function named '" + name + "'"));
    }

    /**
     * @param name a function's name
     * @return its kept revisions, newest first
     */
    public List<Revision> revisions(String name) {
        return get(name)
                .map(FunctionRecord::revisions)
                .orElseThrow(() -> Failure.FUNCTION_NOT_FOUND.exception("no function named '" + name + "'"));
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
        Set<String> inUse = versionsInUse(known.values());
        inUse.addAll(arriving.keySet());
        vertx.executeBlocking(
                        () -> {
                            files.write(record);
                            jars.removeUnused(inUse);
                            keepJars(record);
                            return null;
                        },
                        false)
                .compose(v -> onChange.apply(record))
                .recover(e -> {
                    LOG.log(
                            System.Logger.Level.ERROR,
                            "function " + record.name() + " could not be applied on this node: " + e.getMessage());
                    return Future.succeededFuture();
                })
                .onComplete(done -> application.complete());
        return application.future();
    }

    /**
     * The one rule for which jars stay, in the cluster's store and on disk: those of every kept revision of every
     * live function.
     */
    private static Set<String> versionsInUse(Collection<FunctionRecord> all) {
        Set<String> versions = new HashSet<>();
        all.stream().filter(r -> !r.deleted()).forEach(r -> r.revisions().forEach(rev -> versions.add(rev.version())));
        return versions;
    }

    /**
     * Blocking: this node keeps a copy of every kept revision's jar, so a rollback starts without a fetch and a full
     * restart of the cluster brings back every kept revision (each node shares its copies).
     */
    private void keepJars(FunctionRecord record) {
        if (record.deleted()) {
            return;
        }
        for (Revision revision : record.revisions()) {
            try {
                jars.fetch(revision.version());
            } catch (RuntimeException e) {
                LOG.log(
                        System.Logger.Level.WARNING,
                        "function " + record.name() + " revision " + revision.number() + ": " + e.getMessage());
            }
        }
    }

    /**
     * After this member's cluster merged into another, its view is the one of before: the other side's records, which
     * did not change, sent no event. They are read again (those that came with this side send their own). Also a
     * while after a member joined (see {@link #REREAD_AFTER_JOIN_MS}).
     */
    private void reread() {
        vertx.executeBlocking(() -> List.copyOf(records.values()), false)
                .onSuccess(all -> context.runOnContext(v -> all.forEach(json -> accept(parse(json)))))
                .onFailure(e -> LOG.log(
                        System.Logger.Level.WARNING, "could not read the catalog after a merge: " + e.getMessage()));
    }

    private void mergeIntoCluster(FunctionRecord local) {
        while (true) {
            String clusterJson = records.get(local.name());
            if (clusterJson != null && !local.newerThan(parse(clusterJson))) {
                return;
            }
            if (!local.deleted()) {
                local.revisions().forEach(revision -> jars.share(revision.version()));
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
    private final class Listener
            implements EntryAddedListener<String, String>,
                    EntryUpdatedListener<String, String>,
                    EntryMergedListener<String, String> {
        @Override
        public void entryAdded(EntryEvent<String, String> event) {
            onEvent(event.getValue());
        }

        @Override
        public void entryUpdated(EntryEvent<String, String> event) {
            onEvent(event.getValue());
        }

        /** A record that came with a cluster this one merged with (newest wins: {@link CatalogMergePolicy}). */
        @Override
        public void entryMerged(EntryEvent<String, String> event) {
            onEvent(event.getValue());
        }

        private void onEvent(String json) {
            FunctionRecord record = parse(json);
            context.runOnContext(v -> accept(record));
        }
    }
}
