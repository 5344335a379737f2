package io.vfn.sdk.client;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the client finds vfn, which credentials it shows and how long it waits.
 *
 * <pre>{@code
 * VfnClient client = VfnClient.create(new VfnClientOptions().gateway("http://127.0.0.1:8080").token(adminToken));
 * }</pre>
 */
public final class VfnClientOptions {

    /** The gateway of a node started with no flags on this machine. */
    public static final String DEFAULT_GATEWAY = "http://127.0.0.1:8080";
    /** How long one HTTP exchange may take before it fails: longer than the longest function timeout (15 min). */
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofMinutes(16);
    /** How often an async call's state is polled when no WebSocket can be opened. */
    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofMillis(250);

    private URI gateway = URI.create(DEFAULT_GATEWAY);
    private String token;
    private String key;
    private Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;
    private Duration pollInterval = DEFAULT_POLL_INTERVAL;

    /** Options with every default. */
    public VfnClientOptions() {}

    /**
     * @param gateway the gateway's base URL, e.g. {@code http://127.0.0.1:8080} (http or https)
     * @return this
     */
    public VfnClientOptions gateway(String gateway) {
        URI uri = URI.create(Objects.requireNonNull(gateway, "gateway").replaceAll("/+$", ""));
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException(
                    "gateway must be an http(s) URL such as http://127.0.0.1:8080, was '" + gateway + "'");
        }
        this.gateway = uri;
        return this;
    }

    /**
     * @param token the admin token sent as {@code Authorization: Bearer …} (needed by the admin operations)
     * @return this
     */
    public VfnClientOptions token(String token) {
        this.token = Objects.requireNonNull(token, "token");
        return this;
    }

    /**
     * @param key an invoke key of a function deployed with {@code auth: key}, sent as {@code X-Api-Key} on invocations
     *     and on the routes of their calls, and in the {@code key} field of the WebSocket frames
     * @return this
     */
    public VfnClientOptions key(String key) {
        this.key = Objects.requireNonNull(key, "key");
        return this;
    }

    /**
     * @param requestTimeout the longest one HTTP exchange may take
     * @return this
     */
    public VfnClientOptions requestTimeout(Duration requestTimeout) {
        this.requestTimeout = positive("requestTimeout", requestTimeout);
        return this;
    }

    /**
     * @param pollInterval how often to poll an async call when no WebSocket can be opened
     * @return this
     */
    public VfnClientOptions pollInterval(Duration pollInterval) {
        this.pollInterval = positive("pollInterval", pollInterval);
        return this;
    }

    /** @return the gateway's base URL */
    public URI gateway() {
        return gateway;
    }

    /** @return the admin token, when one is set */
    public Optional<String> token() {
        return Optional.ofNullable(token);
    }

    /** @return the invoke key, when one is set */
    public Optional<String> key() {
        return Optional.ofNullable(key);
    }

    /** @return the longest one HTTP exchange may take */
    public Duration requestTimeout() {
        return requestTimeout;
    }

    /** @return the polling interval of the fallback */
    public Duration pollInterval() {
        return pollInterval;
    }

    private static Duration positive(String field, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(field + " must be positive, was " + value);
        }
        return value;
    }
}
