package io.vfn.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.vfn.testfunctions.GreeterV1;
import io.vfn.testing.Gateway;
import io.vfn.testing.TestJars;
import io.vfn.testing.TestNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;

/** A node restarted on the same data directory keeps its functions and its generated secrets. */
class RestartTest {

    @Test
    void restart_withTheSameDataDirectory_keepsFunctionsAndToken() throws Exception {
        Path dataDir = TestNode.tempDir();
        TestNode.Cluster cluster = TestNode.Cluster.create();
        VfnNode first = cluster.start(dataDir, "--no-examples");
        String token = first.context().secrets().adminToken();
        try (Gateway gateway = new Gateway(first)) {
            assertThat(gateway.deploy("greeter", TestJars.of(GreeterV1.class), "")
                            .statusCode())
                    .isEqualTo(201);
        }
        TestNode.stop(first);

        VfnNode second = TestNode.Cluster.create().start(dataDir, "--no-examples");
        try (Gateway gateway = new Gateway(second)) {
            assertThat(second.context().secrets().adminToken()).isEqualTo(token);
            assertThat(second.context().secrets().generatedToken()).isFalse();
            assertThat(gateway.invoke("greeter", "again").bodyAsString()).isEqualTo("v1:again");
        } finally {
            TestNode.stop(second);
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir.resolve("admin-token"))))
                .isEqualTo("rw-------");
    }
}
