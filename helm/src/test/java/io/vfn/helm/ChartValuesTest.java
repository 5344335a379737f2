package io.vfn.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Base64;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Each value of the chart reaches the object it is for (renders, passes strict validation, and the fact is there). */
class ChartValuesTest {

    private static final Chart EVERYTHING = Chart.render(Chart.EVERYTHING_ON);
    private static final PodSpec POD =
            EVERYTHING.one(StatefulSet.class).getSpec().getTemplate().getSpec();
    private static final Container VFN = POD.getContainers().get(0);

    private static StatefulSet statefulSet(Map<String, String> values) {
        Chart chart = Chart.render(values);
        assertThat(ModelValidator.problems(chart.objects())).isEmpty();
        return chart.one(StatefulSet.class);
    }

    @Test
    void clusterDomain_reachesTheDiscoveryVariable() {
        assertThat(Chart.render(Map.of("clusterDomain", "corp.internal")).env())
                .containsEntry("VFN_KUBERNETES_SERVICE", "vfn-headless.apps.svc.corp.internal");
    }

    @Test
    void image_defaultsToTheAppVersion_aDigestWinsOverTheTag() throws Exception {
        String appVersion = Files.readAllLines(Chart.DIR.resolve("Chart.yaml")).stream()
                .filter(l -> l.startsWith("appVersion:"))
                .findFirst()
                .orElseThrow()
                .replaceAll("appVersion:\\s*\"?([^\"]+)\"?", "$1");
        String digest = "sha256:" + "a".repeat(64);

        assertThat(Chart.renderDefaults()
                        .one(StatefulSet.class)
                        .getSpec()
                        .getTemplate()
                        .getSpec()
                        .getContainers()
                        .get(0)
                        .getImage())
                .isEqualTo("vfn:" + appVersion);
        assertThat(statefulSet(Map.of("image.repository", "registry.example.com/vfn", "image.digest", digest))
                        .getSpec()
                        .getTemplate()
                        .getSpec()
                        .getContainers()
                        .get(0)
                        .getImage())
                .isEqualTo("registry.example.com/vfn@" + digest);
        assertThat(POD.getImagePullSecrets()).extracting(s -> s.getName()).containsExactly("regcred");
    }

    @Test
    void readmeBuildsTheImageTheChartPullsByDefault() throws Exception {
        String appVersion = Files.readAllLines(Chart.DIR.resolve("Chart.yaml")).stream()
                .filter(l -> l.startsWith("appVersion:"))
                .findFirst()
                .orElseThrow()
                .replaceAll("appVersion:\\s*\"?([^\"]+)\"?", "$1");

        assertThat(Files.readString(Chart.DIR.resolve("../../README.md")))
                .contains("docker build -t vfn:" + appVersion + " .");
    }

    @Test
    void schema_acceptsGlobalValues_soTheChartCanBeASubchart() {
        assertThat(statefulSet(Map.of("global.imageRegistry", "registry.example.com")))
                .isNotNull();
    }

    @Test
    void terminationGrace_isDerivedFromDelayDrainAndLeave_andATooSmallOneFailsWithAClearMessage() {
        assertThat(statefulSet(Map.of()).getSpec().getTemplate().getSpec().getTerminationGracePeriodSeconds())
                .isEqualTo(10 + 30 + 15);
        assertThat(statefulSet(Map.of("config.shutdownDelay", "1500ms", "config.drainGrace", "2m"))
                        .getSpec()
                        .getTemplate()
                        .getSpec()
                        .getTerminationGracePeriodSeconds())
                .isEqualTo(2 + 120 + 15);
        assertThat(statefulSet(Map.of("terminationGracePeriodSeconds", "90"))
                        .getSpec()
                        .getTemplate()
                        .getSpec()
                        .getTerminationGracePeriodSeconds())
                .isEqualTo(90);
        assertThat(Chart.render(Map.of()).env()).containsEntry("VFN_SHUTDOWN_DELAY", "10s");

        assertThatThrownBy(() -> Chart.render(Map.of("terminationGracePeriodSeconds", "40")))
                .hasMessageContaining("terminationGracePeriodSeconds=40 is too small")
                .hasMessageContaining(
                        "config.shutdownDelay (10s) + config.drainGrace (30s) + 15s to leave the cluster = 55s");
    }

