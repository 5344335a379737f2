package io.vfn.testing;

import io.vfn.config.OptionsReader;
import io.vfn.launcher.VfnNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Starts real vfn nodes in this JVM, on loopback: a free gateway port, its own data directory, and a cluster
 * name of its own so that it never joins a developer's running nodes.
 */
public final class TestNode {

    private TestNode() {}

    /** Settings of a test cluster: name and the Hazelcast port its first member takes. */
    public record Cluster(String name, int basePort) {
        /** @return a new cluster on a free port range */
        public static Cluster create() {
            return new Cluster("test-" + UUID.randomUUID(), freePort());
        }

        /**
         * @param dataDir the node's data directory
         * @param flags   further flags
         * @return a node of this cluster, started
         */
        public VfnNode start(Path dataDir, String... flags) {
            List<String> args = new ArrayList<>(List.of(
                    "--port",
                    "0",
                    "--data-dir",
                    dataDir.toString(),
                    "--cluster-name",
                    name,
                    "--cluster-port",
                    Integer.toString(basePort),
                    "--cluster-members",
                    "127.0.0.1:" + basePort + ",127.0.0.1:" + (basePort + 1) + ",127.0.0.1:" + (basePort + 2),
                    "--drain-grace",
                    "5s"));
            args.addAll(List.of(flags));
            if (!args.contains("--examples") && !args.contains("--no-examples")) {
                args.add("--no-examples");
            }
            return Await.result(VfnNode.start(OptionsReader.read(args.toArray(String[]::new), Map.of())), 120);
        }
    }

    /**
     * @param flags further flags (e.g. {@code --examples})
     * @return a single started node with a fresh data directory and no examples unless asked
     */
    public static VfnNode start(String... flags) {
        List<String> args = new ArrayList<>(List.of(flags));
        if (!args.contains("--examples")) {
            args.add("--no-examples");
        }
        return Cluster.create().start(tempDir(), args.toArray(String[]::new));
    }

    /** Directories {@link #tempDir()} made, removed when the test JVM exits. */
    private static final List<Path> TEMP_DIRS = new java.util.concurrent.CopyOnWriteArrayList<>();

    static {
        Runtime.getRuntime()
                .addShutdownHook(new Thread(() -> TEMP_DIRS.forEach(TestNode::deleteTree), "vfn-test-cleanup"));
    }

    /** @return a new temporary directory, removed when the test JVM exits */
    public static Path tempDir() {
        try {
            Path dir = Files.createTempDirectory("vfn-test");
            TEMP_DIRS.add(dir);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteTree(Path dir) {
        try (java.util.stream.Stream<Path> files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder())
                    .forEach(file -> file.toFile().delete());
        } catch (IOException e) {
            // left for the system's temp cleaning: nothing a later test relies on
        }
    }

    /** @return a port nobody listens on now */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @param node a node to stop, or {@code null}
     */
    public static void stop(VfnNode node) {
        if (node != null) {
            Await.result(node.close(), 60);
        }
    }
}
