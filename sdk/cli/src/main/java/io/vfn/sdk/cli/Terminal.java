package io.vfn.sdk.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.Map;

/**
 * What a run of {@code vfn} talks to: its streams, its environment, and whether a person watches stderr.
 *
 * @param in          standard input (a body to send)
 * @param out         standard output (bodies byte for byte, tables, JSON)
 * @param err         standard error (problems, {@code --verbose} details, progress)
 * @param env         the environment ({@code VFN_GATEWAY}, {@code VFN_ADMIN_TOKEN})
 * @param interactive whether a terminal is attached: progress lines are shown, stdin is not read implicitly
 */
public record Terminal(InputStream in, PrintStream out, PrintStream err, Map<String, String> env, boolean interactive) {

    /** @return the process's own streams and environment */
    public static Terminal system() {
        return new Terminal(System.in, System.out, System.err, System.getenv(), System.console() != null);
    }
}
