package io.vfn.helm;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeProjection;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Mounts the rendered pod's Secret volumes as a kubelet would: each item of a Secret becomes a file under its mount
 * path, here below a directory of the test's. The Secrets are the chart's own, as rendered, and those the test gives
 * in place of a cluster's; a missing Secret or key fails like a pod that cannot start.
 */
final class Kubelet {

    private Kubelet() {}

    /**
     * @param chart   the rendered chart
     * @param cluster Secrets that exist in the cluster beside the chart's: name → key → value
     * @param root    where the pod's mount paths are made
     * @param env     the container's environment; values under a mount path are moved below {@code root}
     * @return the environment with those values moved
     */
    static Map<String, String> mountSecrets(
            Chart chart, Map<String, Map<String, String>> cluster, Path root, Map<String, String> env) {
        Map<String, Map<String, String>> secrets = new HashMap<>(cluster);
        for (Secret secret : chart.all(Secret.class)) {
            Map<String, String> data = new HashMap<>();
            secret.getData()
                    .forEach((key, value) ->
                            data.put(key, new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8)));
            secrets.put(secret.getMetadata().getName(), data);
        }
        PodSpec pod = chart.one(StatefulSet.class).getSpec().getTemplate().getSpec();
        Container container = pod.getContainers().get(0);
        Map<String, String> moved = new HashMap<>(env);
        for (VolumeMount mount : container.getVolumeMounts()) {
            Volume volume = pod.getVolumes().stream()
                    .filter(v -> v.getName().equals(mount.getName()))
                    .findFirst()
                    .orElse(null);
            if (volume == null || (volume.getSecret() == null && volume.getProjected() == null)) {
                continue;
            }
            Path dir = root.resolve(mount.getMountPath().substring(1));
            if (volume.getSecret() != null) {
                write(
                        secrets,
                        volume.getSecret().getSecretName(),
                        volume.getSecret().getItems(),
                        dir);
            } else {
                for (VolumeProjection source : volume.getProjected().getSources()) {
                    if (source.getSecret() != null) {
                        write(
                                secrets,
                                source.getSecret().getName(),
                                source.getSecret().getItems(),
                                dir);
                    }
                }
            }
            moved.replaceAll((name, value) -> value.startsWith(mount.getMountPath()) ? root + value : value);
        }
        return moved;
    }

    private static void write(Map<String, Map<String, String>> secrets, String name, List<KeyToPath> items, Path dir) {
        Map<String, String> data = secrets.get(name);
        if (data == null) {
            throw new AssertionError("the pod mounts Secret " + name + ", which does not exist");
        }
        try {
            Files.createDirectories(dir);
            if (items == null || items.isEmpty()) {
                for (Map.Entry<String, String> entry : data.entrySet()) {
                    Files.writeString(dir.resolve(entry.getKey()), entry.getValue());
                }
                return;
            }
            for (KeyToPath item : items) {
                String value = data.get(item.getKey());
                if (value == null) {
                    throw new AssertionError("the pod mounts key " + item.getKey() + " of Secret " + name
                            + ", which has none (keys: " + data.keySet() + ")");
                }
                Files.writeString(dir.resolve(item.getPath()), value);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
