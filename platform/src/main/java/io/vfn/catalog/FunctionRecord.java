package io.vfn.catalog;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * A function as the catalog knows it: its kept revisions (newest first), the one in force, its aliases and the
 * traffic split of its default route. A deleted function stays as a tombstone (with the revision it last ran, so
 * numbering goes on) so that a node that was away does not bring it back from its own copy.
 *
 * @param name      the function's name
 * @param revisions the kept revisions, newest first; never empty
 * @param current   the number of the revision in force
 * @param aliases   alias → revision number
 * @param weights   revision number → share of the default route in percent (summing to 100); empty: all to the
 *                  revision in force
 * @param changedAt cluster time of the change; the newer change wins when copies disagree
 * @param deleted   whether this is a tombstone
 */
public record FunctionRecord(
        String name,
        List<Revision> revisions,
        int current,
        SortedMap<String, Integer> aliases,
        SortedMap<Integer, Integer> weights,
        long changedAt,
        boolean deleted) {

    public FunctionRecord {
        revisions = revisions.stream()
                .sorted(Comparator.comparingInt(Revision::number).reversed())
                .toList();
        aliases = Collections.unmodifiableSortedMap(new TreeMap<>(aliases));
        weights = Collections.unmodifiableSortedMap(new TreeMap<>(weights));
        Set<Integer> kept = revisions.stream().map(Revision::number).collect(Collectors.toSet());
        if (!kept.contains(current) || !kept.containsAll(aliases.values()) || !kept.containsAll(weights.keySet())) {
            throw new IllegalArgumentException("function " + name + " names a revision it does not keep");
        }
    }

    /**
     * @param name      the function's name
     * @param revisions the kept revisions
     * @param current   the revision in force
     * @param changedAt cluster time of the change
     * @param deleted   whether this is a tombstone
     */
    public FunctionRecord(String name, List<Revision> revisions, int current, long changedAt, boolean deleted) {
        this(name, revisions, current, new TreeMap<>(), new TreeMap<>(), changedAt, deleted);
    }

    /**
     * A new function's record.
     *
     * @param name  the function's name
     * @param first its first revision
     * @return the record
     */
    public static FunctionRecord first(String name, Revision first) {
        return new FunctionRecord(name, List.of(first), first.number(), first.created(), false);
    }

    /** @return the revision in force */
    public Revision currentRevision() {
        return revision(current).orElseThrow();
    }

    /**
     * @param number a revision's number
     * @return that revision, when kept
     */
    public Optional<Revision> revision(int number) {
        // On every call: a plain loop over the few kept revisions.
        for (Revision revision : revisions) {
            if (revision.number() == number) {
                return Optional.of(revision);
            }
        }
        return Optional.empty();
    }

    /** @return the spec in force */
    public FunctionSpec spec() {
        return currentRevision().spec();
    }

    /** @return the version (jar hash) in force */
    public String version() {
        return currentRevision().version();
    }

    /** @return the size of the jar in force */
    public long jarSize() {
        return currentRevision().jarSize();
    }

    /** @return the number the next revision gets */
    public int nextNumber() {
        return revisions.get(0).number() + 1;
    }

    /**
     * This function with a new revision in force and the whole default route on it; older revisions beyond
     * {@code kept} dropped, unless an alias names them. A tombstone comes back to life with only the new revision.
     *
     * @param next the new revision
     * @param kept how many revisions to keep
     * @return the changed record
     */
    public FunctionRecord withRevision(Revision next, int kept) {
        List<Revision> all = new ArrayList<>();
        all.add(next);
        if (!deleted) {
            all.addAll(revisions);
        }
        SortedMap<String, Integer> keptAliases = deleted ? new TreeMap<>() : aliases;
        List<Revision> keep = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            if (i < kept || keptAliases.containsValue(all.get(i).number())) {
                keep.add(all.get(i));
            }
        }
        return new FunctionRecord(name, keep, next.number(), keptAliases, new TreeMap<>(), next.created(), false);
    }

    /**
     * @param number    a kept revision
     * @param changedAt cluster time of the change
     * @return this function with that revision in force and the whole default route on it
     */
    public FunctionRecord withCurrent(int number, long changedAt) {
        return new FunctionRecord(name, revisions, number, aliases, new TreeMap<>(), changedAt, false);
    }

    /**
     * @param alias     an alias
     * @param number    the kept revision it names, or empty to remove it
     * @param changedAt cluster time of the change
     * @return this function with the alias changed
     */
    public FunctionRecord withAlias(String alias, OptionalInt number, long changedAt) {
        SortedMap<String, Integer> next = new TreeMap<>(aliases);
        if (number.isPresent()) {
            next.put(alias, number.getAsInt());
        } else {
            next.remove(alias);
        }
        return new FunctionRecord(name, revisions, current, next, weights, changedAt, false);
    }

    /**
     * @param split     revision → percent, summing to 100; empty for all to the revision in force
     * @param changedAt cluster time of the change
     * @return this function with its default route split so
     */
    public FunctionRecord withWeights(SortedMap<Integer, Integer> split, long changedAt) {
        return new FunctionRecord(name, revisions, current, aliases, split, changedAt, false);
    }

    /** @return the revisions that run: the one in force, those with a share of the default route, those aliased */
    public SortedSet<Integer> running() {
        SortedSet<Integer> running = new TreeSet<>(aliases.values());
        running.add(current);
        weights.forEach((revision, weight) -> {
            if (weight > 0) {
                running.add(revision);
            }
        });
        return running;
    }

    /**
     * @param changedAt cluster time of the deletion
     * @return the tombstone of this function, keeping only the revision it last ran
     */
    public FunctionRecord tombstone(long changedAt) {
        return new FunctionRecord(name, List.of(currentRevision()), current, changedAt, true);
    }

    /** @return this record as stored in the cluster and on disk */
    public JsonObject toJson() {
        JsonObject split = new JsonObject();
        weights.forEach((revision, weight) -> split.put(Integer.toString(revision), weight));
        return new JsonObject()
                .put("name", name)
                .put("current", current)
                .put(
                        "revisions",
                        new JsonArray(revisions.stream().map(Revision::toJson).toList()))
                .put("aliases", new JsonObject(new java.util.LinkedHashMap<>(aliases)))
                .put("weights", split)
                .put("changedAt", changedAt)
                .put("deleted", deleted);
    }

    /**
     * @param json a stored record; one written before revisions existed becomes revision 1
     * @return the record
     */
    public static FunctionRecord fromJson(JsonObject json) {
        String name = json.getString("name");
        boolean deleted = json.getBoolean("deleted", false);
        if (!json.containsKey("revisions")) {
            long changedAt = json.getLong("revision", 0L);
            Revision only = new Revision(
                    1,
                    json.getString("version"),
                    json.getLong("jarSize", 0L),
                    FunctionSpec.fromJson(json.getJsonObject("spec")),
                    changedAt,
                    "unknown");
            return new FunctionRecord(name, List.of(only), 1, changedAt, deleted);
        }
        List<Revision> revisions = json.getJsonArray("revisions").stream()
                .map(r -> Revision.fromJson((JsonObject) r))
                .toList();
        SortedMap<String, Integer> aliases = new TreeMap<>();
        json.getJsonObject("aliases", new JsonObject())
                .forEach(e -> aliases.put(e.getKey(), ((Number) e.getValue()).intValue()));
        SortedMap<Integer, Integer> weights = new TreeMap<>();
        json.getJsonObject("weights", new JsonObject())
                .forEach(e -> weights.put(Integer.parseInt(e.getKey()), ((Number) e.getValue()).intValue()));
        return new FunctionRecord(
                name, revisions, json.getInteger("current"), aliases, weights, json.getLong("changedAt", 0L), deleted);
    }

    /**
     * @param other another copy of the same function
     * @return whether this copy is newer
     */
    public boolean newerThan(FunctionRecord other) {
        return changedAt > other.changedAt
                || changedAt == other.changedAt
                        && toJson().encode().compareTo(other.toJson().encode()) > 0;
    }

    /**
     * @param other another record
     * @return whether both run the same jar with the same spec
     */
    public boolean sameDeployment(FunctionRecord other) {
        return !other.deleted && runs(other.version(), other.spec());
    }

    /**
     * @param version a jar's hash
     * @param spec    a spec
     * @return whether this live function runs that jar with that spec
     */
    public boolean runs(String version, FunctionSpec spec) {
        return !deleted && version().equals(version) && spec().equals(spec);
    }
}
