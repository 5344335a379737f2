package io.vfn.sdk.client;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import java.util.Objects;
import java.util.Optional;

/**
 * One invocation of a function: what the function sees (method, sub-path, query, headers, body) and, for an async
 * call, where to post its result.
 *
 * <pre>{@code
 * Invocation.of("hello").header("Content-Type", "application/json").body(Buffer.buffer("{\"name\":\"Ada\"}"))
 * }</pre>
 */
public final class Invocation {

    private final String function;
    private String method = "POST";
    private String path = "";
    private String query = "";
    private final MultiMap headers = MultiMap.caseInsensitiveMultiMap();
    private Buffer body = Buffer.buffer();
    private String callbackUrl;

    private Invocation(String function) {
        this.function = Objects.requireNonNull(function, "function");
    }

    /**
     * @param function the function's name
     * @return a {@code POST} with an empty body
     */
    public static Invocation of(String function) {
        return new Invocation(function);
    }

    /**
     * @param method the HTTP method of a sync call ({@code POST} by default; async calls are always posted)
     * @return this
     */
    public Invocation method(String method) {
        this.method = Objects.requireNonNull(method, "method");
        return this;
    }

    /**
     * @param path the sub-path the function sees, e.g. {@code /items/7}
     * @return this
     */
    public Invocation path(String path) {
        String given = Objects.requireNonNull(path, "path");
        this.path = given.isEmpty() || given.startsWith("/") ? given : "/" + given;
        return this;
    }

    /**
     * @param query the raw query string without {@code ?}, e.g. {@code rounds=10}
     * @return this
     */
    public Invocation query(String query) {
        this.query = Objects.requireNonNull(query, "query");
        return this;
    }

    /**
     * @param name  a header's name
     * @param value its value (added to earlier values of the same name)
     * @return this
     */
    public Invocation header(String name, String value) {
        headers.add(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
        return this;
    }

    /**
     * @param body the body, sent byte for byte
     * @return this
     */
    public Invocation body(Buffer body) {
        this.body = Objects.requireNonNull(body, "body");
        return this;
    }

    /**
     * @param body the body as UTF-8 text
     * @return this
     */
    public Invocation body(String body) {
        return body(Buffer.buffer(Objects.requireNonNull(body, "body")));
    }

    /**
     * @param callbackUrl where vfn posts an async call's result ({@code X-Callback-Url})
     * @return this
     */
    public Invocation callbackUrl(String callbackUrl) {
        this.callbackUrl = Objects.requireNonNull(callbackUrl, "callbackUrl");
        return this;
    }

    /** @return the function's name */
    public String function() {
        return function;
    }

    /** @return the HTTP method */
    public String method() {
        return method;
    }

    /** @return the sub-path, empty for none */
    public String path() {
        return path;
    }

    /** @return the raw query, empty for none */
    public String query() {
        return query;
    }

    /** @return the headers (a live view) */
    public MultiMap headers() {
        return headers;
    }

    /** @return the body */
    public Buffer body() {
        return body;
    }

    /** @return where an async call's result is posted, when set */
    public Optional<String> callbackUrl() {
        return Optional.ofNullable(callbackUrl);
    }
}
