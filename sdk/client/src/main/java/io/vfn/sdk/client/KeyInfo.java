package io.vfn.sdk.client;

import io.vertx.core.json.JsonObject;
import java.util.Optional;

/**
 * An invoke key of a function as the key operations answer it.
 *
 * @param json {@code id}, {@code prefix}, {@code created}, and {@code key} in the answer that created it
 */
public record KeyInfo(JsonObject json) {

    /** @return the key's id, to revoke it by */
    public String id() {
        return json.getString("id", "");
    }

    /** @return the key's first, non-secret characters, to recognise it by */
    public String prefix() {
        return json.getString("prefix", "");
    }

    /** @return when it was made, an ISO-8601 instant */
    public String created() {
        return String.valueOf(json.getValue("created", ""));
    }

    /** @return the key itself: present only in the answer of {@link VfnClient#createKey}, never again */
    public Optional<String> key() {
        return Optional.ofNullable(json.getString("key"));
    }
}
