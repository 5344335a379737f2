package io.vfn.sdk.client;

import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonObject;
import io.vfn.sdk.client.impl.FrameBodies;
import java.util.Optional;
import java.util.Set;

/**
 * An async call's record as {@code GET /calls/{id}} shows it.
 *
 * @param json the whole record: {@code callId}, {@code function}, {@code status}, {@code attempts}, timestamps,
 *             {@code error} (and {@code cause}), {@code callback}, {@code result}
 */
public record CallInfo(JsonObject json) {

    private static final Set<String> ENDED = Set.of("succeeded", "failed", "cancelled", "expired");

    /** @return the call's id */
    public String callId() {
        return json.getString("callId", "");
    }

    /** @return the function's name */
    public String function() {
        return json.getString("function", "");
    }

    /** @return {@code queued}, {@code running}, {@code succeeded}, {@code failed}, {@code cancelled} or {@code expired} */
    public String status() {
        return json.getString("status", "");
    }

    /** @return whether the call ended (it will not change any more unless retried) */
    public boolean ended() {
        return ENDED.contains(status());
    }

    /** @return how many times it was run */
    public int attempts() {
        return json.getInteger("attempts", 0);
    }

    /** @return what went wrong, for a failed or expired call */
    public Optional<String> error() {
        return Optional.ofNullable(json.getString("error"));
    }

    /**
     * @return what the function's failure said (exception class and message): present only for a reader with the
     *     function's key or the admin token
     */
    public Optional<String> cause() {
        return Optional.ofNullable(json.getString("cause"));
    }

    /**
     * @return the function's answer, once the call ended with one; a JSON body comes back re-encoded (use
     *     {@link VfnClient#callResult} for the exact bytes)
     */
    public Optional<InvokeResponse> result() {
        JsonObject result = json.getJsonObject("result");
        if (result == null) {
            return Optional.empty();
        }
        MultiMap headers = MultiMap.caseInsensitiveMultiMap();
        result.getJsonObject("headers", new JsonObject())
                .forEach(h -> headers.add(h.getKey(), String.valueOf(h.getValue())));
        headers.set("X-Call-Id", callId());
        return Optional.of(
                new InvokeResponse(result.getInteger("statusCode", 200), headers, FrameBodies.bytes(result)));
    }
}
