package io.vfn.catalog;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.vfn.Failure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Function jars by version (their SHA-256): in the cluster's {@code vfn.jars} map, so a joining node can fetch
 * them, and in the node's data directory, from which their class loaders read. Every method blocks.
 */
public final class JarStore {

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
     */
    public void put(String version, byte[] jar) {
        writeLocal(version, jar);
        clusterJars.set(version, jar);
    }

    /**
     * Offers a jar this node had to the cluster, when the cluster lacks it (after a full restart).
     *
     * @param version its version
     */
    public void share(String version) {
        Path local = path(version);
        if (Files.exists(local) && !clusterJars.containsKey(version)) {
            try {
                clusterJars.putIfAbsent(version, Files.readAllBytes(local));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /**
     * The local file of a version, fetched from the cluster first when this node lacks it.
     *
     * @param version the version
     * @return the jar's path
     */
    public Path fetch(String version) {
        Path local = path(version);
        if (Files.exists(local)) {
            return local;
        }
        byte[] jar = clusterJars.get(version);
        if (jar == null) {
            throw Failure.UNAVAILABLE.exception("jar " + version.substring(0, 12) + " is on no living member");
        }
        writeLocal(version, jar);
        return local;
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
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> files = Files.list(dir)) {
            files.filter(f -> f.toString().endsWith(".jar"))
                .filter(f -> !inUse.contains(f.getFileName().toString().replaceFirst("\\.jar$", "")))
                .forEach(f -> f.toFile().delete());
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

    private void writeLocal(String version, byte[] jar) {
        try {
            Files.createDirectories(dir);
            Path target = path(version);
            if (Files.exists(target)) {
                return;
            }
            Path tmp = Files.createTempFile(dir, version, ".tmp");
            Files.write(tmp, jar);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep jar " + version, e);
        }
    }
}
