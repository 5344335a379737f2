package io.vfn.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import io.vfn.config.OptionsReader;
import io.vfn.testing.TestNode;
import io.vfn.testing.VfnProcess;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A node process whose cluster member is stopped from outside exits non-zero, so that its supervisor restarts it. */
class MemberLossIT {

    @Test
    void memberStoppedByTheCluster_nodeProcessExitsWithCode3() {
        String cluster = "test-" + UUID.randomUUID();
        int clusterPort = TestNode.freePort();
        VfnProcess node = VfnProcess.start(cluster, clusterPort, TestNode.tempDir());
        try {
            exitsWhenItsMemberIsStopped(node, cluster, clusterPort);
        } finally {
            node.kill();
        }
    }

    private static void exitsWhenItsMemberIsStopped(VfnProcess node, String cluster, int clusterPort) {
        // A bare lite member (it owns no partitions, so nothing migrates) asks every member to shut down: the node's
        // member stops under it.
        HazelcastInstance outsider = Hazelcast.newHazelcastInstance(HazelcastConfigFactory.create(OptionsReader.read(
                        new String[] {
                            "--cluster-name",
                            cluster,
                            "--cluster-port",
                            Integer.toString(clusterPort),
                            "--cluster-members",
                            "127.0.0.1:" + clusterPort + ",127.0.0.1:" + (clusterPort + 1)
                        },
                        Map.of()))
                .setLiteMember(true));
        try {
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> outsider.getCluster().getMembers().size() == 2
                            && outsider.getPartitionService().isClusterSafe());

            outsider.getCluster().shutdown();

            await().atMost(Duration.ofSeconds(60)).until(() -> !node.isAlive());
            assertThat(node.stop()).as(node.log()).isEqualTo(3);
            assertThat(node.log()).contains("vfn failed");
        } finally {
            outsider.getLifecycleService().terminate();
        }
    }
}
