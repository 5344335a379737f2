package io.vfn.catalog;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A function as the catalog knows it: its kept revisions (newest first) and the one in force. A deleted function
 * stays as a tombstone (with the revision it last ran, so numbering goes on) so that a node that was away does not
 * bring it back from its own copy.
 *
 * @param name      the function's name
 * @param revisions the kept revisions, newest first; never empty
 * @param current   the number of the revision in force
 * @param changedAt cluster time of the change; the newer change wins when copies disagree
 * @param deleted   whether this is a tombstone
 */
public record FunctionRecord(String name, List<Revision> revisions, int current, long changedAt, boolean deleted) {

    public FunctionRecord {
        revisions = revisions.stream().sorted(Comparator.comparingInt(Revision::number).reversed()).toList();
        int number = current;
        if (revisions.stream().noneMatch(r -> r.number() == number)) {
            throw new IllegalArgumentException("function " + name + " has no revision " + current);
        }
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
        return revisions.stream().filter(r -> r.number() == number).findFirst();
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
     * This function with a new revision in force, older ones beyond {@code kept} dropped (the one in force always
     * stays). A tombstone comes back to life with only the new revision.
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
        return new FunctionRecord(name, all.subList(0, Math.min(kept, all.size())), next.number(), next.created(), false);
    }

    /**
     * @param number    a kept revision
     * @param changedAt cluster time of the change
     * @return this function with that revision in force
     */
    public FunctionRecord withCurrent(int number, long changedAt) {
        return new FunctionRecord(name, revisions, number, changedAt, false);
    }

    /**
     * @param changedAt cluster time of the deletion
     * @return the tombstone of this function, keeping only the revision it last ran
     */
    public FunctionRecord tombstone(long changedAt) {
        return new FunctionRecord(name, List.of(currentRevision()), current, changedAt, true);
    }

    /**
     * @param kept a number of revisions
     * @return the revisions {@link #withRevision} would drop beyond it
     */
    public List<Revision> beyond(int kept) {
        return revisions.size() <= kept ? List.of() : revisions.subList(kept, revisions.size());
    }

    /** @return this record as stored in the cluster and on disk */
    public JsonObject toJson() {
        return new JsonObject().put("name", name).put("current", current)
            .put("revisions", new JsonArray(revisions.stream().map(Revision::toJson).toList()))
            .put("changedAt", changedAt).put("deleted", deleted);
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
            Revision only = new Revision(1, json.getString("version"), json.getLong("jarSize", 0L),
                FunctionSpec.fromJson(json.getJsonObject("spec")), changedAt, "unknown");
            return new FunctionRecord(name, List.of(only), 1, changedAt, deleted);
        }
        List<Revision> revisions = json.getJsonArray("revisions").stream()
            .map(r -> Revision.fromJson((JsonObject) r)).toList();
        return new FunctionRecord(name, revisions, json.getInteger("current"), json.getLong("changedAt", 0L), deleted);
    }

    /**
     * @param other another copy of the same function
     * @return whether this copy is newer
     */
    public boolean newerThan(FunctionRecord other) {
        return changedAt > other.changedAt
            || changedAt == other.changedAt && toJson().encode().compareTo(other.toJson().encode()) > 0;
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
