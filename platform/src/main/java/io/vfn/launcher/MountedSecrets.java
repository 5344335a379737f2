package io.vfn.launcher;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vfn.secret.SecretNames;
import io.vfn.secret.SecretStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Sets the function secrets of {@code --secrets-dir} at start: each file is a secret named after it, its content the
 * value (Kubernetes mounts a Secret's keys this way). A value that equals the cluster's is left alone, one that
 * differs rotates the secret: the mounted value wins over one set through the API since.
 */
final class MountedSecrets {

    private static final System.Logger LOG = System.getLogger(MountedSecrets.class.getName());

    private MountedSecrets() {}

    /**
     * @param vertx the node
     * @param store the secrets, started
     * @param dir   the directory, if one was given
     * @return completes once every file's value is the cluster's; fails on a bad name, an empty or too large value
     */
    static Future<Void> set(Vertx vertx, SecretStore store, Optional<Path> dir) {
        if (dir.isEmpty()) {
            return Future.succeededFuture();
        }
        return vertx.executeBlocking(() -> changed(store, read(dir.get())), false)
                .compose(changed -> {
                    Future<Void> all = Future.succeededFuture();
                    for (Map.Entry<String, String> secret : changed.entrySet()) {
                        all = all.compose(v ->
                                store.put(secret.getKey(), secret.getValue()).mapEmpty());
                    }
                    return all.onSuccess(v -> LOG.log(
                            System.Logger.Level.INFO,
                            "secrets from " + dir.get() + ": " + changed.size() + " set " + changed.keySet()));
                });
    }

    /** The files' secrets, by name. Kubernetes' own entries ({@code ..data} and the like) are skipped. */
    static Map<String, String> read(Path dir) {
        Map<String, String> secrets = new TreeMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> !f.getFileName().toString().startsWith("."))
                    .filter(Files::isRegularFile)
                    .toList()) {
                String name = file.getFileName().toString();
                if (!SecretNames.isValid(name)) {
                    throw new IllegalArgumentException(
                            "--secrets-dir: file " + file + " is not a valid secret name: " + SecretNames.RULE);
                }
                secrets.put(name, value(file));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read --secrets-dir " + dir, e);
        }
        return secrets;
    }

    private static String value(Path file) throws IOException {
        if (Files.size(file) == 0 || Files.size(file) > SecretStore.MAX_VALUE_BYTES) {
            throw new IllegalArgumentException("--secrets-dir: " + file + " holds " + Files.size(file)
                    + " bytes; a secret's value is 1 to " + SecretStore.MAX_VALUE_BYTES);
        }
        try {
            return StandardCharsets.UTF_8
                    .newDecoder()
                    .decode(ByteBuffer.wrap(Files.readAllBytes(file)))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException(
                    "--secrets-dir: " + file + " is not UTF-8 text (base64 binary values)", e);
        }
    }

    /** Those whose value is not already the cluster's, so that a restart rotates nothing. Blocking. */
    private static Map<String, String> changed(SecretStore store, Map<String, String> secrets) {
        Map<String, String> changed = new TreeMap<>(secrets);
        changed.entrySet()
                .removeIf(secret -> store.value(secret.getKey())
                        .filter(secret.getValue()::equals)
                        .isPresent());
        return changed;
    }
}
