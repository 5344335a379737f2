package io.vfn.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.vfn.testfunctions.GreeterV1;
import io.vfn.testing.Gateway;
import io.vfn.testing.TestJars;
import io.vfn.testing.TestNode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The examples go into a cluster's catalog once: a node that joins later, or restarts, never puts them back. */
class CatalogSeedingTest {

    @Test
    void aJoinerAndARestartedNodeWithExamplesOn_leaveTheUsersChangesToTheExamples() {
        TestNode.Cluster cluster = TestNode.Cluster.create();
        Path firstDir = TestNode.tempDir();
        VfnNode first = cluster.start(firstDir, "--examples");
        VfnNode second = null;
        VfnNode restarted = null;
        try (Gateway one = new Gateway(first)) {
            assertThat(one.invoke("echo", "hi").bodyAsString()).isEqualTo("hi");
            assertThat(one.undeploy("echo").statusCode()).isEqualTo(204);
            assertThat(one.deploy("hello", TestJars.of(GreeterV1.class), "").statusCode())
                    .isEqualTo(200);

            second = cluster.start(TestNode.tempDir(), "--examples");
            TestNode.stop(first);
            restarted = cluster.start(firstDir, "--examples");

            for (VfnNode node : new VfnNode[] {second, restarted}) {
                try (Gateway gateway = new Gateway(node)) {
                    assertThat(gateway.invoke("echo", "hi").statusCode()).isEqualTo(404);
                    assertThat(gateway.invoke("hello", "Ada").bodyAsString()).isEqualTo("v1:Ada");
                    assertThat(gateway.invoke("sha256", "").statusCode()).isEqualTo(200);
                }
            }
        } finally {
            TestNode.stop(restarted);
            TestNode.stop(second);
        }
    }
}
