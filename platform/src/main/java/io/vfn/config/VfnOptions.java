package io.vfn.config;

import io.vfn.callback.CallbackAllowList;
import io.vfn.callback.CallbackSigner;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Every setting of a vfn node, with its default. Each is a flag of the launcher and an environment variable
 * named after it ({@code --cluster-host} ↔ {@code VFN_CLUSTER_HOST}); a flag wins over its variable. Read once
 * at start by {@link OptionsReader}.
 */
@Command(
        name = "vfn",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description =
                "Starts a vfn node: HTTP gateway, function runtime and scheduler on a Hazelcast-clustered event bus.",
        footer = "Every flag is also read from the environment variable named in its description; the flag wins.")
public final class VfnOptions {

    public static final int DEFAULT_PORT = 8080;
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final String DEFAULT_DATA_DIR = "./vfn-data";
    public static final String DEFAULT_CLUSTER_NAME = "vfn";
    public static final String DEFAULT_CLUSTER_HOST = "127.0.0.1";
    public static final int DEFAULT_CLUSTER_PORT = 5701;
    public static final String DEFAULT_CLUSTER_MEMBERS = "127.0.0.1";
    public static final String DEFAULT_MAX_BODY = "10m";
    public static final String DEFAULT_MAX_JAR = "64m";
    public static final String DEFAULT_DRAIN_GRACE = "30s";
    public static final String DEFAULT_RESULT_TTL = "1h";
    public static final String DEFAULT_MAX_ASYNC_BODY = "1m";
    public static final String DEFAULT_MAX_ASYNC_RESULT = "1m";
    public static final String DEFAULT_MAX_CALL_STORE = "25%";
    public static final String DEFAULT_MAX_FUNCTION_STORE = "10%";
    public static final int DEFAULT_REVISIONS_KEPT = 10;
    public static final String DEFAULT_SHUTDOWN_DELAY = "0s";
    public static final String DEFAULT_INITIAL_WAIT = "60s";
    public static final String DEFAULT_MAX_INFLIGHT_BODY = "10%";
    public static final int DEFAULT_MAX_CONNECTIONS = 10_000;
    public static final String DEFAULT_HTTP_IDLE_TIMEOUT = "30s";
    public static final String DEFAULT_REQUEST_READ_TIMEOUT = "30s";
    public static final String DEFAULT_CALLBACK_TIMEOUT = "30s";

    @Option(
            names = "--port",
            defaultValue = "" + DEFAULT_PORT,
            paramLabel = "PORT",
            description =
                    "HTTP port of the gateway, admin, metrics, health and WebSocket; 0 takes a free one (VFN_PORT; default ${DEFAULT-VALUE}).")
    int port;

    @Option(
            names = "--host",
            defaultValue = DEFAULT_HOST,
            paramLabel = "ADDRESS",
            description =
                    "Address the HTTP gateway binds: loopback by default, so a laptop node is not on the network; 0.0.0.0 for every interface (VFN_HOST; default ${DEFAULT-VALUE}).")
    String host;

    @Option(
            names = "--data-dir",
            defaultValue = DEFAULT_DATA_DIR,
            paramLabel = "DIR",
            description =
                    "Directory of the catalog, jars and generated secrets (VFN_DATA_DIR; default ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(
            names = "--admin-token",
            paramLabel = "TOKEN",
            description =
                    "Bearer token of the admin routes; generated at first start and kept in the data directory when unset (VFN_ADMIN_TOKEN).")
    String adminToken;

    @Option(
            names = "--callback-secret",
            paramLabel = "SECRET",
            description =
                    "Key that signs callbacks (Standard Webhooks), whsec_<base64>; generated at first start and kept in the data directory when unset (VFN_CALLBACK_SECRET).")
    String callbackSecret;

    @Option(
            names = "--callback-secret-previous",
            paramLabel = "SECRET",
            description =
                    "The callback secret being rotated out: callbacks carry a signature by each secret until it is unset (VFN_CALLBACK_SECRET_PREVIOUS).")
    String callbackSecretPrevious;

    @Option(
            names = "--secrets-key-file",
            paramLabel = "FILE",
            description =
                    "File holding the key that encrypts function secrets at rest (at least 32 characters; every member needs the same); generated at first start and kept in the data directory when unset (VFN_SECRETS_KEY_FILE).")
    Path secretsKeyFile;

