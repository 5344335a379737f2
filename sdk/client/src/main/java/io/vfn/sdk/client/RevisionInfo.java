package io.vfn.sdk.client;

import io.vertx.core.json.JsonObject;

/**
 * One kept revision of a function, as {@code GET /system/functions/{name}/revisions} lists it.
 *
 * @param json the whole entry: {@code revision}, {@code version}, {@code jarSize}, {@code spec}, {@code created},
 *             {@code by}, {@code current}
 */
public record RevisionInfo(JsonObject json) {

    /** @return the revision's number, counted up from 1 per function */
    public int revision() {
        return json.getInteger("revision", 0);
    }

    /** @return the content hash of its jar */
    public String version() {
        return json.getString("version", "");
    }

    /** @return its spec */
    public JsonObject spec() {
        return json.getJsonObject("spec", new JsonObject());
    }

    /** @return when it was made, an ISO-8601 instant */
    public String created() {
        return json.getString("created", "");
    }

    /** @return which credential made it */
    public String by() {
        return json.getString("by", "");
    }

    /** @return whether it is the revision in force */
    public boolean current() {
        return json.getBoolean("current", false);
    }
}
