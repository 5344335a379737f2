package io.vfn.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import io.vertx.core.json.JsonObject;
import io.vfn.cluster.HazelcastConfigFactory;
import io.vfn.config.OptionsReader;
import io.vfn.testing.TestNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What a lease and an end write reaches the record's backup, which the store gives the stored record rather than the
 * processor to run again: when the member that owns the records dies, the survivor holds them as they were last
 * stored (running with its lease, ended with its result and expiry, queued as accepted).
 */
class CallStoreBackupTest {

    private HazelcastInstance survivor;
    private HazelcastInstance owner;

    @BeforeEach
    void start() {
        String cluster = "backup-" + UUID.randomUUID();
        int first = TestNode.freePort();
        int second = TestNode.freePort();
        String members = "127.0.0.1:" + first + ",127.0.0.1:" + second;
        survivor = Hazelcast.newHazelcastInstance(HazelcastConfigFactory.create(OptionsReader.read(
                new String[] {"--cluster-name", cluster, "--cluster-port", "" + first, "--cluster-members", members},
                Map.of())));
        owner = Hazelcast.newHazelcastInstance(HazelcastConfigFactory.create(OptionsReader.read(
                new String[] {"--cluster-name", cluster, "--cluster-port", "" + second, "--cluster-members", members},
                Map.of())));
        await().atMost(Duration.ofSeconds(60))
                .until(() -> survivor.getCluster().getMembers().size() == 2
                        && survivor.getPartitionService().isClusterSafe());
    }

    @AfterEach
    void stop() {
        owner.getLifecycleService().terminate();
        survivor.getLifecycleService().terminate();
    }

    @Test
    void leaseAndEnd_writtenThroughTheSurvivor_areWhatItHoldsOnceTheOwnerDied() throws Exception {
        CallStore store = new CallStore(survivor, Duration.ofMinutes(5));
        // Records the other member owns: the survivor holds only their backups.
        List<CallRecord> calls = new ArrayList<>();
        while (calls.size() < 3) {
            String callId = UUID.randomUUID().toString();
            if (owner.getPartitionService().getPartition(callId).getOwner().localMember()) {
                calls.add(TestCalls.acceptedEcho(callId));
            }
        }
        assertThat(store.accept("echo", calls, 100)).isEqualTo(3);
        String ended = calls.get(0).callId();
        String running = calls.get(1).callId();
        String queued = calls.get(2).callId();
        long now = System.currentTimeMillis();

        CallStore.Leased leased = store.lease(
                        Set.of(ended, running),
                        new LeaseProcessor("node-a", now, now + 60_000, 3_600_000, "PT1H", false, 300, Long.MAX_VALUE))
                .toCompletableFuture()
                .get(30, TimeUnit.SECONDS);
        assertThat(leased.records()).containsOnlyKeys(ended, running);
        CallRecord result = leased.records()
                .get(ended)
                .copy()
                .status(CallStatus.SUCCEEDED, now + 1)
                .result(new JsonObject().put("statusCode", 200).put("bodyBase64", "b2s="));
        assertThat(store.replaceAsync(result).toCompletableFuture().get(30, TimeUnit.SECONDS))
                .isTrue();

        owner.getLifecycleService().terminate();
        await().atMost(Duration.ofSeconds(60))
                .until(() -> survivor.getCluster().getMembers().size() == 1
                        && survivor.getPartitionService().getPartition(ended).getOwner() != null
                        && survivor.getPartitionService()
                                .getPartition(ended)
                                .getOwner()
                                .localMember());

        CallRecord endedThere = store.get(ended).orElseThrow();
        assertThat(endedThere.status()).isEqualTo(CallStatus.SUCCEEDED);
        assertThat(endedThere.result().getInteger("statusCode")).isEqualTo(200);
        assertThat(survivor.getMap("vfn.calls").getEntryView(ended).getTtl()).isEqualTo(300_000L);
        CallRecord runningThere = store.get(running).orElseThrow();
        assertThat(runningThere.status()).isEqualTo(CallStatus.RUNNING);
        assertThat(runningThere.leaseOwner()).isEqualTo("node-a");
        assertThat(runningThere.leaseUntil()).isEqualTo(now + 60_000);
        assertThat(runningThere.attempts()).isEqualTo(1);
        CallRecord queuedThere = store.get(queued).orElseThrow();
        assertThat(queuedThere.status()).isEqualTo(CallStatus.QUEUED);
        assertThat(queuedThere.leaseOwner()).isNull();
    }
}
