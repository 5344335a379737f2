package io.vfn.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.vfn.launcher.VfnNode;
import io.vfn.testfunctions.GreeterV1;
import io.vfn.testing.Gateway;
import io.vfn.testing.TestJars;
import io.vfn.testing.TestNode;
import org.junit.jupiter.api.Test;

/**
 * A gateway-only node alone: a call has no instance to go to. (Deploys served by other members, and a gateway-only
 * node among members that run functions, are in {@link LocalFirstTest}, on its cluster of three.)
 */
class GatewayOnlyNodeTest {

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
