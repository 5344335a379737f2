package io.vfn.config;

import java.util.Locale;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Reads {@link VfnOptions} from the command line and the environment, which is passed as a map so that tests
 * can give their own.
 */
public final class OptionsReader {

    private OptionsReader() {}

    /**
     * The environment variable of a flag: {@code --cluster-host} → {@code VFN_CLUSTER_HOST}.
     *
     * @param flag a long flag
     * @return its variable
     */
    public static String variableOf(String flag) {
        return "VFN_" + flag.replaceFirst("^--", "").replace('-', '_').toUpperCase(Locale.ROOT);
    }

    /**
     * A command line for {@link VfnOptions} whose defaults come from {@code env} before the built-in ones.
     *
     * @param options the object to fill
     * @param env     the environment
     * @return the command line, ready to parse or print usage
     */
    public static CommandLine commandLine(VfnOptions options, Map<String, String> env) {
        CommandLine commandLine = new CommandLine(options);
        commandLine.setDefaultValueProvider(argument -> defaultFromEnv(argument, env));
        return commandLine;
    }

    /**
     * Parses and validates.
     *
     * @param args the command line
     * @param env  the environment
     * @return the options
     * @throws CommandLine.ParameterException on an unknown flag, a malformed or invalid value
     */
    public static VfnOptions read(String[] args, Map<String, String> env) {
        VfnOptions options = new VfnOptions();
        CommandLine commandLine = commandLine(options, env);
        commandLine.parseArgs(args);
        try {
            options.validate();
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(commandLine, e.getMessage(), e);
        }
        return options;
    }

    private static String defaultFromEnv(ArgSpec argument, Map<String, String> env) {
        if (!(argument instanceof OptionSpec option)) {
            return null;
        }
        String value = env.get(variableOf(option.longestName()));
        return value == null || value.isBlank() ? option.defaultValue() : value.trim();
    }
}
