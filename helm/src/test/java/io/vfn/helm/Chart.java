package io.vfn.helm;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
        Map.entry("networkPolicy.gatewayFrom[0].namespaceSelector.matchLabels.team", "a"));

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private final List<HasMetadata> objects;

    private Chart(List<HasMetadata> objects) {
        this.objects = objects;
    }

    /**
     * @param values values to set
     * @return the rendered chart (release {@code vfn} in namespace {@code apps})
     */
    static Chart render(Map<String, String> values) {
        // The embedded Helm renders like `helm install --dry-run=server`: its lookup would ask a cluster.
        TemplateCommand template = new Helm(DIR).template().withName("vfn").withNamespace("apps").set("auth.keepGenerated", "false");
        values.forEach(template::set);
        return new Chart(parse(template.call()));
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
        return all(GenericKubernetesResource.class).stream().filter(r -> r.getKind().equals(kind)).findFirst();
    }

    /** @return the vfn container's environment as a map (values only; references as {@code <from:…>}) */
    Map<String, String> env() {
        Map<String, String> env = new java.util.LinkedHashMap<>();
        one(StatefulSet.class).getSpec().getTemplate().getSpec().getContainers().get(0).getEnv()
            .forEach(e -> env.put(e.getName(), e.getValue() != null ? e.getValue() : "<from:" + e.getValueFrom() + ">"));
        return env;
    }
}
