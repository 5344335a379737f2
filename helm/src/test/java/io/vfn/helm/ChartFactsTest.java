package io.vfn.helm;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The facts of the rendered chart that make a working cluster. */
class ChartFactsTest {

    private final Chart chart = Chart.renderDefaults();
    private final StatefulSet statefulSet = chart.one(StatefulSet.class);
    private final PodSpec pod = statefulSet.getSpec().getTemplate().getSpec();
    private final Container vfn = pod.getContainers().get(0);

    @Test
    void selectorsOfTheStatefulSetServicesAndBudget_matchThePodLabels() {
        Map<String, String> podLabels =
                statefulSet.getSpec().getTemplate().getMetadata().getLabels();

        assertThat(podLabels)
                .containsAllEntriesOf(statefulSet.getSpec().getSelector().getMatchLabels());
        for (Service service : chart.all(Service.class)) {
            assertThat(podLabels)
                    .as(service.getMetadata().getName())
                    .containsAllEntriesOf(service.getSpec().getSelector());
        }
        assertThat(podLabels)
                .containsAllEntriesOf(chart.one(PodDisruptionBudget.class)
                        .getSpec()
                        .getSelector()
                        .getMatchLabels());
        assertThat(podLabels)
                .containsKeys(
                        "app.kubernetes.io/name",
                        "app.kubernetes.io/instance",
                        "app.kubernetes.io/version",
                        "app.kubernetes.io/component",
                        "app.kubernetes.io/managed-by",
                        "helm.sh/chart");
    }

    @Test
    void statefulSet_runsThreeParallelPodsSpreadOverNodes() {
        assertThat(statefulSet.getSpec().getReplicas()).isEqualTo(3);
        assertThat(statefulSet.getSpec().getPodManagementPolicy()).isEqualTo("Parallel");
        assertThat(statefulSet.getSpec().getServiceName()).isEqualTo("vfn-headless");
        assertThat(pod.getAffinity()
                        .getPodAntiAffinity()
                        .getPreferredDuringSchedulingIgnoredDuringExecution()
                        .get(0)
                        .getPodAffinityTerm()
                        .getTopologyKey())
                .isEqualTo("kubernetes.io/hostname");
        assertThat(pod.getTerminationGracePeriodSeconds()).isGreaterThan(30 + 15);
        assertThat(chart.one(PodDisruptionBudget.class)
                        .getSpec()
                        .getMaxUnavailable()
                        .getIntVal())
                .isEqualTo(1);
    }

