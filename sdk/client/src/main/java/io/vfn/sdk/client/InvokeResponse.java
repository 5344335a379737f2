package io.vfn.sdk.client;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.util.Optional;

/**
 * A function's answer: its status, headers and exact body. A function's own 4xx or 5xx is an answer like any
 * other; only platform errors fail with {@link VfnClientException}.
 *
 * @param status  the function's HTTP status
 * @param headers its headers (plus the gateway's {@code X-Call-Id} and {@code X-Duration-Seconds})
 * @param body    its body, byte for byte
 */
public record InvokeResponse(int status, MultiMap headers, Buffer body) {

    /** @return the call's id, when the gateway named it */
    public Optional<String> callId() {
        return Optional.ofNullable(headers.get("X-Call-Id"));
    }

    /** @return the content type, when the function set one */
    public Optional<String> contentType() {
        return Optional.ofNullable(headers.get("Content-Type"));
    }

    /** @return the body as UTF-8 text */
    public String bodyAsString() {
        return body.toString();
    }

    /** @return the body as a JSON object ({@link io.vertx.core.json.DecodeException} when it is not one) */
    public JsonObject bodyAsJson() {
        return body.toJsonObject();
    }
}
