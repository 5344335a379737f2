package io.vfn.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The files of {@code --secrets-dir} as Kubernetes mounts a Secret: one secret per key, its own entries skipped. */
class MountedSecretsTest {

    @Test
    void eachFileIsASecretNamedAfterIt_andKubernetesOwnEntriesAreSkipped(@TempDir Path dir) throws IOException {
        // What the kubelet writes: the keys as links into a timestamped directory, through ..data.
        Path data = Files.createDirectory(dir.resolve("..2026_11_28_12_00_00.000000001"));
        Files.writeString(data.resolve("db-password"), "s3cret\n");
        Files.createSymbolicLink(dir.resolve("..data"), data.getFileName());
        Files.createSymbolicLink(dir.resolve("db-password"), Path.of("..data/db-password"));

        assertThat(MountedSecrets.read(dir)).containsExactly(Map.entry("db-password", "s3cret\n"));
    }

    @Test
    void aFileNamedAgainstTheRule_orEmpty_failsTheStartNamingIt(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("db password"), "x");
        assertThatThrownBy(() -> MountedSecrets.read(dir))
                .hasMessageContaining("db password")
                .hasMessageContaining("not a valid secret name");

        Files.delete(dir.resolve("db password"));
        Files.writeString(dir.resolve("empty"), "");
        assertThatThrownBy(() -> MountedSecrets.read(dir)).hasMessageContaining("holds 0 bytes");
    }
}
