package io.vfn.sdk.impl;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vfn.sdk.Addresses;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What a function instance is told when it is deployed (a verticle's config): written by the platform and the test
 * kit with {@link #toJson}, read by the instance with {@link #from}.
 *
 * @param name         the function's name
 * @param env          the spec's env
 * @param concurrency  most calls in flight on this node
 * @param timeoutMs    timeout of one call, in milliseconds
 * @param deploymentId shared by the instances of one deployment on a node (they share one in-flight limit)
 * @param addresses    the addresses to consume
 * @param revision     the revision this deployment runs, told to callers with every answer; empty for none
 * @param node         the node the instance runs on, told to callers with every answer; empty for none (the test kit)
 */
public record InstanceConfig(
        String name,
        Map<String, String> env,
        int concurrency,
        long timeoutMs,
        String deploymentId,
        List<String> addresses,
        OptionalInt revision,
        Optional<String> node) {

    private static final String NAME = "name";
    private static final String ENV = "env";
    private static final String CONCURRENCY = "concurrency";
    private static final String TIMEOUT_MS = "timeoutMs";
    private static final String DEPLOYMENT_ID = "deploymentId";
    private static final String ADDRESSES = "addresses";
    private static final String REVISION = "revision";
    private static final String NODE = "node";

    /** Used when the config names no timeout: the spec's default. */
    private static final long DEFAULT_TIMEOUT_MS = 30_000;

    /**
     * A config with the function's own address and no revision, as the test kit deploys it.
     *
     * @param name         the function's name
     * @param env          the spec's env
     * @param concurrency  most calls in flight
     * @param timeoutMs    timeout of one call
     * @param deploymentId the deployment's id
     * @return the config
     */
    public static InstanceConfig of(
            String name, Map<String, String> env, int concurrency, long timeoutMs, String deploymentId) {
        return new InstanceConfig(
                name,
                env,
                concurrency,
                timeoutMs,
                deploymentId,
                List.of(Addresses.function(name)),
                OptionalInt.empty(),
                Optional.empty());
    }

    /**
     * @param config a verticle's config
     * @return what it says; defaults for what it does not
     * @throws IllegalArgumentException when it names no function
     */
    public static InstanceConfig from(JsonObject config) {
        String name = config.getString(NAME);
        if (name == null) {
            throw new IllegalArgumentException("config '" + NAME + "' is missing");
        }
        JsonObject env = config.getJsonObject(ENV, new JsonObject());
        Map<String, String> values = new java.util.LinkedHashMap<>();
        env.forEach(e -> values.put(e.getKey(), String.valueOf(e.getValue())));
        JsonArray addresses = config.getJsonArray(ADDRESSES, new JsonArray().add(Addresses.function(name)));
        Integer revision = config.getInteger(REVISION);
        return new InstanceConfig(
                name,
                Map.copyOf(values),
                config.getInteger(CONCURRENCY, Integer.MAX_VALUE),
                config.getLong(TIMEOUT_MS, DEFAULT_TIMEOUT_MS),
                config.getString(DEPLOYMENT_ID, name),
                addresses.stream().map(String.class::cast).toList(),
                revision == null ? OptionalInt.empty() : OptionalInt.of(revision),
                Optional.ofNullable(config.getString(NODE)));
    }

    /** @return the config to deploy an instance with */
    public JsonObject toJson() {
        JsonObject config = new JsonObject()
                .put(NAME, name)
                .put(ENV, new JsonObject(new java.util.LinkedHashMap<>(env)))
                .put(CONCURRENCY, concurrency)
                .put(TIMEOUT_MS, timeoutMs)
                .put(DEPLOYMENT_ID, deploymentId)
                .put(ADDRESSES, new JsonArray(List.copyOf(addresses)));
        revision.ifPresent(number -> config.put(REVISION, number));
        node.ifPresent(id -> config.put(NODE, id));
        return config;
    }
}
