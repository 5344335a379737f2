package io.vfn.helm;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The README's "Install on Kubernetes" commands, checked against what they act on (no cluster or container engine
 * here): the image the Dockerfile builds, the chart each {@code helm} line renders with its values carried over as
 * {@code --reset-then-reuse-values} does, and every object a {@code kubectl} line names.
 */
class ReadmeKubernetesTest {

    private static final Path ROOT = Chart.DIR.resolve("../..");
    private static final Pattern SET = Pattern.compile("--set (\\S+?)=(\\S+)");
    private static final Pattern OBJECT = Pattern.compile("(statefulset|svc|secret|pvc)[/ ](\\S+)");

    @Test
    void everyHelmAndKubectlCommand_actsOnWhatTheChartRenders_andTheImagesArePushedOnes() throws IOException {
        List<String> commands = commands();
        assertThat(commands).anyMatch(c -> c.startsWith("helm install")).anyMatch(c -> c.startsWith("helm test"));
        Map<String, String> values = new LinkedHashMap<>();
        List<String> pushed = new ArrayList<>();
        Chart chart = null;
        for (String command : commands) {
            List<String> words = Arrays.asList(command.split("\\s+"));
            if (command.startsWith("docker push ")) {
                pushed.add(words.get(2));
            } else if (command.startsWith("helm install ") || command.startsWith("helm upgrade ")) {
                assertThat(words.get(2)).as(command).isEqualTo("vfn");
                assertThat(words.get(3)).as(command).isEqualTo("./helm/vfn");
                assertThat(words).as(command).containsSequence("-n", "vfn");
                if (command.startsWith("helm upgrade ")) {
                    assertThat(words).as(command).contains("--reset-then-reuse-values");
                }
                Matcher set = SET.matcher(command);
                while (set.find()) {
                    values.put(set.group(1), set.group(2));
                }
                chart = Chart.render("vfn", "vfn", values);
                assertThat(ModelValidator.problems(chart.objects())).as(command).isEmpty();
                String image = chart.one(StatefulSet.class)
                        .getSpec()
                        .getTemplate()
                        .getSpec()
                        .getContainers()
                        .get(0)
                        .getImage();
                assertThat(pushed).as("%s pulls %s", command, image).contains(image);
            } else if (command.contains("kubectl ")) {
                assertThat(chart).as("a chart is installed before: " + command).isNotNull();
                actsOnRenderedObjects(chart, command.substring(command.indexOf("kubectl ")));
            }
        }
        assertThat(values).containsKeys("image.repository", "image.tag", "replicaCount");
    }

    @Test
    void theDockerfile_copiesEveryModuleTheRootPomNames_soItsMavenBuildFindsThem() throws IOException {
        String pom = Files.readString(ROOT.resolve("pom.xml"));
        String dockerfile = Files.readString(ROOT.resolve("Dockerfile"));
        Matcher module = Pattern.compile("<module>([^<]+)</module>").matcher(pom);
        int modules = 0;
        while (module.find()) {
            modules++;
            assertThat(dockerfile).contains("COPY " + module.group(1) + " " + module.group(1));
        }
        assertThat(modules).isPositive();
        assertThat(dockerfile).contains("COPY --from=build /src/platform/target/vfn.jar");
    }

    @Test
    void theFunctionJarTheReadmeDeploys_isTheOneItsMavenCommandBuilds() throws IOException {
        List<String> commands = commands();
        assertThat(commands).contains("mvn -B -q package -DskipTests -pl functions/hello -am");
        assertThat(String.join("\n", commands)).contains("@functions/hello/target/hello.jar");
        assertThat(Files.readString(ROOT.resolve("functions/hello/pom.xml"))).contains("<finalName>hello</finalName>");
    }

    private static void actsOnRenderedObjects(Chart chart, String command) {
        Matcher object = OBJECT.matcher(command);
        assertThat(object.find()).as(command).isTrue();
        String kind = object.group(1);
        String name = object.group(2);
        switch (kind) {
            case "statefulset" ->
                assertThat(named(chart.all(StatefulSet.class), name))
                        .as(command)
                        .isTrue();
            case "svc" -> {
                Service service = chart.all(Service.class).stream()
                        .filter(s -> s.getMetadata().getName().equals(name))
                        .findFirst()
                        .orElseThrow(() -> new AssertionError("no Service " + name + " for: " + command));
                Matcher forwarded = Pattern.compile(" \\d+:(\\d+)").matcher(command);
                if (forwarded.find()) {
                    assertThat(service.getSpec().getPorts())
                            .as(command)
                            .anyMatch(p -> p.getPort() == Integer.parseInt(forwarded.group(1)));
                }
            }
            case "secret" -> {
                Secret secret = chart.all(Secret.class).stream()
                        .filter(s -> s.getMetadata().getName().equals(name))
                        .findFirst()
                        .orElseThrow(() -> new AssertionError("no Secret " + name + " for: " + command));
                Matcher key = Pattern.compile("\\{\\.data\\.([\\w-]+)}").matcher(command);
                if (key.find()) {
                    assertThat(secret.getData()).as(command).containsKey(key.group(1));
                }
            }
            case "pvc" -> {
                String[] label = name.equals("-l")
                        ? command.replaceAll(".*-l (\\S+).*", "$1").split("=")
                        : null;
                assertThat(label).as("pvc by label: " + command).isNotNull();
                assertThat(chart.one(StatefulSet.class).getSpec().getVolumeClaimTemplates())
                        .as(command)
                        .allMatch(claim ->
                                label[1].equals(claim.getMetadata().getLabels().get(label[0])));
            }
            default -> throw new AssertionError(kind);
        }
    }

    private static boolean named(List<? extends HasMetadata> objects, String name) {
        return objects.stream().anyMatch(o -> o.getMetadata().getName().equals(name));
    }

    /** The section's bash block: continuations joined, comments dropped, {@code &&} and {@code $(…)} split. */
    private static List<String> commands() throws IOException {
        String readme = Files.readString(ROOT.resolve("README.md"));
        String section = readme.substring(readme.indexOf("## Install on Kubernetes"));
        String block = section.substring(
                section.indexOf("```bash") + 7, section.indexOf("```", section.indexOf("```bash") + 7));
        List<String> commands = new ArrayList<>();
        for (String line : block.replace("\\\n", " ").split("\n")) {
            String code = line.replaceAll("(^|\\s)#.*$", "").strip();
            for (String part : code.split("&&")) {
                String command =
                        part.replaceAll("^.*\\$\\(", "").replaceAll("\\s+", " ").strip();
                if (!command.isEmpty()) {
                    commands.add(command);
                }
            }
        }
        return commands;
    }
}