    @Option(
            names = "--secrets-dir",
            paramLabel = "DIR",
            description =
                    "Directory whose files are function secrets set at every start: the file's name is the secret's, its content the value; a value that differs from the cluster's rotates the secret (VFN_SECRETS_DIR).")
    Path secretsDir;

    @Option(
            names = "--cluster-name",
            defaultValue = DEFAULT_CLUSTER_NAME,
            paramLabel = "NAME",
            description = "Name of the Hazelcast cluster to form or join (VFN_CLUSTER_NAME; default ${DEFAULT-VALUE}).")
    String clusterName;

    @Option(
            names = "--cluster-host",
            defaultValue = DEFAULT_CLUSTER_HOST,
            paramLabel = "HOST",
            description =
                    "Address this member and its event bus bind and announce (VFN_CLUSTER_HOST; default ${DEFAULT-VALUE}).")
    String clusterHost;

    @Option(
            names = "--cluster-port",
            defaultValue = "" + DEFAULT_CLUSTER_PORT,
            paramLabel = "PORT",
            description =
                    "Hazelcast port; the next free one is taken when it is in use (VFN_CLUSTER_PORT; default ${DEFAULT-VALUE}).")
    int clusterPort;

    @Option(
            names = "--cluster-members",
            defaultValue = DEFAULT_CLUSTER_MEMBERS,
            split = ",",
            paramLabel = "HOST[:PORT]",
            description = "TCP-IP join list, comma-separated (VFN_CLUSTER_MEMBERS; default ${DEFAULT-VALUE}).")
    List<String> clusterMembers;

    @Option(
            names = "--kubernetes-service",
            paramLabel = "DNS",
            description =
                    "Headless service whose DNS lists the members; replaces the TCP-IP join list (VFN_KUBERNETES_SERVICE).")
    String kubernetesService;

    @Option(
            names = "--eventbus-port",
            defaultValue = "0",
            paramLabel = "PORT",
            description =
                    "Port of the clustered event bus; 0 takes a free one (VFN_EVENTBUS_PORT; default ${DEFAULT-VALUE}).")
    int eventBusPort;

    @Option(
            names = "--cluster-tls-cert",
            paramLabel = "PEM",
            description =
                    "This member's certificate (PEM) for mutual TLS on the clustered event bus; with --cluster-tls-key and --cluster-tls-ca (VFN_CLUSTER_TLS_CERT).")
    Path clusterTlsCert;

    @Option(
            names = "--cluster-tls-key",
            paramLabel = "PEM",
            description = "The private key (PEM, PKCS#8 or PKCS#1) of --cluster-tls-cert (VFN_CLUSTER_TLS_KEY).")
    Path clusterTlsKey;

    @Option(
            names = "--cluster-tls-ca",
            paramLabel = "PEM",
            description = "The CA certificate(s) (PEM) a member's certificate must be signed by (VFN_CLUSTER_TLS_CA).")
    Path clusterTlsCa;

    @Option(
            names = "--examples",
            negatable = true,
            defaultValue = "true",
            fallbackValue = "true",
            description =
                    "Deploy the bundled example functions into a cluster whose catalog never held a function (VFN_EXAMPLES; default ${DEFAULT-VALUE}).")
    boolean examples;

    @Option(
            names = "--run-functions",
            negatable = true,
            defaultValue = "true",
            fallbackValue = "true",
            description =
                    "Run function instances on this node; --no-run-functions makes a gateway-only node whose calls all go to other members (VFN_RUN_FUNCTIONS; default ${DEFAULT-VALUE}).")
    boolean runFunctions;

    @Option(
            names = "--max-body",
            defaultValue = DEFAULT_MAX_BODY,
            converter = ByteSizeConverter.class,
            paramLabel = "SIZE",
            description = "Largest invocation body, e.g. 512k, 10m (VFN_MAX_BODY; default " + DEFAULT_MAX_BODY + ").")
    long maxBody;

    @Option(
            names = "--max-async-body",
            defaultValue = DEFAULT_MAX_ASYNC_BODY,
            converter = ByteSizeConverter.class,
            paramLabel = "SIZE",
            description =
                    "Largest async invocation body: it is kept in the cluster until the call ends (VFN_MAX_ASYNC_BODY; default "
                            + DEFAULT_MAX_ASYNC_BODY + ").")
    long maxAsyncBody;