    @Test
    void autoscaling_withoutALiveObject_startsAtMinReplicas_andStillRendersReplicas() {
        // An upgrade that switches autoscaling on keeps `replicas` (from the live object, Helm's lookup): an object
        // without it would make the API server set 1. Offline there is no live object: minReplicas.
        StatefulSet scaled = statefulSet(Map.of("autoscaling.enabled", "true", "autoscaling.minReplicas", "4"));

        assertThat(scaled.getSpec().getReplicas()).isEqualTo(4);
        assertThat(Chart.render(Map.of("autoscaling.enabled", "true", "autoscaling.minReplicas", "4"))
                        .env())
                .containsEntry("VFN_INITIAL_MEMBERS", "4");
        assertThat(Chart.renderDefaults().env()).containsEntry("VFN_INITIAL_MEMBERS", "3");
    }

    @Test
    void autoscaling_switchedOnInAnUpgrade_keepsTheLiveReplicaCount() throws Exception {
        Map<String, String> autoscaled = Map.of("autoscaling.enabled", "true", "autoscaling.minReplicas", "3");
        // The live StatefulSet as the API server answers Helm's lookup: scaled to 7 (by hand, or by the autoscaler).
        String live = "{\"kind\":\"StatefulSet\",\"spec\":{\"replicas\":7}}";

        assertThat(upgradedReplicas(autoscaled, Map.of("StatefulSet", live))).isEqualTo(7);
        assertThat(upgradedReplicas(autoscaled, Map.of()))
                .as("no live object: a first install starts at minReplicas")
                .isEqualTo(3);
        assertThat(upgradedReplicas(Map.of("replicaCount", "5"), Map.of("StatefulSet", live)))
                .as("without autoscaling, replicaCount is the count")
                .isEqualTo(5);
    }

    private static int upgradedReplicas(Map<String, String> values, Map<String, String> live) throws Exception {
        Chart chart = Chart.renderUpgrade(values, live);
        assertThat(ModelValidator.problems(chart.objects())).isEmpty();
        return chart.one(StatefulSet.class).getSpec().getReplicas();
    }

    @Test
    void generatedCredentialsAndTheSecretsKey_surviveAnUpgrade() throws Exception {
        Map<String, String> before = Map.of(
                "admin-token", "old-token",
                "callback-secret", "whsec_b2xkLWNhbGxiYWNrLXNlY3JldA==",
                "secrets-key", "k".repeat(48));
        String live = "{\"kind\":\"Secret\",\"data\":{"
                + before.entrySet().stream()
                        .map(e -> "\"" + e.getKey() + "\":\"" + base64(e.getValue()) + "\"")
                        .collect(Collectors.joining(","))
                + "}}";

        Secret upgraded = Chart.renderUpgrade(Map.of(), Map.of("Secret", live)).one(Secret.class);

        before.forEach((key, value) -> assertThat(upgraded.getData()).containsEntry(key, base64(value)));
    }

