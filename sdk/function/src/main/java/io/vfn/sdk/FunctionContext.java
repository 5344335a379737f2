package io.vfn.sdk;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import java.util.Map;
import java.util.Optional;

/**
 * What the platform gives a function besides the request: its name and env, a logger, the node's
 * {@link Vertx} and a way to call other functions.
 */
public interface FunctionContext {

    /** @return the function's deployed name */
    String name();

    /** @return the {@code env} map of the function's spec, never {@code null} */
    Map<String, String> env();

    /**
     * A secret the function's spec names ({@code secrets: ["db-password"]}), read when called: a secret rotated
     * while the function runs is seen at the next read, so read it where it is used rather than once in
     * {@code init}.
     *
     * <pre>{@code String password = context.secret("db-password").orElseThrow();}</pre>
     *
     * @param name the secret's name
     * @return its current value; empty when the spec does not name it or it was deleted
     */
    Optional<String> secret(String name);

    /** @return a logger named after the function */
    System.Logger logger();

    /** @return the node's Vert.x instance (for timers, clients, the event bus) */
    Vertx vertx();

    /**
     * Calls another function through the event bus, wherever in the cluster it runs. The call continues the trace
     * of the call this function handles (same trace id, a span of its own) unless the request carries a
     * {@code traceparent} of its own.
     *
     * @param function the other function's name
     * @param request  the request to hand it
     * @return its response (whatever its status); failed with a {@link FunctionException} when the platform failed
     *     the call: its {@code status()} is {@code 404} unknown, {@code 429} its limit reached, {@code 502} it threw,
     *     {@code 503} no instance ready, {@code 504} too slow …
     */
    Future<FunctionResponse> invoke(String function, FunctionRequest request);

    /**
     * Calls another function with a {@code POST} of the given body.
     *
     * @param function the other function's name
     * @param body     the body
     * @return its response, as {@link #invoke(String, FunctionRequest)}
     */
    default Future<FunctionResponse> invoke(String function, Buffer body) {
        return invoke(function, FunctionRequest.builder().body(body).build());
    }
}