    @Option(
            names = "--max-async-result",
            defaultValue = DEFAULT_MAX_ASYNC_RESULT,
            converter = ByteSizeConverter.class,
            paramLabel = "SIZE",
            description =
                    "Largest result an async call keeps; a larger answer fails the call (VFN_MAX_ASYNC_RESULT; default "
                            + DEFAULT_MAX_ASYNC_RESULT + ").")
    long maxAsyncResult;

    @Option(
            names = "--max-call-store",
            defaultValue = DEFAULT_MAX_CALL_STORE,
            converter = HeapShareConverter.class,
            paramLabel = "SIZE|N%",
            description =
                    "Most bytes of async calls (records with their bodies, results and backups) this member holds before new calls are refused with 429; a size or a share of the heap (VFN_MAX_CALL_STORE; default "
                            + DEFAULT_MAX_CALL_STORE + " of the heap).")
    long maxCallStore;

    @Option(
            names = "--max-function-store",
            defaultValue = DEFAULT_MAX_FUNCTION_STORE,
            converter = HeapShareConverter.class,
            paramLabel = "SIZE|N%",
            description =
                    "Most bytes of one function's async calls in the cluster before its new calls are refused with 429; a size or a share of the heap (VFN_MAX_FUNCTION_STORE; default "
                            + DEFAULT_MAX_FUNCTION_STORE + " of the heap).")
    long maxFunctionStore;

    @Option(
            names = "--max-inflight-body",
            defaultValue = DEFAULT_MAX_INFLIGHT_BODY,
            converter = HeapShareConverter.class,
            paramLabel = "SIZE|N%",
            description =
                    "Most bytes of request bodies the node holds for calls in flight (read until answered); beyond, a call is refused with 503, before its body is read when it has a Content-Length; bodies over 64k may fill three quarters of it; async bodies count three times. The async calls running on the node may hold as much again. A size or a share of the heap (VFN_MAX_INFLIGHT_BODY; default "
                            + DEFAULT_MAX_INFLIGHT_BODY + " of the heap).")
    long maxInflightBody;

    @Option(
            names = "--max-connections",
            defaultValue = "" + DEFAULT_MAX_CONNECTIONS,
            paramLabel = "N",
            description =
                    "Most HTTP and WebSocket connections the node keeps open; a new one beyond is closed at once (VFN_MAX_CONNECTIONS; default ${DEFAULT-VALUE}).")
    int maxConnections;

    @Option(
            names = "--http-idle-timeout",
            defaultValue = DEFAULT_HTTP_IDLE_TIMEOUT,
            converter = DurationConverter.class,
            paramLabel = "DURATION",
            description =
                    "Longest an HTTP connection stays open with no request in progress: an idle keep-alive connection, or one whose request headers have not all come (VFN_HTTP_IDLE_TIMEOUT; default "
                            + DEFAULT_HTTP_IDLE_TIMEOUT + ").")
    Duration httpIdleTimeout;

    @Option(
            names = "--request-read-timeout",
            defaultValue = DEFAULT_REQUEST_READ_TIMEOUT,
            converter = DurationConverter.class,
            paramLabel = "DURATION",
            description =
                    "Longest a request's body may take to arrive once its headers came; then the connection is closed (VFN_REQUEST_READ_TIMEOUT; default "
                            + DEFAULT_REQUEST_READ_TIMEOUT + ").")
    Duration requestReadTimeout;

    @Option(
            names = "--max-jar",
            defaultValue = DEFAULT_MAX_JAR,
            converter = ByteSizeConverter.class,
            paramLabel = "SIZE",
            description = "Largest function jar upload (VFN_MAX_JAR; default " + DEFAULT_MAX_JAR + ").")
    long maxJar;

    @Option(
            names = "--drain-grace",
            defaultValue = DEFAULT_DRAIN_GRACE,
            converter = DurationConverter.class,
            paramLabel = "DURATION",
            description = "How long a stopping node waits for its calls in flight (VFN_DRAIN_GRACE; default "
                    + DEFAULT_DRAIN_GRACE + ").")
    Duration drainGrace;

    @Option(
            names = "--shutdown-delay",
            defaultValue = DEFAULT_SHUTDOWN_DELAY,
            converter = DurationConverter.class,
            paramLabel = "DURATION",
            description =
                    "How long a stopping node keeps serving while it reports not-ready, before it drains: the time load balancers "
                            + "take to stop sending to it (VFN_SHUTDOWN_DELAY; default " + DEFAULT_SHUTDOWN_DELAY
                            + ").")
    Duration shutdownDelay;

