package io.vfn.helm;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The chart README's values table, generated from {@code values.yaml}: every key preceded by a {@code # --} comment
 * is a row (key path, default, the comment). A default that spans lines reads {@code (see values.yaml)}.
 */
final class ValuesTable {

    private ValuesTable() {}

    /**
     * @param valuesYaml the chart's values.yaml
     * @return the Markdown table, header included
     */
    static String of(Path valuesYaml) throws IOException {
        List<String> lines = Files.readAllLines(valuesYaml);
        List<String> rows = new ArrayList<>(List.of("| key | default | description |", "| --- | --- | --- |"));
        List<String> path = new ArrayList<>();
        List<Integer> indents = new ArrayList<>();
        StringBuilder comment = null;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            String trimmed = line.strip();
            int indent = line.length() - line.stripLeading().length();
            if (trimmed.startsWith("# --")) {
                comment = new StringBuilder(trimmed.substring(4).strip());
            } else if (trimmed.startsWith("#")) {
                if (comment != null) {
                    comment.append(' ').append(trimmed.substring(1).strip());
                }
            } else if (!trimmed.isEmpty() && !trimmed.startsWith("-") && trimmed.contains(":")) {
                while (!indents.isEmpty() && indents.get(indents.size() - 1) >= indent) {
                    indents.remove(indents.size() - 1);
                    path.remove(path.size() - 1);
                }
                String key = trimmed.substring(0, trimmed.indexOf(':'));
                String value = trimmed.substring(trimmed.indexOf(':') + 1).strip();
                path.add(key);
                indents.add(indent);
                if (comment != null) {
                    String shown = value.isEmpty() ? "(see values.yaml)" : value;
                    rows.add("| `" + String.join(".", path) + "` | `" + shown + "` | "
                            + comment.toString().replace("|", "\\|") + " |");
                    comment = null;
                }
            }
        }
        return String.join("\n", rows) + "\n";
    }
}
