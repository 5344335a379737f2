package io.vfn.sdk.client;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Objects;

/**
 * The spec fields to deploy a function with, or to change with {@link VfnClient#update}. Only the fields set here
 * are sent; the platform keeps its defaults (or the current values) for the others.
 *
 * <pre>{@code
 * FunctionSpec.create().instances(2).timeout(Duration.ofSeconds(5)).env("LANG", "en").secret("db-password")
 * }</pre>
 */
public final class FunctionSpec {

    private final JsonObject json = new JsonObject();

    private FunctionSpec() {}

    /** @return a spec with no field set */
    public static FunctionSpec create() {
        return new FunctionSpec();
    }

    /**
     * @param handler the function's class (needed only when the jar names more than one)
     * @return this
     */
    public FunctionSpec handler(String handler) {
        json.put("handler", Objects.requireNonNull(handler, "handler"));
        return this;
    }

    /**
     * @param instances verticle instances per node
     * @return this
     */
    public FunctionSpec instances(int instances) {
        json.put("instances", instances);
        return this;
    }

    /**
     * @param concurrency most calls in flight per node
     * @return this
     */
    public FunctionSpec concurrency(int concurrency) {
        json.put("concurrency", concurrency);
        return this;
    }

    /**
     * @param timeout the longest a call may take
     * @return this
     */
    public FunctionSpec timeout(Duration timeout) {
        json.put("timeout", Objects.requireNonNull(timeout, "timeout").toMillis() + "ms");
        return this;
    }

    /**
     * @param maxRetries how often a failed async call is run again
     * @return this
     */
    public FunctionSpec maxRetries(int maxRetries) {
        json.put("maxRetries", maxRetries);
        return this;
    }

    /**
     * @param maxQueue most async calls waiting in the function's queue
     * @return this
     */
    public FunctionSpec maxQueue(int maxQueue) {
        json.put("maxQueue", maxQueue);
        return this;
    }

    /**
     * @param maxAge the oldest an async call may get before it expires
     * @return this
     */
    public FunctionSpec maxAge(Duration maxAge) {
        json.put("maxAge", Objects.requireNonNull(maxAge, "maxAge").toMillis() + "ms");
        return this;
    }

    /**
     * @param blocking whether the handler runs on the function's worker pool
     * @return this
     */
    public FunctionSpec blocking(boolean blocking) {
        json.put("blocking", blocking);
        return this;
    }

    /**
     * @param eventLoop whether a non-blocking function's instances run on the node's event loops (no thread hand-off
     *     per call; a call that blocks stalls the loop's other work)
     * @return this
     */
    public FunctionSpec eventLoop(boolean eventLoop) {
        json.put("eventLoop", eventLoop);
        return this;
    }

    /**
     * @param name  an environment entry handed to the function
     * @param value its value
     * @return this
     */
    public FunctionSpec env(String name, String value) {
        JsonObject env = json.getJsonObject("env");
        if (env == null) {
            env = new JsonObject();
            json.put("env", env);
        }
        env.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
        return this;
    }

    /**
     * @param auth {@code key}: the function runs only for callers that show one of its invoke keys; {@code none}
     *     (the platform's default): for anyone who reaches the gateway
     * @return this
     */
    public FunctionSpec auth(String auth) {
        json.put("auth", Objects.requireNonNull(auth, "auth"));
        return this;
    }

    /**
     * @param name a secret the function may read ({@code FunctionContext.secret(name)}); it must exist on the platform
     * @return this
     */
    public FunctionSpec secret(String name) {
        JsonArray secrets = json.getJsonArray("secrets");
        if (secrets == null) {
            secrets = new JsonArray();
            json.put("secrets", secrets);
        }
        if (!secrets.contains(Objects.requireNonNull(name, "name"))) {
            secrets.add(name);
        }
        return this;
    }

    /** @return the fields set, as the spec's JSON (a copy) */
    public JsonObject toJson() {
        return json.copy();
    }
}
