package io.vfn.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The README's configuration table lists exactly the launcher's flags, each with the variable the code reads. */
class ReadmeConfigurationTest {

    private static final Pattern ROW =
            Pattern.compile("^\\| `(--[a-z-]+)`(?: / `--no-[a-z-]+`)? \\| `(VFN_[A-Z_]+)` \\|", Pattern.MULTILINE);

    @Test
    void configurationTable_matchesTheOptions() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));
        // The platform's table only: the command line has a table of its own.
        String section = readme.substring(readme.indexOf("## Configuration"));
        section = section.substring(0, section.indexOf("\n## ", 1));
        Set<String> documented = new TreeSet<>();
        Matcher row = ROW.matcher(section);
        while (row.find()) {
            assertThat(row.group(2)).as(row.group(1)).isEqualTo(OptionsReader.variableOf(row.group(1)));
            documented.add(row.group(1));
        }

        Set<String> flags =
                OptionsReader.commandLine(new VfnOptions(), java.util.Map.of()).getCommandSpec().options().stream()
                        .map(CommandLine.Model.OptionSpec::longestName)
                        .filter(name -> !Set.of("--help", "--version").contains(name))
                        .collect(Collectors.toCollection(TreeSet::new));
        assertThat(documented).isEqualTo(flags);
    }
}
