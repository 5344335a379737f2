package io.vfn.secret;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The sealed secrets in the data directory ({@code secrets/<name>.json}, owner-only), so a restarted cluster keeps
 * them. Only sealed values are written. Blocking.
 */
final class SecretFiles {

    private static final System.Logger LOG = System.getLogger(SecretFiles.class.getName());

    private final Path dir;

    SecretFiles(Path dataDir) {
        this.dir = dataDir.resolve("secrets");
    }

    void write(SealedSecret secret) {
        try {
            createDirectory();
            Path tmp = Files.createTempFile(
                    dir,
                    secret.name(),
                    ".tmp",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(tmp, secret.toJson().encodePrettily(), StandardCharsets.UTF_8);
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            Files.move(
                    tmp,
                    dir.resolve(secret.name() + ".json"),
                    StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot persist secret " + secret.name(), e);
        }
    }

    List<SealedSecret> readAll() {
        List<SealedSecret> secrets = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return secrets;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).toList()) {
                try {
                    secrets.add(SealedSecret.fromJson(new JsonObject(Files.readString(file, StandardCharsets.UTF_8))));
                } catch (RuntimeException e) {
                    LOG.log(
                            System.Logger.Level.WARNING,
                            "skipping unreadable secret file " + file + ": " + e.getMessage());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return secrets;
    }

    private void createDirectory() throws IOException {
        if (!Files.isDirectory(dir)) {
            try {
                Files.createDirectories(
                        dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } catch (UnsupportedOperationException e) {
                Files.createDirectories(dir);
            }
        }
    }
}
