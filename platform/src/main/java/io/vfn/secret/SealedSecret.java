package io.vfn.secret;

import io.vertx.core.json.JsonObject;

/**
 * A secret as the cluster map and the data directory keep it: its value only sealed. A deleted secret stays as a
 * tombstone so that a member that was away does not bring it back from its own copy.
 *
 * @param name    the secret's name
 * @param updated cluster time of the change; the newer change wins when copies disagree
 * @param deleted whether this is a tombstone
 * @param keyId   the id of the key that sealed it
 * @param nonce   the AES-GCM nonce, base64
 * @param sealed  the sealed value with its tag, base64
 */
public record SealedSecret(String name, long updated, boolean deleted, String keyId, String nonce, String sealed) {

    /**
     * @param name    the secret's name
     * @param updated cluster time of the deletion
     * @return a tombstone
     */
    public static SealedSecret tombstone(String name, long updated) {
        return new SealedSecret(name, updated, true, "", "", "");
    }

    /** @return this secret as stored */
    public JsonObject toJson() {
        JsonObject json =
                new JsonObject().put("name", name).put("updated", updated).put("deleted", deleted);
        if (!deleted) {
            json.put("keyId", keyId).put("nonce", nonce).put("sealed", sealed);
        }
        return json;
    }

    /**
     * @param json a stored secret
     * @return the secret
     */
    public static SealedSecret fromJson(JsonObject json) {
        return new SealedSecret(
                json.getString("name"),
                json.getLong("updated", 0L),
                json.getBoolean("deleted", false),
                json.getString("keyId", ""),
                json.getString("nonce", ""),
                json.getString("sealed", ""));
    }

    /**
     * @param other another copy of the same secret
     * @return whether this copy is newer
     */
    public boolean newerThan(SealedSecret other) {
        return updated > other.updated || updated == other.updated && sealed.compareTo(other.sealed) > 0;
    }
}
