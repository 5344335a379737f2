package io.vfn.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.http.HttpMethod;
import io.vfn.launcher.VfnNode;
import io.vfn.testing.Gateway;
import io.vfn.testing.TestNode;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A node whose Hazelcast member stops under it says so: never a ready zombie. */
class MemberLossTest {

    @Test
    void memberStoppedUnderARunningNode_reportsNotReadyNotLive_andFails() throws Exception {
        VfnNode node = TestNode.start();
        try (Gateway gateway = new Gateway(node)) {
            assertThat(gateway.request(HttpMethod.GET, "/health/live", null, false)
                            .statusCode())
                    .isEqualTo(200);

            node.context()
                    .cluster()
                    .clusterManager()
                    .getHazelcastInstance()
                    .getLifecycleService()
                    .terminate();

            String reason =
                    node.context().state().failure().toCompletableFuture().get(30, TimeUnit.SECONDS);
            assertThat(reason).contains("cluster member");
            assertThat(gateway.request(HttpMethod.GET, "/health/live", null, false)
                            .statusCode())
                    .isEqualTo(503);
            assertThat(gateway.request(HttpMethod.GET, "/health/ready", null, false)
                            .statusCode())
                    .isEqualTo(503);
            assertThat(gateway.request(HttpMethod.GET, "/health/ready", null, false)
                            .bodyAsJsonObject()
                            .getString("phase"))
                    .isEqualTo("failed");
            assertThat(gateway.invoke("echo", "x").statusCode()).isEqualTo(503);
        } finally {
            node.close().await(Duration.ofSeconds(30).toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    @Test
    void cleanDrain_isNoFailure() {
        VfnNode node = TestNode.start();
        TestNode.stop(node);

        assertThat(node.context().state().failure().toCompletableFuture().isDone())
                .isFalse();
        assertThat(node.context().state().phase()).isEqualTo(NodeState.Phase.DRAINING);
    }
}
