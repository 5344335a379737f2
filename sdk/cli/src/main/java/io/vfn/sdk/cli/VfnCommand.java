package io.vfn.sdk.cli;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vfn.sdk.client.VfnClient;
import io.vfn.sdk.client.VfnClientException;
import io.vfn.sdk.client.VfnClientOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * {@code vfn}: the root command. Holds the options every subcommand shares (gateway, token, key, output format,
 * verbosity), makes the client, and maps failures to exit codes ({@link ExitCodes}).
 */
@Command(
        name = "vfn",
        scope = ScopeType.INHERIT,
        mixinStandardHelpOptions = true,
        versionProvider = VfnCommand.Version.class,
        description = "Deploy, invoke and follow functions on a vfn cluster.",
        subcommands = {
            UpCommand.class,
            DeployCommand.class,
            ListCommand.class,
            DescribeCommand.class,
            DeleteCommand.class,
            InvokeCommand.class,
            CallCommand.class,
            CallsCommand.class,
            RetryCommand.class,
            CancelCommand.class,
            NodesCommand.class,
            InfoCommand.class,
            NewCommand.class,
            LogsCommand.class,
            RevisionsCommand.class,
            RollbackCommand.class,
            AliasCommand.class,
            TrafficCommand.class,
            SecretCommand.class,
            KeyCommand.class
        })
public final class VfnCommand implements Runnable {

    /** Where the admin token of a node started in this directory is kept. */
    static final Path LOCAL_TOKEN = Path.of("vfn-data", "admin-token");

    @Option(
            names = "--gateway",
            scope = ScopeType.INHERIT,
            paramLabel = "URL",
            description = "The gateway (default: $VFN_GATEWAY, else " + VfnClientOptions.DEFAULT_GATEWAY + ").")
    String gateway;

    @Option(
            names = "--token",
            scope = ScopeType.INHERIT,
            paramLabel = "TOKEN",
            description = "The admin token (default: $VFN_ADMIN_TOKEN, else ./vfn-data/admin-token when present).")
    String token;

    @Option(
            names = "--key",
            scope = ScopeType.INHERIT,
            paramLabel = "KEY",
            description = "An invoke key, for functions deployed with --auth key (default: $VFN_KEY).")
    String key;

    @Option(
            names = {"-o", "--output"},
            scope = ScopeType.INHERIT,
            paramLabel = "FORMAT",
            description = "table (for people) or json (for scripts); default table.")
    Output output = Output.TABLE;

    @Option(
            names = {"-v", "--verbose"},
            scope = ScopeType.INHERIT,
            description = "Show status and call ids on stderr.")
    boolean verbose;

    @Spec
    CommandSpec spec;

    private final Terminal terminal;

    private VfnCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    /**
     * Runs one command line.
     *
     * @param terminal the streams and environment
     * @param args     the command line
     * @return the exit code
     */
    public static int run(Terminal terminal, String... args) {
        VfnCommand root = new VfnCommand(terminal);
        CommandLine line = new CommandLine(root);
        line.setOut(new PrintWriter(terminal.out(), true));
        line.setErr(new PrintWriter(terminal.err(), true));
        line.setCaseInsensitiveEnumValuesAllowed(true);
        line.setUsageHelpAutoWidth(true);
        line.setExpandAtFiles(false); // --data @FILE is a body, not picocli's argument file
        line.setExecutionExceptionHandler((failure, command, parsed) -> root.failed(failure));
        int code = line.execute(args);
        terminal.out().flush();
        terminal.err().flush();
        return code;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a command (vfn --help lists them)");
    }

    /** @return the streams and environment */
    Terminal terminal() {
        return terminal;
    }

    /** @return a client of the chosen gateway with the chosen token and key; close it after use */
    VfnClient client() {
        VfnClientOptions options = new VfnClientOptions();
        try {
            options.gateway(gatewayShown());
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        Optional.ofNullable(token)
                .or(() -> env("VFN_ADMIN_TOKEN"))
                .or(VfnCommand::localToken)
                .ifPresent(options::token);
        Optional.ofNullable(key).or(() -> env("VFN_KEY")).ifPresent(options::key);
        return VfnClient.create(options);
    }

    /** @return the gateway this run talks to: {@code --gateway}, else {@code $VFN_GATEWAY}, else the local default */
    String gatewayShown() {
        return Optional.ofNullable(gateway).or(() -> env("VFN_GATEWAY")).orElse(VfnClientOptions.DEFAULT_GATEWAY);
    }

    /** @return whether output is for scripts */
    boolean json() {
        return output == Output.JSON;
    }

    /** @return whether details go to stderr */
    boolean verbose() {
        return verbose;
    }

    /**
     * Prints JSON to stdout, for scripts.
     *
     * @param value a {@link JsonObject} or {@link JsonArray}
     */
    void printJson(Object value) {
        String text = value instanceof JsonArray array ? array.encodePrettily() : ((JsonObject) value).encodePrettily();
        terminal.out().println(text);
    }

    /**
     * Reports a problem the function or the platform answered.
     *
     * @param problem the problem
     * @return the exit code
     */
    int report(VfnClientException problem) {
        terminal.err()
                .println("vfn: " + problem.title() + ": " + problem.detail()
                        + problem.callId().map(id -> " (call " + id + ")").orElse(""));
        if (problem.status() == 401) {
            terminal.err()
                    .println(
                            // The gateway's invoke-key problems speak of a key; the admin routes' of the token.
                            problem.detail().contains("key")
                                    ? "vfn: give the function's invoke key with --key or $VFN_KEY"
                                    : "vfn: give the admin token with --token or $VFN_ADMIN_TOKEN");
        }
        return problem.unreachable() ? ExitCodes.UNREACHABLE : ExitCodes.ERROR_ANSWER;
    }

    private int failed(Exception failure) throws Exception {
        if (failure instanceof VfnClientException problem) {
            return report(problem);
        }
        if (failure instanceof java.io.UncheckedIOException || failure instanceof IOException) {
            terminal.err().println("vfn: " + failure.getMessage());
            return ExitCodes.ERROR_ANSWER;
        }
        throw failure;
    }

    private Optional<String> env(String name) {
        return Optional.ofNullable(terminal.env().get(name)).filter(v -> !v.isBlank());
    }

    private static Optional<String> localToken() {
        try {
            return Files.isReadable(LOCAL_TOKEN)
                    ? Optional.of(Files.readString(LOCAL_TOKEN).trim())
                    : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The version the CLI was built as. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"vfn " + current()};
        }

        /** @return the project's version, e.g. {@code 0.1.0-SNAPSHOT} */
        static String current() {
            Properties properties = new Properties();
            try (InputStream in = VfnCommand.class.getResourceAsStream("version.properties")) {
                properties.load(in);
            } catch (IOException | NullPointerException e) {
                throw new IllegalStateException("the CLI was built without its version.properties", e);
            }
            return properties.getProperty("version");
        }
    }
}
