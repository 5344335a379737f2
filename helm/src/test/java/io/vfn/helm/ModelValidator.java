package io.vfn.helm;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Strict offline validation: the typed model parks every field it does not know in {@code additionalProperties};
 * a non-empty one is an unknown field (a typo, or a field of another API version). Unknown kinds come back as
 * {@link GenericKubernetesResource}; only the kinds listed as custom are allowed to.
 */
final class ModelValidator {

    /** Kinds of CRDs the chart may render (the Prometheus Operator's). */
    static final Set<String> CUSTOM_KINDS = Set.of("ServiceMonitor");

    private ModelValidator() {}

    /**
     * @param objects rendered objects
     * @return every problem found, empty when all are valid
     */
    static List<String> problems(List<HasMetadata> objects) {
        List<String> problems = new ArrayList<>();
        for (HasMetadata object : objects) {
            String where = object.getKind() + "/" + object.getMetadata().getName();
            if (object instanceof GenericKubernetesResource && !CUSTOM_KINDS.contains(object.getKind())) {
                problems.add(where + ": unknown apiVersion/kind " + object.getApiVersion() + "/" + object.getKind());
                continue;
            }
            if (!(object instanceof GenericKubernetesResource)) {
                walk(object, where, problems, new IdentityHashMap<>());
            }
        }
        return problems;
    }

    private static void walk(Object node, String path, List<String> problems, Map<Object, Boolean> seen) {
        if (node == null
                || seen.put(node, true) != null
                || !node.getClass().getPackageName().startsWith("io.fabric8")) {
            return;
        }
        for (Method getter : node.getClass().getMethods()) {
            if (getter.getParameterCount() != 0
                    || !getter.getName().startsWith("get")
                    || getter.getName().equals("getClass")) {
                continue;
            }
            Object value;
            try {
                value = getter.invoke(node);
            } catch (ReflectiveOperationException e) {
                continue;
            }
            String child = path + "." + decapitalize(getter.getName().substring(3));
            if (getter.getName().equals("getAdditionalProperties")) {
                if (value instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    problems.add(path + ": unknown field(s) " + extra.keySet());
                }
            } else if (value instanceof Collection<?> items) {
                int i = 0;
                for (Object item : items) {
                    walk(item, child + "[" + i++ + "]", problems, seen);
                }
            } else if (value instanceof Map<?, ?> map) {
                map.values().forEach(v -> walk(v, child, problems, seen));
            } else {
                walk(value, child, problems, seen);
            }
        }
    }

    private static String decapitalize(String name) {
        return name.isEmpty() ? name : Character.toLowerCase(name.charAt(0)) + name.substring(1);
    }
}
