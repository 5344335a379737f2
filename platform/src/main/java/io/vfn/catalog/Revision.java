package io.vfn.catalog;

import io.vertx.core.json.JsonObject;
import java.time.Instant;

/**
 * One deployed state of a function, never changed once made: every deploy or spec change that changes the jar or
 * the spec makes the next one.
 *
 * @param number  1, 2, 3 … per function name, never reused (not even after a delete)
 * @param version content hash of its jar (SHA-256, hex)
 * @param jarSize the jar's size in bytes
 * @param spec    how it runs
 * @param created cluster time it was made
 * @param by      the credential that made it ({@code admin-token:<fingerprint>}, {@code preload}, {@code examples})
 */
public record Revision(int number, String version, long jarSize, FunctionSpec spec, long created, String by) {

    /** @return this revision as stored */
    public JsonObject toJson() {
        return new JsonObject()
                .put("number", number)
                .put("version", version)
                .put("jarSize", jarSize)
                .put("spec", spec.toJson())
                .put("created", created)
                .put("by", by);
    }

    /** @return this revision as the admin API shows it */
    public JsonObject describe() {
        return new JsonObject()
                .put("revision", number)
                .put("version", version)
                .put("jarSize", jarSize)
                .put("spec", spec.toJson())
                .put("created", Instant.ofEpochMilli(created).toString())
                .put("by", by);
    }

    /**
     * @param json a stored revision
     * @return the revision
     */
    public static Revision fromJson(JsonObject json) {
        return new Revision(
                json.getInteger("number"),
                json.getString("version"),
                json.getLong("jarSize", 0L),
                FunctionSpec.fromJson(json.getJsonObject("spec")),
                json.getLong("created", 0L),
                json.getString("by", "unknown"));
    }
}
