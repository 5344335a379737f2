package io.vfn.sdk;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import io.vfn.sdk.impl.RequestBuilderImpl;
import java.time.Instant;
import java.util.Optional;

/**
 * One call of a function: what the caller sent, plus the call's id and deadline.
 *
 * <p>Header and query names are case-insensitive. The body is never {@code null}: an empty call has an
 * empty buffer.
 */
public interface FunctionRequest {

    /** @return the HTTP method the caller used, e.g. {@code POST} */
    String method();

    /** @return the sub-path after {@code /function/<name>}, {@code /} when there is none */
    String path();

    /** @return the query parameters */
    MultiMap query();

    /** @return the caller's HTTP headers */
    MultiMap headers();

    /** @return the raw body */
    Buffer body();

    /** @return the call's id, as the caller sees it in {@code X-Call-Id} */
    String callId();

    /** @return when the caller stops waiting: work past it is wasted */
    Instant deadline();

    /**
     * @param name a query parameter's name
     * @return its first value
     */
    default Optional<String> queryParam(String name) {
        return Optional.ofNullable(query().get(name));
    }

    /**
     * @param name a header's name, any case
     * @return its first value
     */
    default Optional<String> header(String name) {
        return Optional.ofNullable(headers().get(name));
    }

    /**
     * The call's W3C trace context: the trace it belongs to and the span it runs as. On a node every call has one:
     * the caller's trace continued, or a new one. Pass it on as the {@code traceparent} header of what the function
     * calls over HTTP; {@link FunctionContext#invoke} passes it on by itself.
     *
     * <pre>{@code request.traceparent().ifPresent(trace -> outgoing.putHeader("traceparent", trace));}</pre>
     *
     * @return the {@code traceparent} header, e.g. {@code 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01}
     */
    default Optional<String> traceparent() {
        return header("traceparent");
    }

    /** @return the {@code Content-Type} header */
    default Optional<String> contentType() {
        return header("Content-Type");
    }

    /** @return the body decoded as UTF-8 */
    default String bodyAsString() {
        return body().toString();
    }

    /**
     * @return the body parsed as a JSON object
     * @throws io.vertx.core.json.DecodeException when the body is not a JSON object
     */
    default JsonObject bodyAsJson() {
        return body().length() == 0 ? new JsonObject() : new JsonObject(body());
    }

    /**
     * Maps the JSON body onto a type through Jackson (provided by the platform).
     *
     * @param type the class to bind to
     * @param <T>  the type
     * @return the bound value
     * @throws io.vertx.core.json.DecodeException when the body does not fit the type
     */
    default <T> T bodyAs(Class<T> type) {
        return Json.decodeValue(body(), type);
    }

    /**
     * Starts a request, e.g. for {@link FunctionContext#invoke} or a unit test of a function.
     *
     * @return a builder with method {@code POST}, path {@code /}, a fresh call id and a 30 s deadline
     */
    static Builder builder() {
        return new RequestBuilderImpl();
    }

    /** Builds a {@link FunctionRequest}. */
    interface Builder {
        /** @param method the HTTP method @return this */
        Builder method(String method);

        /** @param path the sub-path @return this */
        Builder path(String path);

        /** @param name a parameter @param value its value @return this */
        Builder query(String name, String value);

        /** @param name a header @param value its value @return this */
        Builder header(String name, String value);

        /** @param body the body @return this */
        Builder body(Buffer body);

        /** @param body the body, UTF-8 @return this */
        Builder body(String body);

        /** @param callId the call id @return this */
        Builder callId(String callId);

        /** @param deadline when the caller stops waiting @return this */
        Builder deadline(Instant deadline);

        /** @return the request */
        FunctionRequest build();
    }
}
