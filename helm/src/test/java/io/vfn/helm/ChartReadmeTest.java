package io.vfn.helm;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The chart README's values table is the one generated from values.yaml (each value's {@code # --} comment). */
class ChartReadmeTest {

    @Test
    void valuesTable_isGeneratedFromValuesYaml() throws Exception {
        String generated = ValuesTable.of(Chart.DIR.resolve("values.yaml"));
        Files.writeString(Path.of("target", "values-table.md"), generated);
        String readme = Files.readString(Chart.DIR.resolve("README.md"));

        assertThat(readme)
                .as("helm/vfn/README.md's table; the generated one is in helm/target/values-table.md")
                .contains(generated);
    }
}
