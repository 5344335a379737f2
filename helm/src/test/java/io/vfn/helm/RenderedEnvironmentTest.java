package io.vfn.helm;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Secret;
import io.vfn.config.OptionsReader;
import io.vfn.config.VfnOptions;
import io.vfn.launcher.VfnNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The variables the chart sets are exactly ones the platform reads: a node starts from them and answers. */
class RenderedEnvironmentTest {

    @Test
    void everyVariableTheChartSets_isAPlatformFlag() {
        Set<String> platform = OptionsReader.commandLine(new VfnOptions(), Map.of()).getCommandSpec().options().stream()
                .map(CommandLine.Model.OptionSpec::longestName)
                .map(OptionsReader::variableOf)
                .collect(Collectors.toSet());

        assertThat(Chart.render(Chart.EVERYTHING_ON).env().keySet().stream().filter(name -> name.startsWith("VFN_")))
                .isNotEmpty()
                .allMatch(platform::contains);
    }

    @Test
    void aNodeStartedWithTheRenderedEnvironment_isReadyServesTheExamples_andHasTheSecretsOfKubernetesSecrets(
            @TempDir Path dataDir) throws Exception {
        Chart chart = Chart.render(Map.of(
                "auth.adminToken", "rendered-token",
                "auth.callbackSecret", "whsec_cmVuZGVyZWQtY2FsbGJhY2stc2VjcmV0",
                "secrets.fromSecrets[0].name", "db-password",
                "secrets.fromSecrets[0].secretName", "db",
                "secrets.fromSecrets[0].key", "password"));
        Map<String, String> env = LoopbackEnvironment.of(
                chart,
                Map.of("db", Map.of("password", "s3cret from Kubernetes", "user", "app")),
                "test-" + UUID.randomUUID(),
                LoopbackEnvironment.freePort(),
                1,
                dataDir);
        // One node: the chart's replicaCount of members is not waited for.
        env.put("VFN_INITIAL_MEMBERS", "1");

        VfnOptions options = OptionsReader.read(new String[0], env);
        VfnNode node = VfnNode.start(options).await(120, TimeUnit.SECONDS);
        try {
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<String> echo = http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.port() + "/function/echo"))
                            .POST(HttpRequest.BodyPublishers.ofString("hi"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(echo.body()).isEqualTo("hi");
            assertThat(node.context().secrets().adminToken()).isEqualTo(LoopbackEnvironment.TOKEN);
            assertThat(options.drainGrace()).hasSeconds(30);
            // The key every pod mounts from the chart's Secret, and the Kubernetes Secret's value as a vfn secret.
            String chartKey = new String(
                    Base64.getDecoder().decode(chart.one(Secret.class).getData().get("secrets-key")),
                    StandardCharsets.UTF_8);
            assertThat(node.context().secrets().secretsKey()).isEqualTo(chartKey);
            assertThat(node.context().secretStore().value("db-password")).contains("s3cret from Kubernetes");
            assertThat(node.context().secretStore().value("user")).isEmpty();
        } finally {
            node.close().await(60, TimeUnit.SECONDS);
        }
    }
}
