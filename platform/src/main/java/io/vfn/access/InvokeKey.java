package io.vfn.access;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Base64;

/**
 * One invoke key as kept: never the key itself, only its SHA-256.
 *
 * @param id       the key's id (also part of the key, so a presented key finds its record without a search)
 * @param function the one function it opens
 * @param prefix   the key's first, non-secret characters, for people to recognise it
 * @param sha256   the SHA-256 of the whole key
 * @param created  cluster time of its creation, in milliseconds
 */
public record InvokeKey(String id, String function, String prefix, byte[] sha256, long created) {

    /** @return how it is listed: id, prefix and creation time */
    public JsonObject toListing() {
        return new JsonObject()
                .put("id", id)
                .put("prefix", prefix)
                .put("created", Instant.ofEpochMilli(created).toString());
    }

    JsonObject toJson() {
        return new JsonObject()
                .put("id", id)
                .put("function", function)
                .put("prefix", prefix)
                .put("sha256", Base64.getEncoder().encodeToString(sha256))
                .put("created", created);
    }

    static InvokeKey fromJson(String json) {
        JsonObject object = new JsonObject(json);
        return new InvokeKey(
                object.getString("id"),
                object.getString("function"),
                object.getString("prefix"),
                Base64.getDecoder().decode(object.getString("sha256")),
                object.getLong("created"));
    }
}
