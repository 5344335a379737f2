package io.vfn.sdk.client;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * A deployed function as {@code GET /system/functions/{name}} describes it.
 *
 * @param json the whole description: {@code name}, {@code version}, {@code jarSize}, {@code spec}, {@code nodes}
 */
public record FunctionInfo(JsonObject json) {

    /** @return the function's name */
    public String name() {
        return json.getString("name", "");
    }

    /** @return the content hash of its jar */
    public String version() {
        return json.getString("version", "");
    }

    /** @return the spec with every field (defaults filled in) */
    public JsonObject spec() {
        return json.getJsonObject("spec", new JsonObject());
    }

    /** @return its instances and readiness per node */
    public JsonArray nodes() {
        return json.getJsonArray("nodes", new JsonArray());
    }
}
