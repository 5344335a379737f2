package io.vfn.sdk.client;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/**
 * A secret as {@code GET /system/secrets} lists it: never its value.
 *
 * @param json {@code name}, {@code updated}, {@code usedBy}
 */
public record SecretInfo(JsonObject json) {

    /** @return the secret's name */
    public String name() {
        return json.getString("name", "");
    }

    /** @return when its value last changed, an ISO-8601 instant */
    public String updated() {
        return json.getString("updated", "");
    }

    /** @return the functions whose spec names it */
    public List<String> usedBy() {
        return json.getJsonArray("usedBy", new JsonArray()).stream()
                .map(String::valueOf)
                .toList();
    }
}