    @Option(
            names = "--initial-members",
            defaultValue = "1",
            paramLabel = "N",
            description =
                    "Members to wait for (at most --initial-wait) before this node loads the catalog, so that nodes started "
                            + "together form one cluster first (VFN_INITIAL_MEMBERS; default ${DEFAULT-VALUE}).")
    int initialMembers;

    @Option(
            names = "--initial-wait",
            defaultValue = DEFAULT_INITIAL_WAIT,
            converter = DurationConverter.class,
            paramLabel = "DURATION",
            description =
                    "Longest wait for --initial-members; the node then goes on with the members it has (VFN_INITIAL_WAIT; default "
                            + DEFAULT_INITIAL_WAIT + ").")
    Duration initialWait;

    @Option(
            names = "--result-ttl",
            defaultValue = DEFAULT_RESULT_TTL,
            converter = DurationConverter.class,
            paramLabel = "DURATION",
            description = "How long an async call's record and result are kept after it ends (VFN_RESULT_TTL; default "
                    + DEFAULT_RESULT_TTL + ").")
    Duration resultTtl;

    @Option(
            names = "--log-format",
            defaultValue = "text",
            converter = LogFormat.Converter.class,
            paramLabel = "FORMAT",
            description =
                    "text, or json: one JSON object a line with the function and call id of a function's lines, for log "
                            + "collectors (VFN_LOG_FORMAT; default ${DEFAULT-VALUE}).")
    LogFormat logFormat;

    @Option(
            names = "--callback-allow",
            split = ",",
            paramLabel = "CIDR|HOST",
            description =
                    "Callback destinations allowed despite the guard (loopback, private, link-local, the cluster's own addresses): CIDR blocks, addresses, host names or *.domain, comma-separated (VFN_CALLBACK_ALLOW).")
    List<String> callbackAllow = List.of();

    @Option(
            names = "--callback-timeout",
            defaultValue = DEFAULT_CALLBACK_TIMEOUT,
            converter = DurationConverter.class,
            paramLabel = "DURATION",
            description =
                    "Longest one callback attempt may take, from connecting to the end of the receiver's answer (of which at most 64k is read) (VFN_CALLBACK_TIMEOUT; default "
                            + DEFAULT_CALLBACK_TIMEOUT + ").")
    Duration callbackTimeout;

    @Option(
            names = "--allowed-origins",
            split = ",",
            paramLabel = "ORIGIN",
            description =
                    "Browser origins (scheme://host[:port]) whose pages may open /ws; a handshake with any other Origin is refused, one with no Origin (not a browser) is not affected (VFN_ALLOWED_ORIGINS).")
    List<String> allowedOrigins = List.of();

    @Option(
            names = "--metrics-token",
            paramLabel = "TOKEN",
            description = "Bearer token /metrics requires when set; health stays open (VFN_METRICS_TOKEN).")
    String metricsToken;

    @Option(
            names = "--hosts-file",
            paramLabel = "FILE",
            description =
                    "A hosts file the node's resolver reads instead of the system's, e.g. to pin callback receivers' names (VFN_HOSTS_FILE).")
    Path hostsFile;

    @Option(
            names = "--revisions-kept",
            defaultValue = "" + DEFAULT_REVISIONS_KEPT,
            paramLabel = "N",
            description =
                    "How many revisions of each function are kept, with their jars, for rollback (VFN_REVISIONS_KEPT; default ${DEFAULT-VALUE}).")
    int revisionsKept;

    @Option(
            names = "--preload",
            split = ",",
            paramLabel = "JAR",
            description =
                    "Function jars (paths or http(s) URLs) deployed at start, comma-separated; the function is named after the file (VFN_PRELOAD).")
    List<String> preload = List.of();

    /** @return the HTTP port */
    public int port() {
        return port;
    }

    /** @return the address the gateway binds */
    public String host() {
        return host;
    }

    /** @return the data directory */
    public Path dataDir() {
        return dataDir;
    }

    /** @return the admin token given by flag or variable */
    public Optional<String> adminToken() {
        return Optional.ofNullable(adminToken).filter(s -> !s.isBlank());
    }

    /** @return the callback secret given by flag or variable */
    public Optional<String> callbackSecret() {
        return Optional.ofNullable(callbackSecret).filter(s -> !s.isBlank());
    }

    /** @return the callback secret being rotated out, still signed with */
    public Optional<String> callbackSecretPrevious() {
        return Optional.ofNullable(callbackSecretPrevious).filter(s -> !s.isBlank());
    }

