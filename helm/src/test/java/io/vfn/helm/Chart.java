package io.vfn.helm;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.EnvVarSource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Renders {@code helm/vfn} with the embedded Helm and reads every object into the typed Kubernetes model, as an
 * API server of a current release would.
 */
final class Chart {

    /** The chart, relative to this module. */
    static final Path DIR = Path.of("vfn");
    /** Values that switch on every optional part. */
    static final Map<String, String> EVERYTHING_ON = Map.ofEntries(
            Map.entry("ingress.enabled", "true"),
            Map.entry("ingress.className", "nginx"),
            Map.entry("autoscaling.enabled", "true"),
            Map.entry("metrics.serviceMonitor.enabled", "true"),
            Map.entry("cluster.tls.enabled", "true"),
            Map.entry("cluster.tls.secretName", "vfn-cluster-tls"),
            Map.entry("preload.urls[0]", "https://jars.example.com/resize.jar"),
            Map.entry("preload.configMap.name", "vfn-jars"),
            Map.entry("preload.configMap.jars[0]", "thumbnail.jar"),
            Map.entry("auth.adminToken", "given-token"),
            Map.entry("config.callbackAllow[0]", "10.1.0.0/16"),
            Map.entry("config.callbackAllow[1]", "hooks.internal"),
            Map.entry("networkPolicy.gatewayFrom[0].namespaceSelector.matchLabels.team", "a"),
            Map.entry("networkPolicy.egress.enabled", "true"),
            Map.entry("networkPolicy.egress.to[0].to[0].ipBlock.cidr", "0.0.0.0/0"),
            Map.entry("networkPolicy.egress.to[0].ports[0].port", "443"),
            Map.entry("gateway.service.type", "LoadBalancer"),
            Map.entry("gateway.service.loadBalancerSourceRanges[0]", "10.0.0.0/8"),
            Map.entry("gateway.service.externalTrafficPolicy", "Local"),
            Map.entry("podDisruptionBudget.minAvailable", "2"),
            Map.entry("priorityClassName", "vfn-critical"),
            Map.entry("topologySpreadConstraints[0].maxSkew", "1"),
            Map.entry("topologySpreadConstraints[0].topologyKey", "topology.kubernetes.io/zone"),
            Map.entry("topologySpreadConstraints[0].whenUnsatisfiable", "ScheduleAnyway"),
            Map.entry("envFrom[0].secretRef.name", "vfn-env"),
            Map.entry("extraVolumes[0].name", "certs"),
            Map.entry("extraVolumes[0].secret.secretName", "corp-ca"),
            Map.entry("extraVolumeMounts[0].name", "certs"),
            Map.entry("extraVolumeMounts[0].mountPath", "/certs"),
            Map.entry("jvm.extraOpts", "-Dhazelcast.prefer.ipv4.stack=false"),
            Map.entry("image.pullSecrets[0].name", "regcred"),
            Map.entry("secrets.fromSecrets[0].name", "db-password"),
            Map.entry("secrets.fromSecrets[0].secretName", "db"),
            Map.entry("secrets.fromSecrets[0].key", "password"));

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
    /** The chart's lookups of its own objects: {@code lookup "<api>" "<Kind>" .Release.Namespace <its name>}. */
    private static final Pattern LOOKUP = Pattern.compile(
            "lookup \"[^\"]+\" \"([A-Za-z]+)\" \\.Release\\.Namespace \\(include \"vfn\\.fullname\" \\.\\)");

    private final List<HasMetadata> objects;

    private Chart(List<HasMetadata> objects) {
        this.objects = objects;
    }

    /**
     * @param values values to set
     * @return the rendered chart (release {@code vfn} in namespace {@code apps})
     */
    static Chart render(Map<String, String> values) {
        return render("vfn", "apps", values);
    }

    /**
     * @param release   the release name
     * @param namespace the release's namespace
     * @param values    values to set
     * @return the rendered chart
     */
    static Chart render(String release, String namespace, Map<String, String> values) {
        // The embedded Helm renders like `helm install --dry-run=server`: its lookup would ask a cluster.
        TemplateCommand template = new Helm(DIR)
                .template()
                .withName(release)
                .withNamespace(namespace)
                .set("auth.keepGenerated", "false")
                .set("autoscaling.keepLiveReplicas", "false");
        values.forEach(template::set);
        return new Chart(parse(template.call()));
    }

