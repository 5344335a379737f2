package io.vfn.sdk.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The README's shell commands, read from the README itself so that a test runs what a reader types: a command is
 * found by how it starts, joined with its {@code \}-continued lines, without its trailing {@code # comment}.
 */
final class ReadmeCommands {

    private final List<String> lines;

    private ReadmeCommands(List<String> lines) {
        this.lines = lines;
    }

    /**
     * @param readme the README
     * @return its commands
     */
    static ReadmeCommands of(Path readme) {
        try {
            return new ReadmeCommands(Files.readAllLines(readme));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @param start how the command starts, e.g. {@code "mvn -B -q install"}
     * @return the first command that starts so, continuation lines joined, comment dropped
     */
    String command(String start) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(start)) {
                StringBuilder command = new StringBuilder(withoutComment(lines.get(i)));
                while (command.toString().endsWith("\\") && i + 1 < lines.size()) {
                    command.setLength(command.length() - 1);
                    command.append(' ').append(withoutComment(lines.get(++i)).trim());
                }
                return command.toString();
            }
        }
        throw new AssertionError("the README has no command starting with '" + start + "'");
    }

    /** A comment starts at {@code #} after two spaces or more, as the README aligns them. */
    private static String withoutComment(String line) {
        return line.replaceFirst("\\s{2,}#.*$", "").stripTrailing();
    }
}
