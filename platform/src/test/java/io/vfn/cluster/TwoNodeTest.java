package io.vfn.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vfn.launcher.VfnNode;
import io.vfn.testfunctions.GreeterV1;
import io.vfn.testing.Gateway;
import io.vfn.testing.TestJars;
import io.vfn.testing.TestNode;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Two clustered nodes in one JVM: what one deploys, the other serves. */
class TwoNodeTest {

    @Test
    void functionDeployedThroughA_isInvokedThroughB() {
        TestNode.Cluster cluster = TestNode.Cluster.create();
        VfnNode a = cluster.start(TestNode.tempDir(), "--no-examples");
        VfnNode b = cluster.start(TestNode.tempDir(), "--no-examples");
        try (Gateway viaA = new Gateway(a);
                Gateway viaB = new Gateway(b)) {
            assertThat(a.context().cluster().clusterSize()).isEqualTo(2);

            assertThat(viaA.deploy("greeter", TestJars.of(GreeterV1.class), "").statusCode())
                    .isEqualTo(201);

            await().atMost(Duration.ofSeconds(20))
                    .until(() -> viaB.invoke("greeter", "from b").statusCode() == 200);
            assertThat(viaB.invoke("greeter", "from b").bodyAsString()).isEqualTo("v1:from b");
            assertThat(b.context().runtime().isReady("greeter")).isTrue();
        } finally {
            TestNode.stop(b);
            TestNode.stop(a);
        }
    }

    @Test
    void gatewayOnlyNode_runsNoInstance_andSendsEveryCallToOtherMembers() {
        TestNode.Cluster cluster = TestNode.Cluster.create();
        VfnNode worker = cluster.start(TestNode.tempDir(), "--no-examples");
        VfnNode edge = cluster.start(TestNode.tempDir(), "--no-examples", "--no-run-functions");
        try (Gateway viaWorker = new Gateway(worker);
                Gateway viaEdge = new Gateway(edge)) {
            assertThat(viaWorker
                            .deploy("greeter", TestJars.of(GreeterV1.class), "")
                            .statusCode())
                    .isEqualTo(201);

            await().atMost(Duration.ofSeconds(20))
                    .until(() -> viaEdge.invoke("greeter", "edge").statusCode() == 200);
            assertThat(viaEdge.invoke("greeter", "edge").bodyAsString()).isEqualTo("v1:edge");
            assertThat(edge.context().runtime().isReady("greeter")).isFalse();
            assertThat(edge.context().catalog().get("greeter")).isPresent();
        } finally {
            TestNode.stop(edge);
            TestNode.stop(worker);
        }
    }

    @Test
    void noReadyInstanceAnywhere_answers503WithRetryAfter() {
        VfnNode edge = TestNode.start("--no-run-functions");
        try (Gateway gateway = new Gateway(edge)) {
            assertThat(gateway.deploy("greeter", TestJars.of(GreeterV1.class), "")
                            .statusCode())
                    .isEqualTo(201);

            var response = gateway.invoke("greeter", "x");

            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(response.getHeader("Retry-After")).isEqualTo("1");
            assertThat(response.bodyAsJsonObject().getString("detail")).contains("no ready instance");
        } finally {
            TestNode.stop(edge);
        }
    }
}
