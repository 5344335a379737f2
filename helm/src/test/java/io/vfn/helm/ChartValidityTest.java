package io.vfn.helm;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every rendered object is one a current Kubernetes API server accepts: known kinds, known fields, right types. */
class ChartValidityTest {

    static Stream<Arguments> valueSets() {
        return Stream.of(
                Arguments.of("defaults", Map.of()), Arguments.of("every optional part on", Chart.EVERYTHING_ON));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valueSets")
    void everyObject_isValidAgainstTheKubernetesModel(String name, Map<String, String> values) {
        Chart chart = Chart.render(values);

        assertThat(ModelValidator.problems(chart.objects())).isEmpty();
    }

    @Test
    void defaults_renderTheCoreObjects() {
        assertThat(Chart.renderDefaults().objects().stream().map(HasMetadata::getKind))
                .containsExactlyInAnyOrder(
                        "ServiceAccount",
                        "Secret",
                        "ConfigMap",
                        "Service",
                        "Service",
                        "StatefulSet",
                        "PodDisruptionBudget",
                        "NetworkPolicy");
    }

    @Test
    void everythingOn_addsIngressAutoscalerAndServiceMonitor() {
        assertThat(Chart.render(Chart.EVERYTHING_ON).objects().stream().map(HasMetadata::getKind))
                .contains("Ingress", "HorizontalPodAutoscaler", "ServiceMonitor");
    }

    @Test
    void validator_catchesUnknownFieldsWrongTypesAndUnknownKinds() {
        String bad = """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: x}
            spec:
              replica: 2
              selector: {matchLabels: {a: b}}
              template:
                metadata: {labels: {a: b}}
                spec:
                  containers: [{name: c, image: i, ports: [{containerPort: 80, protcol: TCP}]}]
            ---
            apiVersion: example.com/v1
            kind: Widget
            metadata: {name: w}
            """;

        List<String> problems = ModelValidator.problems(Chart.parse(bad));

        assertThat(problems)
                .anyMatch(p -> p.contains("unknown field(s) [replica]"))
                .anyMatch(p -> p.contains("[protcol]"))
                .anyMatch(p -> p.contains("Widget/w: unknown apiVersion/kind"));
    }
}
