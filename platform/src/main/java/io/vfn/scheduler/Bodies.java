package io.vfn.scheduler;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;

/**
 * Bodies in JSON documents (call records, WebSocket frames): a JSON value when the content is JSON, a string when
 * it is text, else {@code bodyBase64}. Stored results always keep the exact bytes as {@code bodyBase64}.
 */
public final class Bodies {

    private Bodies() {}

    /**
     * A function's answer as a call record keeps it.
     *
     * @param status  its status
     * @param headers its headers
     * @param body    its body
     * @return {@code statusCode}, {@code headers}, {@code contentType}, {@code bodyBase64}
     */
    public static JsonObject result(int status, MultiMap headers, Buffer body) {
        JsonObject headerJson = new JsonObject();
        for (Map.Entry<String, String> header : headers) {
            if (header.getKey().charAt(0) != ':') {
                headerJson.put(header.getKey(), header.getValue());
            }
        }
        String contentType = headers.get("Content-Type");
        JsonObject result = new JsonObject()
                .put("statusCode", status)
                .put("headers", headerJson)
                .put("bodyBase64", Base64.getEncoder().encodeToString(body.getBytes()));
        if (contentType != null) {
            result.put("contentType", contentType);
        }
        return result;
    }

    /**
     * @param result a stored result
     * @return its exact body
     */
    public static Buffer raw(JsonObject result) {
        return Buffer.buffer(Base64.getDecoder().decode(result.getString("bodyBase64", "")));
    }

    /**
     * @param result a stored result
     * @return a copy that shows the body readably ({@code body}) where it can
     */
    public static JsonObject readable(JsonObject result) {
        JsonObject copy = result.copy();
        copy.remove("bodyBase64");
        put(copy, result.getString("contentType"), raw(result));
        return copy;
    }

    /**
     * Puts a body into a JSON document the readable way.
     *
     * @param target      the document
     * @param contentType the body's content type, or {@code null}
     * @param body        the body
     */
    public static void put(JsonObject target, String contentType, Buffer body) {
        String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
        if (type.contains("json")) {
            try {
                target.put("body", Json.decodeValue(body));
                return;
            } catch (DecodeException e) {
                // not JSON after all: shown as text or base64 below
            }
        }
        String text = utf8(body);
        if (text != null
                && (type.startsWith("text/")
                        || type.contains("json")
                        || type.contains("xml")
                        || type.contains("x-www-form-urlencoded")
                        || type.isEmpty())) {
            target.put("body", text);
        } else {
            target.put("bodyBase64", Base64.getEncoder().encodeToString(body.getBytes()));
        }
    }

    private static String utf8(Buffer body) {
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .decode(java.nio.ByteBuffer.wrap(body.getBytes()))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
