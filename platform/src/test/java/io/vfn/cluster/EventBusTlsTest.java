package io.vfn.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.eventbus.DeliveryOptions;
import io.vfn.launcher.VfnNode;
import io.vfn.testing.Await;
import io.vfn.testing.TestNode;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The clustered event bus with mutual TLS: members of the cluster's CA talk, a member of another CA is refused. */
class EventBusTlsTest {

    private static final Path TLS = Path.of("src/test/resources/tls");

    @Test
    void membersWithTheRightCertificateTalk_aMemberWithAWrongOneIsRefused() {
        TestNode.Cluster cluster = TestNode.Cluster.create();
        VfnNode a = cluster.start(TestNode.tempDir(), tls("node"));
        VfnNode b = cluster.start(TestNode.tempDir(), tls("node"));
        VfnNode intruder = cluster.start(TestNode.tempDir(), tls("intruder"));
        try {
            Await.result(
                    a.context()
                            .vertx()
                            .eventBus()
                            .<String>consumer("tls.test.a", m -> m.reply("pong from a"))
                            .completion(),
                    30);
            // The first request opens the TLS connection: on a busy machine the handshake alone can take seconds.
            DeliveryOptions member = new DeliveryOptions().setSendTimeout(25_000);
            DeliveryOptions quick = new DeliveryOptions().setSendTimeout(3_000);

            String fromB = Await.result(
                            b.context().vertx().eventBus().<String>request("tls.test.a", "ping", member), 30)
                    .body();

            assertThat(fromB).isEqualTo("pong from a");
            assertThatThrownBy(() -> intruder.context()
                            .vertx()
                            .eventBus()
                            .<String>request("tls.test.a", "ping", quick)
                            .await(30, TimeUnit.SECONDS))
                    .hasMessageContaining("Timed out");
        } finally {
            TestNode.stop(intruder);
            TestNode.stop(b);
            TestNode.stop(a);
        }
    }

    private static String[] tls(String member) {
        return new String[] {
            "--no-examples",
            "--cluster-tls-cert",
            TLS.resolve(member + ".pem").toString(),
            "--cluster-tls-key",
            TLS.resolve(member + "-key.pem").toString(),
            "--cluster-tls-ca",
            TLS.resolve(member.equals("node") ? "ca.pem" : "wrong-ca.pem").toString()
        };
    }
}