    /**
     * Renders an upgrade as Helm renders it against a cluster: the chart's {@code lookup}s of its own objects answer
     * the live objects given (as the API server would, JSON), and the values that use them are on.
     *
     * @param values values to set
     * @param live   kind ({@code StatefulSet}, {@code Secret}) → the live object of this release, as JSON
     * @return the rendered chart
     */
    static Chart renderUpgrade(Map<String, String> values, Map<String, String> live) throws IOException {
        Path copy = Files.createTempDirectory("vfn-chart");
        try {
            Set<String> looked = new HashSet<>();
            try (Stream<Path> files = Files.walk(DIR)) {
                for (Path file : files.toList()) {
                    Path target = copy.resolve(DIR.relativize(file).toString());
                    if (Files.isDirectory(file)) {
                        Files.createDirectories(target);
                        continue;
                    }
                    String text = Files.readString(file);
                    Matcher lookup = LOOKUP.matcher(text);
                    StringBuilder answered = new StringBuilder();
                    while (lookup.find()) {
                        String kind = lookup.group(1);
                        looked.add(kind);
                        String object = live.getOrDefault(kind, "{}");
                        lookup.appendReplacement(answered, Matcher.quoteReplacement("(fromJson `" + object + "`)"));
                    }
                    lookup.appendTail(answered);
                    Files.writeString(target, answered);
                }
            }
            if (!looked.containsAll(live.keySet())) {
                throw new AssertionError("the chart looks up " + looked + ", not all of " + live.keySet());
            }
            TemplateCommand template = new Helm(copy)
                    .template()
                    .withName("vfn")
                    .withNamespace("apps")
                    .set("auth.keepGenerated", "true")
                    .set("autoscaling.keepLiveReplicas", "true");
            values.forEach(template::set);
            return new Chart(parse(template.call()));
        } finally {
            try (Stream<Path> files = Files.walk(copy)) {
                files.sorted(Comparator.reverseOrder())
                        .forEach(path -> path.toFile().delete());
            }
        }
    }

    /** @return the chart with default values */
    static Chart renderDefaults() {
        return render(Map.of());
    }

    /**
     * @param yaml documents separated by {@code ---}
     * @return the typed objects
     */
    static List<HasMetadata> parse(String yaml) {
        List<HasMetadata> parsed = new ArrayList<>();
        for (String document : yaml.split("(?m)^---\\s*$")) {
            if (document.lines().anyMatch(line -> line.startsWith("kind:"))) {
                parsed.add(SERIALIZATION.unmarshal(document));
            }
        }
        return parsed;
    }

    /** @return every object */
    List<HasMetadata> objects() {
        return objects;
    }

    /**
     * @param type a kind's model class
     * @param <T>  the kind
     * @return the objects of that kind
     */
    <T extends HasMetadata> List<T> all(Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }

    /**
     * @param type a kind's model class
     * @param <T>  the kind
     * @return the one object of that kind
     */
    <T extends HasMetadata> T one(Class<T> type) {
        List<T> found = all(type);
        if (found.size() != 1) {
            throw new AssertionError("expected one " + type.getSimpleName() + ", found " + found.size());
        }
        return found.get(0);
    }

    /**
     * @param kind a kind the model does not know (a CRD's)
     * @return the object of that kind
     */
    Optional<GenericKubernetesResource> generic(String kind) {
        return all(GenericKubernetesResource.class).stream()
                .filter(r -> r.getKind().equals(kind))
                .findFirst();
    }

    /**
     * @return the vfn container's environment as a map: values, keys of the chart's own ConfigMap resolved, other
     *     references (secrets, pod fields) as {@code <from:…>}
     */
    Map<String, String> env() {
        Map<String, String> env = new java.util.LinkedHashMap<>();
        one(StatefulSet.class)
                .getSpec()
                .getTemplate()
                .getSpec()
                .getContainers()
                .get(0)
                .getEnv()
                .forEach(e -> env.put(e.getName(), e.getValue() != null ? e.getValue() : reference(e.getValueFrom())));
        return env;
    }

    private String reference(EnvVarSource from) {
        if (from.getConfigMapKeyRef() != null) {
            return all(ConfigMap.class).stream()
                    .filter(map -> map.getMetadata()
                            .getName()
                            .equals(from.getConfigMapKeyRef().getName()))
                    .findFirst()
                    .map(map -> map.getData().get(from.getConfigMapKeyRef().getKey()))
                    .orElseThrow(() -> new AssertionError(
                            "no rendered ConfigMap " + from.getConfigMapKeyRef().getName()));
        }
        return "<from:" + from + ">";
    }
}