    /** @return the file of the secrets key given by flag or variable */
    public Optional<Path> secretsKeyFile() {
        return Optional.ofNullable(secretsKeyFile);
    }

    /** @return the directory of secrets to set at start, given by flag or variable */
    public Optional<Path> secretsDir() {
        return Optional.ofNullable(secretsDir);
    }

    /** @return the Hazelcast cluster name */
    public String clusterName() {
        return clusterName;
    }

    /** @return the address this member binds and announces */
    public String clusterHost() {
        return clusterHost;
    }

    /** @return the first Hazelcast port tried */
    public int clusterPort() {
        return clusterPort;
    }

    /** @return the TCP-IP join list */
    public List<String> clusterMembers() {
        return List.copyOf(clusterMembers);
    }

    /** @return the headless service to discover members through, when on Kubernetes */
    public Optional<String> kubernetesService() {
        return Optional.ofNullable(kubernetesService).filter(s -> !s.isBlank());
    }

    /** @return the event-bus port, 0 for any */
    public int eventBusPort() {
        return eventBusPort;
    }

    /** @return this member's certificate, key and trusted CA for the event bus's mutual TLS, when all three are set */
    public Optional<ClusterTls> clusterTls() {
        return clusterTlsCert == null
                ? Optional.empty()
                : Optional.of(new ClusterTls(clusterTlsCert, clusterTlsKey, clusterTlsCa));
    }

    /**
     * The PEM files of the event bus's mutual TLS.
     *
     * @param cert this member's certificate
     * @param key  its private key
     * @param ca   the CA every member's certificate is signed by
     */
    public record ClusterTls(Path cert, Path key, Path ca) {}

    /** @return whether to deploy the example functions into a cluster whose catalog never held a function */
    public boolean examples() {
        return examples;
    }

    /** @return whether this node runs function instances (else it is a gateway only) */
    public boolean runFunctions() {
        return runFunctions;
    }

    /** @return the largest invocation body in bytes */
    public long maxBody() {
        return maxBody;
    }

    /** @return the largest async invocation body in bytes */
    public long maxAsyncBody() {
        return maxAsyncBody;
    }

    /** @return the largest result an async call keeps, in bytes */
    public long maxAsyncResult() {
        return maxAsyncResult;
    }

    /** @return the most bytes of async calls this member holds */
    public long maxCallStore() {
        return maxCallStore;
    }

    /** @return the most bytes of one function's async calls in the cluster */
    public long maxFunctionStore() {
        return maxFunctionStore;
    }

    /** @return the most bytes of request bodies the node holds for calls in flight */
    public long maxInflightBody() {
        return maxInflightBody;
    }

    /** @return the most connections the node keeps open */
    public int maxConnections() {
        return maxConnections;
    }

    /** @return the longest a connection stays open with no request in progress */
    public Duration httpIdleTimeout() {
        return httpIdleTimeout;
    }

    /** @return the longest a request's body may take to arrive */
    public Duration requestReadTimeout() {
        return requestReadTimeout;
    }

    /** @return the largest jar upload in bytes */
    public long maxJar() {
        return maxJar;
    }

    /** @return how long a stopping node waits for its calls in flight */
    public Duration drainGrace() {
        return drainGrace;
    }

    /** @return how long a stopping node keeps serving while it reports not-ready */
    public Duration shutdownDelay() {
        return shutdownDelay;
    }

    /** @return how many members to wait for before loading the catalog */
    public int initialMembers() {
        return initialMembers;
    }

    /** @return the longest wait for {@link #initialMembers()} */
    public Duration initialWait() {
        return initialWait;
    }

    /** @return how long an ended async call is kept */
    public Duration resultTtl() {
        return resultTtl;
    }

    /** @return how the node writes its log lines */
    public LogFormat logFormat() {
        return logFormat;
    }

    /** @return the operator's exceptions to the callback guard */
    public CallbackAllowList callbackAllow() {
        return CallbackAllowList.parse(callbackAllow == null ? List.of() : callbackAllow);
    }

    /** @return the longest one callback attempt may take */
    public Duration callbackTimeout() {
        return callbackTimeout;
    }

    /** @return the browser origins allowed on {@code /ws}, lower-case */
    public Set<String> allowedOrigins() {
        return allowedOrigins == null
                ? Set.of()
                : allowedOrigins.stream()
                        .map(String::trim)
                        .filter(o -> !o.isEmpty())
                        .map(o -> o.toLowerCase(Locale.ROOT))
                        .collect(Collectors.toUnmodifiableSet());
    }

