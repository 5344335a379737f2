package io.vfn.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vfn.testfunctions.GreeterV1;
import io.vfn.testfunctions.WhoAmI;
import io.vfn.testing.Gateway;
import io.vfn.testing.TestJars;
import io.vfn.testing.TestNode;
import io.vfn.testing.VfnProcess;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Three (then four) vfn processes share every function and the load. */
class ClusterMembershipIT {

    @Test
    void functionsAreSharedByEveryMember_eachServesWhatEntersThroughIt_andADeleteReachesAll() {
        String cluster = "test-" + UUID.randomUUID();
        int clusterPort = TestNode.freePort();
        List<VfnProcess> nodes = new java.util.ArrayList<>();
        List<Gateway> gateways = new java.util.ArrayList<>();
        try {
            nodes.add(VfnProcess.start(cluster, clusterPort, TestNode.tempDir()));
            nodes.addAll(
                    VfnProcess.startJoining(cluster, clusterPort, List.of(TestNode.tempDir(), TestNode.tempDir())));
            Gateway one = gateway(nodes.get(0), gateways);
            Gateway two = gateway(nodes.get(1), gateways);
            Gateway three = gateway(nodes.get(2), gateways);
            assertThat(one.adminGet("/system/info").bodyAsJsonObject().getInteger("clusterSize"))
                    .isEqualTo(3);

            assertThat(one.deploy("greeter", TestJars.of(GreeterV1.class), "").statusCode())
                    .isEqualTo(201);
            assertThat(one.deploy("whoami", TestJars.of(WhoAmI.class), "").statusCode())
                    .isEqualTo(201);
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> two.invoke("greeter", "2").statusCode() == 200
                            && three.invoke("greeter", "3").statusCode() == 200);
            assertThat(two.invoke("greeter", "via two").bodyAsString()).isEqualTo("v1:via two");
            assertThat(three.invoke("greeter", "via three").bodyAsString()).isEqualTo("v1:via three");

            // Local first: while a member has room, the calls that enter through it run on its own instances.
            Map<String, Integer> spread = new TreeMap<>();
            for (Gateway entry : List.of(one, two, three)) {
                Map<String, Integer> served = spread(entry, 100);
                assertThat(served).hasSize(1);
                spread.putAll(served);
            }
            System.out.println("100 calls through each node were served by process → count: " + spread);
            assertThat(spread).hasSize(3);
            assertThat(spread.values()).allMatch(count -> count == 100);

            VfnProcess fourth = VfnProcess.start(cluster, clusterPort, TestNode.tempDir());
            nodes.add(fourth);
            Gateway four = gateway(fourth, gateways);
            assertThat(four.invoke("greeter", "via four").bodyAsString()).isEqualTo("v1:via four");

            assertThat(three.undeploy("greeter").statusCode()).isEqualTo(204);
            for (Gateway gateway : List.of(one, two, three, four)) {
                await().atMost(Duration.ofSeconds(20))
                        .until(() -> gateway.invoke("greeter", "gone").statusCode() == 404);
            }
        } finally {
            gateways.forEach(Gateway::close);
            // Nothing is checked of their stop: killed at once, not drained one after another.
            nodes.forEach(VfnProcess::kill);
        }
    }

    private static Map<String, Integer> spread(Gateway gateway, int calls) {
        Map<String, Integer> byProcess = new TreeMap<>();
        for (int i = 0; i < calls; i++) {
            byProcess.merge(gateway.invoke("whoami", "").bodyAsString(), 1, Integer::sum);
        }
        return byProcess;
    }

    /** @return a client of the node's gateway, also kept in {@code opened} to be closed */
    private static Gateway gateway(VfnProcess node, List<Gateway> opened) {
        Gateway gateway = new Gateway(node.port(), VfnProcess.TOKEN);
        opened.add(gateway);
        return gateway;
    }
}
