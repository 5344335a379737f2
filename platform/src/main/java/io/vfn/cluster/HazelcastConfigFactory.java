package io.vfn.cluster;

import com.hazelcast.config.Config;
import com.hazelcast.config.IndexConfig;
import com.hazelcast.config.IndexType;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.MapConfig;
import com.hazelcast.config.MergePolicyConfig;
import com.hazelcast.config.MetadataPolicy;
import com.hazelcast.config.MultiMapConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.config.QueueConfig;
import com.hazelcast.spi.merge.PutIfAbsentMergePolicy;
import io.vfn.catalog.CatalogMergePolicy;
import io.vfn.config.VfnOptions;

/**
 * The Hazelcast configuration of a vfn member: TCP-IP join (or Kubernetes DNS discovery), no multicast, no
 * phone-home, bound to {@code --cluster-host} only, one synchronous backup of every map.
 */
public final class HazelcastConfigFactory {

    /** The distributed maps vfn keeps; each gets one synchronous backup. */
    public static final String[] VFN_MAPS = {"vfn.catalog", "vfn.jars", "vfn.nodes", "vfn.calls", "vfn.*"};

    private HazelcastConfigFactory() {}

    /**
     * @param options the node's options
     * @return the member's configuration
     */
    public static Config create(VfnOptions options) {
        Config config = new Config();
        config.setClusterName(options.clusterName());
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.logging.type", "jdk");
        config.setProperty("hazelcast.socket.bind.any", "false");
        // One host joins in about 2 s instead of 7: the default waits are for slow cloud networks.
        config.setProperty("hazelcast.wait.seconds.before.join", "0");
        config.setProperty("hazelcast.max.wait.seconds.before.join", "0");
        config.setProperty("hazelcast.health.monitoring.level", "OFF");
        // Hazelcast's own metrics are for its Management Center and JMX, which vfn does not use: collecting and
        // compressing them every few seconds took 4 % of a busy node's CPU (vfn's /metrics are Micrometer's; a map's
        // local statistics, which the store budget reads, are kept apart and stay on).
        config.getMetricsConfig().setEnabled(false);
        // Hand back a dead member's partitions (and our leases) within seconds, not minutes.
        config.setProperty("hazelcast.max.no.heartbeat.seconds", "15");
        config.setProperty("hazelcast.heartbeat.interval.seconds", "1");
        config.setProperty("hazelcast.shutdownhook.enabled", "false");
        // Members that started before they could see each other form clusters of their own: merge them within
        // seconds (Hazelcast's defaults wait 300 s, then 120 s between checks).
        config.setProperty("hazelcast.merge.first.run.delay.seconds", "5");
        config.setProperty("hazelcast.merge.next.run.delay.seconds", "5");

        // What Vert.x's own default-cluster.xml sets for its subscription and HA maps.
        config.addMultiMapConfig(new MultiMapConfig("__vertx.subs")
                .setBackupCount(1)
                .setValueCollectionType(MultiMapConfig.ValueCollectionType.SET));
        config.addMapConfig(new MapConfig("__vertx.haInfo").setBackupCount(1));
        config.addMapConfig(new MapConfig("__vertx.nodeInfo").setBackupCount(1));
        for (String map : VFN_MAPS) {
            config.addMapConfig(new MapConfig(map).setBackupCount(1).setAsyncBackupCount(0));
        }
        // After a split (or clusters that formed apart) merge: per function the newest catalog record wins; call
        // records have unique ids, so keeping every one that either side holds loses no accepted call (a queued call
        // whose queue entry stayed behind is put back by the lease sweep).
        config.getMapConfig("vfn.catalog")
                .setMergePolicyConfig(new MergePolicyConfig(CatalogMergePolicy.class.getName(), 100));
        config.getMapConfig("vfn.calls")
                .setMergePolicyConfig(new MergePolicyConfig(PutIfAbsentMergePolicy.class.getName(), 100));
        // Async call records are JSON values: the sweeps and the dead-letter listing query them by these fields.
        // Without metadata: Hazelcast would otherwise parse every written record whole to describe its structure; the
        // indexed fields come first in a record, so finding them parses its first hundred bytes (CallRecord).
        config.getMapConfig("vfn.calls")
                .setMetadataPolicy(MetadataPolicy.OFF)
                .addIndexConfig(new IndexConfig(IndexType.HASH, "status"))
                .addIndexConfig(new IndexConfig(IndexType.HASH, "function"))
                .addIndexConfig(new IndexConfig(IndexType.HASH, "callback.state"));
        config.addQueueConfig(new QueueConfig("vfn.queue.*").setBackupCount(1).setAsyncBackupCount(0));

        NetworkConfig network = config.getNetworkConfig();
        network.setPort(options.clusterPort()).setPortAutoIncrement(true).setPortCount(20);
        network.getInterfaces().setEnabled(true).addInterface(options.clusterHost());
        network.setPublicAddress(options.clusterHost());
        JoinConfig join = network.getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        if (options.kubernetesService().isPresent()) {
            join.getKubernetesConfig()
                    .setEnabled(true)
                    .setProperty("service-dns", options.kubernetesService().get())
                    .setProperty("service-port", Integer.toString(options.clusterPort()));
        } else {
            join.getTcpIpConfig().setEnabled(true).setConnectionTimeoutSeconds(1);
            options.clusterMembers().forEach(member -> join.getTcpIpConfig().addMember(member.trim()));
        }
        return config;
    }
}