    @Test
    void secretsKey_isMountedOnEveryPodFromTheChartsSecret_andFromSecretsBecomeTheSecretsDirsFiles() {
        Chart chart = Chart.render(Map.of(
                "secrets.fromSecrets[0].name", "db-password",
                "secrets.fromSecrets[0].secretName", "db",
                "secrets.fromSecrets[0].key", "password",
                "secrets.fromSecrets[1].name", "api-token",
                "secrets.fromSecrets[1].secretName", "partner",
                "secrets.fromSecrets[1].key", "token"));
        assertThat(ModelValidator.problems(chart.objects())).isEmpty();
        PodSpec pod = chart.one(StatefulSet.class).getSpec().getTemplate().getSpec();

        assertThat(chart.env())
                .containsEntry("VFN_SECRETS_KEY_FILE", "/etc/vfn/secrets-key/secrets-key")
                .containsEntry("VFN_SECRETS_DIR", "/etc/vfn/function-secrets");
        assertThat(chart.one(Secret.class).getData()).containsKey("secrets-key");
        assertThat(volume(pod, "secrets-key").getSecret().getSecretName()).isEqualTo("vfn");
        assertThat(volume(pod, "secrets-key").getSecret().getItems())
                .singleElement()
                .satisfies(
                        item -> assertThat(item.getKey() + "→" + item.getPath()).isEqualTo("secrets-key→secrets-key"));
        assertThat(volume(pod, "function-secrets").getProjected().getSources())
                .extracting(source -> source.getSecret().getName() + "/"
                        + source.getSecret().getItems().get(0).getKey() + "→"
                        + source.getSecret().getItems().get(0).getPath())
                .containsExactly("db/password→db-password", "partner/token→api-token");
        assertThat(pod.getContainers().get(0).getVolumeMounts())
                .anyMatch(m -> m.getName().equals("function-secrets")
                        && m.getMountPath().equals("/etc/vfn/function-secrets")
                        && m.getReadOnly());

        PodSpec existing = statefulSet(Map.of("auth.existingSecret", "vfn-credentials"))
                .getSpec()
                .getTemplate()
                .getSpec();
        assertThat(volume(existing, "secrets-key").getSecret().getSecretName()).isEqualTo("vfn-credentials");
        assertThat(Chart.renderDefaults().env()).doesNotContainKey("VFN_SECRETS_DIR");
    }

    @Test
    void fromSecrets_withABadOrTwiceUsedName_failsTheRender() {
        assertThatThrownBy(() -> Chart.render(Map.of(
                        "secrets.fromSecrets[0].name", "no/slash",
                        "secrets.fromSecrets[0].secretName", "db",
                        "secrets.fromSecrets[0].key", "password")))
                .hasMessageContaining("fromSecrets");
        assertThatThrownBy(() -> Chart.render(Map.of(
                        "secrets.fromSecrets[0].name", "db-password",
                        "secrets.fromSecrets[0].secretName", "db",
                        "secrets.fromSecrets[0].key", "password",
                        "secrets.fromSecrets[1].name", "db-password",
                        "secrets.fromSecrets[1].secretName", "other",
                        "secrets.fromSecrets[1].key", "password")))
                .hasMessageContaining("secrets.fromSecrets names vfn secret \"db-password\" twice");
    }

