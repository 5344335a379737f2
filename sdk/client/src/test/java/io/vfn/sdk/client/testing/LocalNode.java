package io.vfn.sdk.client.testing;

import io.vertx.core.buffer.Buffer;
import io.vfn.config.OptionsReader;
import io.vfn.launcher.VfnNode;
import io.vfn.sdk.client.VfnClientOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A real vfn node in this JVM for the client's and the CLI's tests: loopback only, a free gateway port, its own data
 * directory, a cluster of its own, a known admin token, and the example functions (echo, hello, sleep, fail, …).
 */
public final class LocalNode implements AutoCloseable {

    /** The admin token of every test node. */
    public static final String TOKEN = "test-admin-token";

    private final VfnNode node;
    private final Path dataDir;

    private LocalNode(VfnNode node, Path dataDir) {
        this.node = node;
        this.dataDir = dataDir;
    }

    /**
     * @param flags further launcher flags, e.g. {@code --max-body 1m}
     * @return a started node with the examples deployed
     */
    public static LocalNode start(String... flags) {
        Path dataDir = tempDir("vfn-client-node");
        int clusterPort = freePort();
        List<String> args = new ArrayList<>(List.of(
                "--port",
                "0",
                "--data-dir",
                dataDir.toString(),
                "--cluster-name",
                "test-" + UUID.randomUUID(),
                "--cluster-port",
                Integer.toString(clusterPort),
                "--cluster-members",
                "127.0.0.1:" + clusterPort,
                "--admin-token",
                TOKEN,
                "--examples",
                "--drain-grace",
                "2s"));
        args.addAll(List.of(flags));
        try {
            VfnNode node = VfnNode.start(OptionsReader.read(args.toArray(String[]::new), Map.of()))
                    .await(120, TimeUnit.SECONDS);
            return new LocalNode(node, dataDir);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("the node did not start within 120 s", e);
        }
    }

    /** @return the gateway's base URL */
    public String gateway() {
        return "http://127.0.0.1:" + node.port();
    }

    /** @return client options for this node, with the admin token */
    public VfnClientOptions options() {
        return new VfnClientOptions().gateway(gateway()).token(TOKEN);
    }

    /** @return the node's data directory */
    public Path dataDir() {
        return dataDir;
    }

    /**
     * @param name an example function: echo, hello, sha256, sleep, fail or counter
     * @return its deployable jar, as bundled in the platform
     */
    public static Buffer exampleJar(String name) {
        try (InputStream in = LocalNode.class.getResourceAsStream("/examples/" + name + ".jar")) {
            if (in == null) {
                throw new IllegalArgumentException("no example function " + name);
            }
            return Buffer.buffer(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @param prefix the directory name's prefix
     * @return a new temporary directory
     */
    public static Path tempDir(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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

    /** Stops the node and removes its data directory. */
    @Override
    public void close() {
        try {
            node.close().await(60, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("the node did not stop within 60 s", e);
        } finally {
            deleteTree(dataDir);
        }
    }

    private static void deleteTree(Path dir) {
        try (java.util.stream.Stream<Path> files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder())
                    .forEach(file -> file.toFile().delete());
        } catch (IOException e) {
            // Left for the system's temp cleaning: no later test reads it.
        }
    }
}
