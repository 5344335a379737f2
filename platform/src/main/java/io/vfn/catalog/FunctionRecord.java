package io.vfn.catalog;

import io.vertx.core.json.JsonObject;

/**
 * A function as the catalog knows it. A deleted function stays as a tombstone so that a node that was away
 * does not bring it back from its own copy.
 *
 * @param name     the function's name
 * @param spec     how it runs
 * @param version  content hash of its jar (SHA-256, hex)
 * @param jarSize  the jar's size in bytes
 * @param revision cluster time of the change; the newer revision wins when copies disagree
 * @param deleted  whether this is a tombstone
 */
public record FunctionRecord(String name, FunctionSpec spec, String version, long jarSize, long revision, boolean deleted) {

    /** @return this record as stored in the cluster and on disk */
    public JsonObject toJson() {
        return new JsonObject().put("name", name).put("spec", spec.toJson()).put("version", version)
            .put("jarSize", jarSize).put("revision", revision).put("deleted", deleted);
    }

    /**
     * @param json a stored record
     * @return the record
     */
    public static FunctionRecord fromJson(JsonObject json) {
        return new FunctionRecord(json.getString("name"), FunctionSpec.fromJson(json.getJsonObject("spec")),
            json.getString("version"), json.getLong("jarSize", 0L), json.getLong("revision", 0L),
            json.getBoolean("deleted", false));
    }

    /**
     * @param other another copy of the same function
     * @return whether this copy is newer
     */
    public boolean newerThan(FunctionRecord other) {
        return revision > other.revision || revision == other.revision && version.compareTo(other.version) > 0;
    }

    /**
     * @param other another record
     * @return whether both run the same jar with the same spec
     */
    public boolean sameDeployment(FunctionRecord other) {
        return !deleted && !other.deleted && version.equals(other.version) && spec.equals(other.spec);
    }
}