    /** @return the bearer token {@code /metrics} requires, when set */
    public Optional<String> metricsToken() {
        return Optional.ofNullable(metricsToken).filter(s -> !s.isBlank());
    }

    /** @return the hosts file of the node's resolver, when not the system's */
    public Optional<Path> hostsFile() {
        return Optional.ofNullable(hostsFile);
    }

    /** @return how many revisions of each function are kept */
    public int revisionsKept() {
        return revisionsKept;
    }

    /** @return jars to deploy at start */
    public List<String> preload() {
        return preload == null ? List.of() : List.copyOf(preload);
    }

    /** Checks values that their types alone do not constrain; messages name the flag. */
    void validate() {
        requirePort("--port", port, true);
        requirePort("--cluster-port", clusterPort, false);
        requirePort("--eventbus-port", eventBusPort, true);
        if (maxBody <= 0) {
            throw new IllegalArgumentException("--max-body must be positive");
        }
        if (maxAsyncBody <= 0 || maxAsyncResult <= 0 || maxCallStore <= 0 || maxFunctionStore <= 0) {
            throw new IllegalArgumentException(
                    "--max-async-body, --max-async-result, --max-call-store and --max-function-store must be positive");
        }
        if (maxInflightBody <= 0 || maxConnections <= 0) {
            throw new IllegalArgumentException("--max-inflight-body and --max-connections must be positive");
        }
        if (notPositive(httpIdleTimeout) || notPositive(requestReadTimeout) || notPositive(callbackTimeout)) {
            throw new IllegalArgumentException(
                    "--http-idle-timeout, --request-read-timeout and --callback-timeout must be positive");
        }
        if (maxJar <= 0) {
            throw new IllegalArgumentException("--max-jar must be positive");
        }
        if (clusterName == null || clusterName.isBlank()) {
            throw new IllegalArgumentException("--cluster-name must not be empty");
        }
        if (clusterMembers == null || clusterMembers.isEmpty()) {
            throw new IllegalArgumentException("--cluster-members must list at least one member");
        }
        boolean anyTls = clusterTlsCert != null || clusterTlsKey != null || clusterTlsCa != null;
        if (anyTls && (clusterTlsCert == null || clusterTlsKey == null || clusterTlsCa == null)) {
            throw new IllegalArgumentException(
                    "--cluster-tls-cert, --cluster-tls-key and --cluster-tls-ca go together: set all three");
        }
        if (revisionsKept < 1 || revisionsKept > 1000) {
            throw new IllegalArgumentException("--revisions-kept must be between 1 and 1000, was " + revisionsKept);
        }
        if (shutdownDelay.isNegative() || initialWait.isNegative()) {
            throw new IllegalArgumentException("--shutdown-delay and --initial-wait must not be negative");
        }
        if (initialMembers < 1) {
            throw new IllegalArgumentException("--initial-members must be 1 or more, was " + initialMembers);
        }
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("--host must be an address to bind, e.g. 127.0.0.1 or 0.0.0.0");
        }
        for (String origin : allowedOrigins()) {
            if (!origin.matches("https?://[^/?#\\s]+")) {
                throw new IllegalArgumentException(
                        "--allowed-origins: '" + origin + "' is not an origin (scheme://host[:port], no path)");
            }
        }
        requireCallbackSecret("--callback-secret", callbackSecret());
        requireCallbackSecret("--callback-secret-previous", callbackSecretPrevious());
        try {
            callbackAllow();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--callback-allow: " + e.getMessage());
        }
        if (drainGrace.isNegative() || resultTtl.isNegative() || resultTtl.isZero()) {
            throw new IllegalArgumentException("--drain-grace must not be negative and --result-ttl must be positive");
        }
    }

    private static boolean notPositive(Duration duration) {
        return duration.isNegative() || duration.isZero();
    }

    private static void requireCallbackSecret(String flag, Optional<String> secret) {
        try {
            secret.ifPresent(CallbackSigner::key);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(flag + ": " + e.getMessage());
        }
    }

    private static void requirePort(String flag, int value, boolean zeroAllowed) {
        if (value < (zeroAllowed ? 0 : 1) || value > 65_535) {
            throw new IllegalArgumentException(
                    flag + " must be a port between " + (zeroAllowed ? 0 : 1) + " and 65535, was " + value);
        }
    }
}
