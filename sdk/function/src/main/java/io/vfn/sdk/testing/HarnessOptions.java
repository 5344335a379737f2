package io.vfn.sdk.testing;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The spec a {@link FunctionHarness} runs a function with: the same fields and defaults as a deployment's spec.
 *
 * <pre>{@code new HarnessOptions().timeout(Duration.ofMillis(200)).concurrency(2).env("LANG", "en")}</pre>
 */
public final class HarnessOptions {

    /** Default name of the function under test. */
    public static final String DEFAULT_NAME = "function";
    /** Default verticle instances, as a spec's. */
    public static final int DEFAULT_INSTANCES = 1;
    /** Default most calls in flight, as a spec's. */
    public static final int DEFAULT_CONCURRENCY = 64;
    /** Default longest call, as a spec's. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    private String name = DEFAULT_NAME;
    private int instances = DEFAULT_INSTANCES;
    private int concurrency = DEFAULT_CONCURRENCY;
    private Duration timeout = DEFAULT_TIMEOUT;
    private Boolean blocking;
    private final Map<String, String> env = new LinkedHashMap<>();
    private final Map<String, String> secrets = new LinkedHashMap<>();

    /** @param name the function's name (its address and {@code FunctionContext.name()}) @return this */
    public HarnessOptions name(String name) {
        this.name = Objects.requireNonNull(name, "name");
        return this;
    }

    /** @param instances verticle instances, at least 1 @return this */
    public HarnessOptions instances(int instances) {
        this.instances = atLeastOne(instances, "instances");
        return this;
    }

    /** @param concurrency most calls in flight (beyond: {@code 429}); a blocking function's pool size @return this */
    public HarnessOptions concurrency(int concurrency) {
        this.concurrency = atLeastOne(concurrency, "concurrency");
        return this;
    }

    /** @param timeout longest call (beyond: {@code 504}, and a blocking function's thread is interrupted) @return this */
    public HarnessOptions timeout(Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, was " + timeout);
        }
        this.timeout = timeout;
        return this;
    }

    /** @param blocking {@code true} runs even an {@code AsyncFunction} on the worker pool @return this */
    public HarnessOptions blocking(boolean blocking) {
        this.blocking = blocking;
        return this;
    }

    /** @param key an env key @param value its value @return this */
    public HarnessOptions env(String key, String value) {
        env.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
        return this;
    }

    /** @param secretName a secret the function may read @param value its value @return this */
    public HarnessOptions secret(String secretName, String value) {
        secrets.put(Objects.requireNonNull(secretName, "secretName"), Objects.requireNonNull(value, "value"));
        return this;
    }

    /** @return the function's name */
    public String name() {
        return name;
    }

    /** @return verticle instances */
    public int instances() {
        return instances;
    }

    /** @return most calls in flight */
    public int concurrency() {
        return concurrency;
    }

    /** @return longest call */
    public Duration timeout() {
        return timeout;
    }

    /** @return whether calls run on the worker pool; empty: by the function's type */
    public Optional<Boolean> blocking() {
        return Optional.ofNullable(blocking);
    }

    /** @return the env */
    public Map<String, String> env() {
        return Map.copyOf(env);
    }

    /** @return the secrets */
    public Map<String, String> secrets() {
        return Map.copyOf(secrets);
    }

    private static int atLeastOne(int value, String field) {
        if (value < 1) {
            throw new IllegalArgumentException(field + " must be at least 1, was " + value);
        }
        return value;
    }
}
