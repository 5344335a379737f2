package io.vfn.sdk.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/** Runs {@code vfn} in this JVM through picocli with captured streams, against one gateway. */
final class Cli {

    private final Map<String, String> env;

    /**
     * @param gateway the gateway ({@code VFN_GATEWAY})
     * @param token   the admin token ({@code VFN_ADMIN_TOKEN})
     */
    Cli(String gateway, String token) {
        this(Map.of("VFN_GATEWAY", gateway, "VFN_ADMIN_TOKEN", token));
    }

    private Cli(Map<String, String> env) {
        this.env = env;
    }

    /**
     * @param name  an environment variable, e.g. {@code VFN_KEY}
     * @param value its value
     * @return a CLI with the same environment plus this variable
     */
    Cli withEnv(String name, String value) {
        Map<String, String> more = new HashMap<>(env);
        more.put(name, value);
        return new Cli(Map.copyOf(more));
    }

    /** What one run of {@code vfn} did. */
    record Run(int code, byte[] stdout, String stderr) {
        /** @return stdout as UTF-8 text */
        String out() {
            return new String(stdout, StandardCharsets.UTF_8);
        }
    }

    /**
     * @param args the command line
     * @return the run, with an empty stdin
     */
    Run vfn(String... args) {
        return withInput(new byte[0], args);
    }

    /**
     * @param stdin what stdin holds
     * @param args  the command line
     * @return the run
     */
    Run withInput(byte[] stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Terminal terminal = new Terminal(
                new ByteArrayInputStream(stdin),
                new PrintStream(out, true),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                env,
                false);
        int code = VfnCommand.run(terminal, args);
        return new Run(code, out.toByteArray(), err.toString(StandardCharsets.UTF_8));
    }
}
