package io.vfn.sdk.impl;

import io.vertx.core.Vertx;
import io.vertx.core.shareddata.LocalMap;
import io.vertx.core.shareddata.Shareable;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The secret values one function deployment may read on this node: only those its spec names. The platform fills
 * them before the instances start and replaces a value when the secret is rotated, so a running function sees the
 * new value at its next read. Held in memory only.
 */
public final class DeploymentSecrets implements Shareable {

    private static final String MAP = "vfn.secrets";

    private final Map<String, String> values = new ConcurrentHashMap<>();
    private volatile Set<String> names = Set.of();

    /**
     * @param vertx        the node
     * @param deploymentId the deployment whose instances share the values
     * @return the deployment's values, created empty on first use
     */
    public static DeploymentSecrets of(Vertx vertx, String deploymentId) {
        LocalMap<String, DeploymentSecrets> map = vertx.sharedData().getLocalMap(MAP);
        return map.computeIfAbsent(deploymentId, k -> new DeploymentSecrets());
    }

    /**
     * Forgets a deployment's values once its last instance stopped.
     *
     * @param vertx        the node
     * @param deploymentId the deployment
     */
    public static void remove(Vertx vertx, String deploymentId) {
        vertx.sharedData().getLocalMap(MAP).remove(deploymentId);
    }

    /**
     * @param vertx the node
     * @return the values of every deployment on this node
     */
    public static Collection<DeploymentSecrets> all(Vertx vertx) {
        LocalMap<String, DeploymentSecrets> map = vertx.sharedData().getLocalMap(MAP);
        return map.values();
    }

    /**
     * @param names the secrets the deployment's spec names: the only ones it may read
     */
    public void mayRead(Set<String> names) {
        this.names = Set.copyOf(names);
    }

    /**
     * @param name a secret's name
     * @return whether the deployment may read it
     */
    public boolean mayRead(String name) {
        return names.contains(name);
    }

    /**
     * @param name  a secret's name the deployment may read (any other is ignored)
     * @param value its value now
     */
    public void put(String name, String value) {
        if (mayRead(name)) {
            values.put(name, value);
        }
    }

    /**
     * @param name a secret's name
     */
    public void remove(String name) {
        values.remove(name);
    }

    /**
     * @param name a secret's name
     * @return its value, when the deployment may read it and it exists
     */
    public Optional<String> get(String name) {
        return Optional.ofNullable(values.get(name));
    }
}
