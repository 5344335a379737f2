package io.vfn.helm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;

/**
 * The vfn container's rendered environment, with what Kubernetes would fill in (pod IP, secret references) and what
 * only a Kubernetes cluster has (DNS discovery) replaced by loopback equivalents, so that a node starts from it here.
 */
final class LoopbackEnvironment {

    /** The admin token the secret reference resolves to. */
    static final String TOKEN = "rendered-token";

    private LoopbackEnvironment() {}

    /**
     * @param chart        the rendered chart, whose container's environment and Secret volumes are used
     * @param secrets      Secrets of the cluster beside the chart's own, for the volumes that name them
     * @param clusterName  a cluster name of the test's own
     * @param clusterPort  the first Hazelcast port of the test's cluster
     * @param clusterNodes how many members the test's cluster may have (their ports follow the first)
     * @param dataDir      this node's data directory; the pod's mounts are made in it
     * @return the environment of one node
     */
    static Map<String, String> of(
            Chart chart,
            Map<String, Map<String, String>> secrets,
            String clusterName,
            int clusterPort,
            int clusterNodes,
            Path dataDir) {
        Map<String, String> env = Kubelet.mountSecrets(chart, secrets, dataDir.resolve("pod"), chart.env());
        env.remove("VFN_KUBERNETES_SERVICE");
        env.remove("POD_IP");
        // Optional keys the chart's Secret holds only when their values are set: absent here, as in a default install.
        env.entrySet()
                .removeIf(e -> e.getValue().startsWith("<from:") && e.getValue().contains("optional=true"));
        env.replaceAll((name, value) -> value.startsWith("<from:") ? secretValue(name) : value);
        StringBuilder members = new StringBuilder();
        for (int i = 0; i < clusterNodes; i++) {
            members.append(i == 0 ? "" : ",").append("127.0.0.1:").append(clusterPort + i);
        }
        env.put("VFN_CLUSTER_HOST", "127.0.0.1");
        env.put("VFN_CLUSTER_MEMBERS", members.toString());
        env.put("VFN_CLUSTER_PORT", Integer.toString(clusterPort));
        env.put("VFN_CLUSTER_NAME", clusterName);
        env.put("VFN_EVENTBUS_PORT", Integer.toString(freePort()));
        env.put("VFN_PORT", Integer.toString(freePort()));
        env.put("VFN_DATA_DIR", dataDir.toString());
        return env;
    }

    private static String secretValue(String name) {
        return switch (name) {
            case "VFN_ADMIN_TOKEN" -> TOKEN;
            case "VFN_CALLBACK_SECRET" -> "whsec_cmVuZGVyZWQtY2FsbGJhY2stc2VjcmV0";
            default -> "rendered-secret";
        };
    }

    /** @return a port free at this moment */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
