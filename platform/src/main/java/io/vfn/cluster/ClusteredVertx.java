package io.vfn.cluster;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.dns.AddressResolverOptions;
import io.vertx.micrometer.MetricsDomain;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import io.vfn.config.VfnOptions;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Starts the node's Vert.x on a Hazelcast cluster: always clustered, also for one node, so that a laptop and a
 * Kubernetes cluster run the same code.
 *
 * @param vertx          the clustered Vert.x
 * @param clusterManager its cluster manager (for Hazelcast's maps and membership events)
 */
public record ClusteredVertx(Vertx vertx, HazelcastClusterManager clusterManager) {

    /** Held so their levels stick: JUL keeps loggers only weakly. */
    private static final Logger HAZELCAST_LOG = Logger.getLogger("com.hazelcast");
    /** Warns at every start that CP data structures are unsafe; vfn uses none. */
    private static final Logger HAZELCAST_CP_LOG = Logger.getLogger("com.hazelcast.cp");
    /** Warns once that Vert.x registers a gauge twice (one per event-bus handler); harmless. */
    private static final Logger MICROMETER_LOG = Logger.getLogger("io.micrometer.common.util.internal.logging");

    /**
     * @param options  the node's options
     * @param registry where Vert.x reports its metrics
     * @return the started, joined Vert.x
     */
    public static Future<ClusteredVertx> start(VfnOptions options, MeterRegistry registry) {
        // Hazelcast logs ~55 lines at INFO on every start; its warnings are what an operator needs.
        HAZELCAST_LOG.setLevel(Level.WARNING);
        HAZELCAST_CP_LOG.setLevel(Level.SEVERE);
        MICROMETER_LOG.setLevel(Level.SEVERE);
        HazelcastClusterManager manager = new HazelcastClusterManager(HazelcastConfigFactory.create(options));
        VertxOptions vertxOptions = new VertxOptions()
                .setMetricsOptions(new MicrometerMetricsOptions()
                        .setEnabled(true)
                        .setJvmMetricsEnabled(true)
                        // vertx-micrometer keeps registries in a JVM-wide map by this name: a node of its own never
                        // reports
                        // into another one's registry (tests run several nodes in one JVM, and one that failed to stop
                        // kept it).
                        .setRegistryName("vfn-" + java.util.UUID.randomUUID())
                        // Per-request HTTP-server and per-message event-bus meters cost ~40% of sync throughput
                        // (measured
                        // with bench/sync.sh and JFR); vfn's own vfn_invocation* metrics count every call instead.
                        .addDisabledMetricsCategory(MetricsDomain.HTTP_SERVER)
                        .addDisabledMetricsCategory(MetricsDomain.EVENT_BUS));
        vertxOptions
                .getEventBusOptions()
                .setHost(options.clusterHost())
                .setPort(options.eventBusPort())
                .setClusterPublicHost(options.clusterHost());
        EventBusSecurity.apply(options, vertxOptions.getEventBusOptions());
        options.hostsFile()
                .ifPresent(file -> vertxOptions.setAddressResolverOptions(new AddressResolverOptions()
                        .setHostsPath(file.toAbsolutePath().toString())));
        return Vertx.builder()
                .with(vertxOptions)
                .withClusterManager(manager)
                .withMetrics(new MicrometerMetricsFactory(registry))
                .buildClustered()
                .map(vertx -> new ClusteredVertx(vertx, manager));
    }

    /** @return this member's node id */
    public String nodeId() {
        return clusterManager.getNodeId();
    }

    /** @return the node ids of the cluster's members now, as this member sees them (no round trip) */
    public List<String> nodeIds() {
        return clusterManager.getNodes();
    }

    /** @return how many members the cluster has now */
    public int clusterSize() {
        return clusterManager.getNodes().size();
    }
}
