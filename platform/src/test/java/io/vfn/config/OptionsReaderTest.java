package io.vfn.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

class OptionsReaderTest {

    @Test
    void noFlagsNoVariables_giveTheDocumentedDefaults() {
        VfnOptions options = OptionsReader.read(new String[0], Map.of());

        assertThat(options.port()).isEqualTo(8080);
        assertThat(options.dataDir()).isEqualTo(Path.of("./vfn-data"));
        assertThat(options.clusterName()).isEqualTo("vfn");
        assertThat(options.clusterHost()).isEqualTo("127.0.0.1");
        assertThat(options.clusterPort()).isEqualTo(5701);
        assertThat(options.clusterMembers()).containsExactly("127.0.0.1");
        assertThat(options.examples()).isTrue();
        assertThat(options.maxBody()).isEqualTo(10L << 20);
        assertThat(options.adminToken()).isEmpty();
        assertThat(options.kubernetesService()).isEmpty();
    }

    @Test
    void variables_setEverySetting() {
        VfnOptions options = OptionsReader.read(
                new String[0],
                Map.of(
                        "VFN_PORT",
                        "9090",
                        "VFN_DATA_DIR",
                        "/tmp/x",
                        "VFN_ADMIN_TOKEN",
                        "t",
                        "VFN_CALLBACK_SECRET",
                        "whsec_c2VjcmV0LWtleS1vZi10aGUtdGVzdA==",
                        "VFN_CLUSTER_NAME",
                        "c",
                        "VFN_CLUSTER_HOST",
                        "10.0.0.1",
                        "VFN_CLUSTER_PORT",
                        "6000",
                        "VFN_CLUSTER_MEMBERS",
                        "a:1,b:2",
                        "VFN_KUBERNETES_SERVICE",
                        "vfn-headless",
                        "VFN_EXAMPLES",
                        "false"));

        assertThat(options.port()).isEqualTo(9090);
        assertThat(options.dataDir()).isEqualTo(Path.of("/tmp/x"));
        assertThat(options.adminToken()).contains("t");
        assertThat(options.callbackSecret()).contains("whsec_c2VjcmV0LWtleS1vZi10aGUtdGVzdA==");
        assertThat(options.clusterName()).isEqualTo("c");
        assertThat(options.clusterHost()).isEqualTo("10.0.0.1");
        assertThat(options.clusterPort()).isEqualTo(6000);
        assertThat(options.clusterMembers()).containsExactly("a:1", "b:2");
        assertThat(options.kubernetesService()).contains("vfn-headless");
        assertThat(options.examples()).isFalse();
    }

    @Test
    void aFlag_winsOverItsVariable() {
        VfnOptions options = OptionsReader.read(
                new String[] {"--port", "7000", "--examples", "--max-body", "512k"},
                Map.of("VFN_PORT", "9090", "VFN_EXAMPLES", "false", "VFN_MAX_BODY", "1m"));

        assertThat(options.port()).isEqualTo(7000);
        assertThat(options.examples()).isTrue();
        assertThat(options.maxBody()).isEqualTo(512 * 1024);
    }

    @Test
    void noExamplesFlag_turnsExamplesOff() {
        assertThat(OptionsReader.read(new String[] {"--no-examples"}, Map.of()).examples())
                .isFalse();
    }

    @ParameterizedTest(name = "{0} {1} → message names {2}")
    @CsvSource({
        "--port, 70000, --port",
        "--cluster-port, 0, --cluster-port",
        "--max-body, lots, --max-body",
        "--drain-grace, soon, --drain-grace",
        "--port, eighty, --port",
    })
    void invalidValue_isAUsageErrorNamingTheFlag(String flag, String value, String named) {
        assertThatThrownBy(() -> OptionsReader.read(new String[] {flag, value}, Map.of()))
                .isInstanceOf(CommandLine.ParameterException.class)
                .hasMessageContaining(named);
    }

    @Test
    void everyFlag_namesItsVariableInHelp_andTheVariableFollowsTheFlagsName() {
        CommandLine commandLine = OptionsReader.commandLine(new VfnOptions(), Map.of());
        List<CommandLine.Model.OptionSpec> options = commandLine.getCommandSpec().options().stream()
                .filter(o -> o.longestName().startsWith("--")
                        && !List.of("--help", "--version").contains(o.longestName()))
                .toList();

        assertThat(options).hasSizeGreaterThanOrEqualTo(11);
        for (CommandLine.Model.OptionSpec option : options) {
            assertThat(String.join(" ", option.description()))
                    .as(option.longestName())
                    .contains(OptionsReader.variableOf(option.longestName()));
        }
    }

    @Test
    void durationsAndSizes_parseTheirUnits() {
        assertThat(DurationConverter.parse("250ms")).isEqualTo(Duration.ofMillis(250));
        assertThat(DurationConverter.parse("30s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(DurationConverter.parse("PT2M")).isEqualTo(Duration.ofMinutes(2));
        assertThat(ByteSizeConverter.parse("10m")).isEqualTo(10L << 20);
        assertThat(ByteSizeConverter.parse("64KiB")).isEqualTo(64L << 10);
    }
}