    @Test
    void probes_pointAtTheHealthRoutesOnTheGatewayPort() {
        assertThat(vfn.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/health/ready");
        assertThat(vfn.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/health/live");
        assertThat(vfn.getReadinessProbe().getHttpGet().getPort().getStrVal()).isEqualTo("http");
        assertThat(vfn.getPorts()).anyMatch(p -> p.getName().equals("http") && p.getContainerPort() == 8080);
        assertThat(chart.env()).containsEntry("VFN_PORT", "8080");
    }

    @Test
    void headlessService_publishesNotReadyAddressesForDiscovery() {
        Service headless = chart.all(Service.class).stream()
                .filter(s -> s.getMetadata().getName().equals("vfn-headless"))
                .findFirst()
                .orElseThrow();

        assertThat(headless.getSpec().getClusterIP()).isEqualTo("None");
        assertThat(headless.getSpec().getPublishNotReadyAddresses()).isTrue();
        assertThat(headless.getSpec().getPorts()).extracting(p -> p.getPort()).containsExactly(5701, 5801);
    }

    @Test
    void environment_setsWhatThePlatformReads() {
        Map<String, String> env = chart.env();

        assertThat(env)
                .containsEntry("VFN_KUBERNETES_SERVICE", "vfn-headless.apps.svc.cluster.local")
                .containsEntry("VFN_CLUSTER_HOST", "$(POD_IP)")
                .containsEntry("VFN_DATA_DIR", "/data")
                .containsEntry("VFN_EVENTBUS_PORT", "5801");
        assertThat(vfn.getEnv())
                .anyMatch(e -> e.getName().equals("POD_IP")
                        && e.getValueFrom().getFieldRef().getFieldPath().equals("status.podIP"));
        assertThat(vfn.getEnv())
                .anyMatch(e -> e.getName().equals("VFN_ADMIN_TOKEN")
                        && e.getValueFrom()
                                .getSecretKeyRef()
                                .getName()
                                .equals(chart.one(Secret.class).getMetadata().getName())
                        && e.getValueFrom().getSecretKeyRef().getKey().equals("admin-token"));
        assertThat(chart.one(Secret.class).getData()).containsKeys("admin-token", "callback-secret");
    }

    @Test
    void dataDirectory_isThePersistentVolumeClaim() {
        assertThat(vfn.getVolumeMounts())
                .anyMatch(m -> m.getName().equals("data")
                        && m.getMountPath().equals(chart.env().get("VFN_DATA_DIR")));
        assertThat(statefulSet.getSpec().getVolumeClaimTemplates())
                .singleElement()
                .satisfies(claim -> assertThat(claim.getMetadata().getName()).isEqualTo("data"));
    }

    @Test
    void container_runsRestrictedWithAReadOnlyRoot() {
        assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(vfn.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        assertThat(vfn.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
        assertThat(vfn.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
        assertThat(vfn.getVolumeMounts()).anyMatch(m -> m.getMountPath().equals("/tmp"));
    }

    @Test
    void networkPolicy_letsMembersReachTheClusterPortsAndEveryoneTheGateway() {
        NetworkPolicy policy = chart.one(NetworkPolicy.class);
        NetworkPolicyIngressRule members = policy.getSpec().getIngress().get(0);
        NetworkPolicyIngressRule gateway = policy.getSpec().getIngress().get(1);

        assertThat(policy.getSpec().getPodSelector().getMatchLabels())
                .isEqualTo(statefulSet.getSpec().getSelector().getMatchLabels());
        assertThat(members.getFrom().get(0).getPodSelector().getMatchLabels())
                .isEqualTo(statefulSet.getSpec().getSelector().getMatchLabels());
        assertThat(members.getPorts()).extracting(p -> p.getPort().getIntVal()).containsExactly(5701, 5801);
        assertThat(gateway.getPorts()).extracting(p -> p.getPort().getIntVal()).containsExactly(8080);
        assertThat(gateway.getFrom()).isNullOrEmpty();
    }

    @Test
    void helmTestHook_invokesEchoThroughTheGatewayService() throws Exception {
        // The embedded Helm leaves test hooks out of its rendering: the hook is checked as written.
        String hook = Files.readString(Chart.DIR.resolve("templates/tests/gateway-test-pod.yaml"));

        assertThat(hook)
                .contains("helm.sh/hook: test")
                .contains("http://{{ include \"vfn.fullname\" . }}:{{ .Values.gateway.service.port }}/function/echo")
                .contains("test \"$answer\" = \"hi\"");
    }

    @Test
    void withoutServiceMonitor_podsCarryScrapeAnnotations() {
        assertThat(statefulSet.getSpec().getTemplate().getMetadata().getAnnotations())
                .containsEntry("prometheus.io/scrape", "true")
                .containsEntry("prometheus.io/path", "/metrics");
    }

    @Test
    void preloading_passesUrlsAndConfigMapJarsToThePlatform() {
        Map<String, String> env = Chart.render(Chart.EVERYTHING_ON).env();

        assertThat(env)
                .containsEntry("VFN_PRELOAD", "https://jars.example.com/resize.jar,/preload/thumbnail.jar")
                .containsEntry("VFN_CLUSTER_TLS_CA", "/tls/ca.crt");
    }
}
