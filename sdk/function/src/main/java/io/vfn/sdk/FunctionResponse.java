package io.vfn.sdk;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.Json;

/**
 * What a function answers: status, headers and body, written to the caller as they are.
 *
 * <pre>{@code
 * return FunctionResponse.json(new JsonObject().put("greeting", "hello"));
 * return FunctionResponse.status(404).body("no such thing");
 * }</pre>
 * A function's own 4xx or 5xx passes to the caller unchanged: it is not a platform error.
 */
public final class FunctionResponse {

    private int statusCode;
    private final MultiMap headers;
    private Buffer body;

    private FunctionResponse(int statusCode, MultiMap headers, Buffer body) {
        this.statusCode = statusCode;
        this.headers = headers;
        this.body = body;
    }

    /** @return an empty {@code 200} response */
    public static FunctionResponse ok() {
        return status(200);
    }

    /**
     * @param statusCode the HTTP status, 100-599
     * @return an empty response with that status
     */
    public static FunctionResponse status(int statusCode) {
        return new FunctionResponse(checkStatus(statusCode), MultiMap.caseInsensitiveMultiMap(), Buffer.buffer());
    }

    /**
     * @param text the body, sent as UTF-8
     * @return a {@code 200 text/plain; charset=utf-8} response
     */
    public static FunctionResponse text(String text) {
        return ok().header("Content-Type", "text/plain; charset=utf-8").body(text);
    }

    /**
     * @param value a {@code JsonObject}, {@code JsonArray} or any object Jackson can encode
     * @return a {@code 200 application/json} response
     */
    public static FunctionResponse json(Object value) {
        return ok().header("Content-Type", "application/json").body(Json.encodeToBuffer(value));
    }

    /**
     * Creates a response from parts the caller already owns (the platform decoding a reply).
     *
     * @param statusCode the status
     * @param headers    the headers, taken as they are
     * @param body       the body, taken as it is
     * @return the response
     */
    public static FunctionResponse of(int statusCode, MultiMap headers, Buffer body) {
        return new FunctionResponse(checkStatus(statusCode), headers, body);
    }

    /** @param statusCode the HTTP status @return this */
    public FunctionResponse statusCode(int statusCode) {
        this.statusCode = checkStatus(statusCode);
        return this;
    }

    /** @param name a header @param value its value, added to any earlier ones @return this */
    public FunctionResponse header(String name, String value) {
        headers.add(name, value);
        return this;
    }

    /** @param body the body @return this */
    public FunctionResponse body(Buffer body) {
        this.body = body == null ? Buffer.buffer() : body;
        return this;
    }

    /** @param body the body, UTF-8 @return this */
    public FunctionResponse body(String body) {
        return body(Buffer.buffer(body == null ? "" : body));
    }

    /** @return the status */
    public int statusCode() {
        return statusCode;
    }

    /** @return the headers (case-insensitive) */
    public MultiMap headers() {
        return headers;
    }

    /** @return the body, never {@code null} */
    public Buffer body() {
        return body;
    }

    private static int checkStatus(int statusCode) {
        if (statusCode < 100 || statusCode > 599) {
            throw new IllegalArgumentException("statusCode must be within 100-599, was " + statusCode);
        }
        return statusCode;
    }
}
