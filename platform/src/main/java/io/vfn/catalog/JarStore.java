package io.vfn.catalog;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.vfn.Failure;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Function jars by version (their SHA-256): in the cluster's {@code vfn.jars} map, so a joining node can fetch
 * them, and in the node's data directory, from which their class loaders read. Every method blocks.
 */
public final class JarStore {

    private static final System.Logger LOG = System.getLogger(JarStore.class.getName());

    private final Path dir;
    private final IMap<String, byte[]> clusterJars;

    /**
     * @param dataDir   the node's data directory
     * @param hazelcast the cluster
     */
    public JarStore(Path dataDir, HazelcastInstance hazelcast) {
        this.dir = dataDir.resolve("jars");
        this.clusterJars = hazelcast.getMap("vfn.jars");
    }

    /**
     * @param jar a jar's bytes
     * @return its version: the hex SHA-256 of its bytes
     */
    public static String versionOf(byte[] jar) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(jar));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /**
     * Keeps a jar on this node and in the cluster.
     *
     * @param version its version
     * @param jar     its bytes
     * @throws io.vfn.VfnException {@code 507} when this node could not write it: the cluster was not changed
     */
    public void put(String version, byte[] jar) {
        writeLocal(version, jar);
        clusterJars.set(version, jar);
    }

    /**
     * Offers a jar this node had to the cluster, when the cluster lacks it (after a full restart). A local file
     * that no longer matches its hash is removed instead: a torn jar is never shared.
     *
     * @param version its version
     */
    public void share(String version) {
        if (!clusterJars.containsKey(version)) {
            verifiedLocal(version).ifPresent(jar -> clusterJars.putIfAbsent(version, jar));
        }
    }

    /**
     * The local file of a version, verified against its hash, fetched from the cluster first when this node lacks
     * it or its copy is torn.
     *
     * @param version the version
     * @return the jar's path
     */
    public Path fetch(String version) {
        if (verifiedLocal(version).isPresent()) {
            return path(version);
        }
        byte[] jar = clusterJars.get(version);
        if (jar == null || !versionOf(jar).equals(version)) {
            throw Failure.UNAVAILABLE.exception("jar " + version.substring(0, 12) + " is on no living member");
        }
        writeLocal(version, jar);
        return path(version);
    }

    /** Removes the temporary files a crash left; only at start, when no write is under way. */
    public void removeLeftovers() {
        removeFiles(f -> f.toString().endsWith(DurableFiles.TMP));
    }

    /**
     * Removes a jar from the cluster's store (each node's own copy goes with {@link #removeUnused}).
     *
     * @param version a version no kept revision names
     */
    public void removeFromCluster(String version) {
        clusterJars.delete(version);
    }

    /**
     * Removes local jars no record refers to any more.
     *
     * @param inUse versions still referenced
     */
    public void removeUnused(Set<String> inUse) {
        removeFiles(f -> f.toString().endsWith(".jar")
                && !inUse.contains(f.getFileName().toString().replaceFirst("\\.jar$", "")));
    }

    private void removeFiles(java.util.function.Predicate<Path> which) {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> files = Files.list(dir)) {
            files.filter(which).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @param version a version
     * @return where this node keeps it
     */
    public Path path(String version) {
        return dir.resolve(version + ".jar");
    }

    /** The local jar's bytes when they match their hash; a torn or altered copy is deleted. */
    private Optional<byte[]> verifiedLocal(String version) {
        Path local = path(version);
        try {
            if (!Files.exists(local)) {
                return Optional.empty();
            }
            byte[] jar = Files.readAllBytes(local);
            if (versionOf(jar).equals(version)) {
                return Optional.of(jar);
            }
            LOG.log(
                    System.Logger.Level.WARNING,
                    "jar " + local + " does not match its hash (torn by a crash?); removed");
            Files.deleteIfExists(local);
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read jar " + local, e);
        }
    }

    private void writeLocal(String version, byte[] jar) {
        try {
            DurableFiles.write(path(version), jar, null);
        } catch (IOException | UncheckedIOException e) {
            LOG.log(System.Logger.Level.ERROR, "cannot keep jar " + version + ": " + e);
            throw Failure.STORAGE_FAILED.exception(
                    "jar " + version.substring(0, 12) + " could not be written to this node's data directory");
        }
    }
}