    private static Volume volume(PodSpec pod, String name) {
        return pod.getVolumes().stream()
                .filter(v -> v.getName().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no volume " + name));
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void scaling_changesNoPodTemplate_soItRestartsNoPod() {
        assertThat(Chart.render(Map.of("replicaCount", "5"))
                        .one(StatefulSet.class)
                        .getSpec()
                        .getTemplate())
                .isEqualTo(
                        Chart.renderDefaults().one(StatefulSet.class).getSpec().getTemplate());
        assertThat(Chart.render(Map.of("replicaCount", "5")).env()).containsEntry("VFN_INITIAL_MEMBERS", "5");
    }

    @Test
    void generatedCredentials_doNotChangeThePodTemplate_givenOnesDo() {
        String first = Chart.renderDefaults()
                .one(StatefulSet.class)
                .getSpec()
                .getTemplate()
                .getMetadata()
                .getAnnotations()
                .get("checksum/auth");
        String second = Chart.renderDefaults()
                .one(StatefulSet.class)
                .getSpec()
                .getTemplate()
                .getMetadata()
                .getAnnotations()
                .get("checksum/auth");
        String given = Chart.render(Map.of("auth.adminToken", "t"))
                .one(StatefulSet.class)
                .getSpec()
                .getTemplate()
                .getMetadata()
                .getAnnotations()
                .get("checksum/auth");

        assertThat(first).isEqualTo(second).isNotEqualTo(given);
    }

    @Test
    void existingSecret_isReferenced_andNoSecretIsCreated() {
        Chart chart = Chart.render(Map.of("auth.existingSecret", "vfn-credentials"));

        assertThat(chart.objects()).noneMatch(o -> o.getKind().equals("Secret"));
        assertThat(chart.one(StatefulSet.class)
                        .getSpec()
                        .getTemplate()
                        .getSpec()
                        .getContainers()
                        .get(0)
                        .getEnv())
                .filteredOn(e -> e.getName().equals("VFN_ADMIN_TOKEN"))
                .allMatch(e -> e.getValueFrom().getSecretKeyRef().getName().equals("vfn-credentials"));
    }

    @Test
    void securityContexts_comeFromValues_withTheHardenedDefaults() {
        PodSpec defaults = Chart.renderDefaults()
                .one(StatefulSet.class)
                .getSpec()
                .getTemplate()
                .getSpec();
        PodSpec openShift = statefulSet(Map.of(
                        "podSecurityContext.runAsUser",
                        "null",
                        "podSecurityContext.runAsGroup",
                        "null",
                        "podSecurityContext.fsGroup",
                        "null"))
                .getSpec()
                .getTemplate()
                .getSpec();

        assertThat(defaults.getSecurityContext().getRunAsUser()).isEqualTo(10001);
        assertThat(defaults.getContainers().get(0).getSecurityContext().getReadOnlyRootFilesystem())
                .isTrue();
        assertThat(openShift.getSecurityContext().getRunAsUser()).isNull();
        assertThat(openShift.getSecurityContext().getRunAsNonRoot()).isTrue();
    }

    @Test
    void jvmFlags_areAddedToTheImagesFlags_withDirectMemoryBounded() {
        assertThat(EVERYTHING.env().get("JDK_JAVA_OPTIONS"))
                .isEqualTo("-XX:MaxRAMPercentage=60 -XX:MaxDirectMemorySize=256m -XX:ActiveProcessorCount=1"
                        + " -Dhazelcast.prefer.ipv4.stack=false");
        assertThat(EVERYTHING.env()).doesNotContainKey("JAVA_TOOL_OPTIONS");
    }

    @Test
    void jvmProcessors_followTheCpuRequest_unlessALimitOrTheValueSaysOtherwise() {
        assertThat(processorsFlag(Map.of())).isEqualTo("-XX:ActiveProcessorCount=1"); // the default request, 500m
        assertThat(processorsFlag(Map.of("resources.requests.cpu", "1500m"))).isEqualTo("-XX:ActiveProcessorCount=2");
        assertThat(processorsFlag(Map.of("resources.requests.cpu", "3"))).isEqualTo("-XX:ActiveProcessorCount=3");
        assertThat(processorsFlag(Map.of("resources.requests.cpu", "3", "jvm.processors", "5")))
                .isEqualTo("-XX:ActiveProcessorCount=5");
        // With a limit the JVM reads it; without a request there is nothing to size for.
        assertThat(processorsFlag(Map.of("resources.limits.cpu", "2"))).isNull();
        assertThat(processorsFlag(Map.of("resources.requests.cpu", "null"))).isNull();
    }

    /** @return the rendered pod's -XX:ActiveProcessorCount flag, or {@code null} when it has none */
    private static String processorsFlag(Map<String, String> values) {
        String options = Chart.render(values).env().get("JDK_JAVA_OPTIONS");
        return java.util.Arrays.stream(options.split(" "))
                .filter(flag -> flag.startsWith("-XX:ActiveProcessorCount="))
                .findFirst()
                .orElse(null);
    }

    @Test
    void ipStack_isLeftToThePlatform_byTheChartAndTheImage() throws Exception {
        assertThat(Chart.renderDefaults().env().get("JDK_JAVA_OPTIONS"))
                .doesNotContain("preferIPv4Stack")
                .doesNotContain("prefer.ipv4");
        assertThat(Files.readString(Chart.DIR.resolve("../../Dockerfile"))).doesNotContain("preferIPv4Stack");
    }

    @Test
    void podScheduling_andExtraVolumesEnvAndProbes_reachThePod() {
        assertThat(POD.getPriorityClassName()).isEqualTo("vfn-critical");
        assertThat(POD.getTopologySpreadConstraints())
                .singleElement()
                .satisfies(c -> assertThat(c.getTopologyKey()).isEqualTo("topology.kubernetes.io/zone"));
        assertThat(POD.getVolumes())
                .anyMatch(v -> v.getName().equals("certs")
                        && v.getSecret().getSecretName().equals("corp-ca"));
        assertThat(VFN.getVolumeMounts())
                .anyMatch(m -> m.getName().equals("certs") && m.getMountPath().equals("/certs"));
        assertThat(VFN.getEnvFrom())
                .singleElement()
                .satisfies(e -> assertThat(e.getSecretRef().getName()).isEqualTo("vfn-env"));
        assertThat(VFN.getStartupProbe().getHttpGet().getPath()).isEqualTo("/health/live");
        assertThat(VFN.getStartupProbe().getPeriodSeconds()
                        * VFN.getStartupProbe().getFailureThreshold())
                .isGreaterThan(60);
        assertThat(VFN.getReadinessProbe().getTimeoutSeconds()).isEqualTo(3);
        assertThat(VFN.getLivenessProbe().getTimeoutSeconds()).isEqualTo(5);
        assertThat(statefulSet(Map.of("podAnnotations.team", "a"))
                        .getSpec()
                        .getTemplate()
                        .getMetadata()
                        .getAnnotations())
                .containsEntry("team", "a");
    }

    @Test
    void budgetServiceAndServiceMonitor_takeTheirValues() {
        assertThat(EVERYTHING
                        .one(PodDisruptionBudget.class)
                        .getSpec()
                        .getMinAvailable()
                        .getIntVal())
                .isEqualTo(2);
        assertThat(EVERYTHING.one(PodDisruptionBudget.class).getSpec().getMaxUnavailable())
                .isNull();
        Service gateway = EVERYTHING.all(Service.class).stream()
                .filter(s -> s.getMetadata().getName().equals("vfn"))
                .findFirst()
                .orElseThrow();
        assertThat(gateway.getSpec().getLoadBalancerSourceRanges()).containsExactly("10.0.0.0/8");
        assertThat(gateway.getSpec().getExternalTrafficPolicy()).isEqualTo("Local");
        assertThat(EVERYTHING
                        .generic("ServiceMonitor")
                        .orElseThrow()
                        .getAdditionalProperties()
                        .toString())
                .contains("scrapeTimeout=10s");
    }

    @Test
    void networkPolicy_letsTheTestPodThroughANarrowedGateway_andRestrictsEgressWhenAsked() {
        NetworkPolicy policy = EVERYTHING.one(NetworkPolicy.class);

        assertThat(policy.getSpec().getIngress().get(1).getFrom())
                .anyMatch(peer -> peer.getPodSelector() != null
                        && "vfn-test"
                                .equals(peer.getPodSelector().getMatchLabels().get("app.kubernetes.io/name")));
        assertThat(policy.getSpec().getPolicyTypes()).containsExactly("Ingress", "Egress");
        assertThat(policy.getSpec().getEgress())
                .anyMatch(rule ->
                        rule.getPorts().stream().anyMatch(p -> p.getPort().getIntVal() == 53))
                .anyMatch(rule ->
                        rule.getPorts().stream().anyMatch(p -> p.getPort().getIntVal() == 443));
        assertThat(Chart.renderDefaults().one(NetworkPolicy.class).getSpec().getPolicyTypes())
                .containsExactly("Ingress");
    }

    @Test
    void helmTestPod_carriesNoSelectorLabels_andHasResources() throws Exception {
        // The embedded Helm leaves test hooks out of its rendering: the hook and its labels helper are checked as
        // written.
        String hook = Files.readString(Chart.DIR.resolve("templates/tests/gateway-test-pod.yaml"));
        String helpers = Files.readString(Chart.DIR.resolve("templates/_helpers.tpl"));
        String testLabels = helpers.substring(
                helpers.indexOf("define \"vfn.testLabels\""),
                helpers.indexOf("{{- end -}}", helpers.indexOf("define \"vfn.testLabels\"")));

        assertThat(hook)
                .contains("include \"vfn.testLabels\"")
                .doesNotContain("vfn.labels")
                .doesNotContain("vfn.selectorLabels")
                .contains("toYaml .Values.test.resources");
        assertThat(testLabels).contains("app.kubernetes.io/name: {{ include \"vfn.name\" . }}-test");
    }
}
