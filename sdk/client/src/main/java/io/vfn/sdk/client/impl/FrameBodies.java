package io.vfn.sdk.client.impl;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import java.util.Base64;

/** Bodies inside vfn's JSON documents (call records, WebSocket frames): {@code bodyBase64}, a string, or a JSON value. */
public final class FrameBodies {

    private FrameBodies() {}

    /**
     * @param document a result or a frame
     * @return its body's bytes; exact for {@code bodyBase64} and strings, re-encoded for a JSON value
     */
    public static Buffer bytes(JsonObject document) {
        if (document.containsKey("bodyBase64")) {
            return Buffer.buffer(Base64.getDecoder().decode(document.getString("bodyBase64")));
        }
        Object body = document.getValue("body");
        if (body == null) {
            return Buffer.buffer();
        }
        return body instanceof String text ? Buffer.buffer(text) : Buffer.buffer(Json.encode(body));
    }

    /**
     * @param document a result or a frame
     * @return whether {@link #bytes} gives the body exactly as the function wrote it
     */
    public static boolean exact(JsonObject document) {
        return document.containsKey("bodyBase64")
                || document.getValue("body") == null
                || document.getValue("body") instanceof String;
    }
}
