package io.vfn.launcher;

import io.vfn.config.OptionsReader;
import io.vfn.config.VfnOptions;
import io.vfn.logs.ConsoleFormat;
import java.io.PrintWriter;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;

/**
 * {@code java -jar vfn.jar [flags]}: starts one node. Exit codes: 0 after {@code --help}/{@code --version} or a
 * clean stop, 1 when the node cannot start, 2 on a usage error, 3 when the node's cluster member stopped under it
 * (out of memory or otherwise): a supervisor restarts it rather than keep a node that cannot work.
 */
public final class Main {

    /** Exit code when the cluster member stopped under the node. */
    static final int MEMBER_LOST = 3;

    private Main() {}

    /**
     * @param args the flags; see {@code --help}
     */
    public static void main(String[] args) {
        commonPoolOfTwoAtLeast();
        VfnOptions options = new VfnOptions();
        CommandLine commandLine = OptionsReader.commandLine(options, System.getenv());
        try {
            options = OptionsReader.read(args, System.getenv());
        } catch (CommandLine.ParameterException e) {
            PrintWriter err = commandLine.getErr();
            err.println(e.getMessage());
            commandLine.usage(err);
            System.exit(2);
            return;
        }
        if (commandLine.parseArgs(args).isUsageHelpRequested()) {
            commandLine.usage(commandLine.getOut());
            return;
        }
        if (commandLine.isVersionHelpRequested()) {
            commandLine.printVersionHelp(commandLine.getOut());
            return;
        }
        start(options);
    }

    /**
     * On one or two cores the JDK's common pool has a parallelism of 1, and then every asynchronous completion
     * (Hazelcast's async map operations, which the async call path uses) starts a new thread: with a parallelism of
     * 2 they run on the pool. Set before anything touches the pool; a value given on the command line wins.
     */
    private static void commonPoolOfTwoAtLeast() {
        String property = "java.util.concurrent.ForkJoinPool.common.parallelism";
        if (System.getProperty(property) == null && Runtime.getRuntime().availableProcessors() <= 2) {
            System.setProperty(property, "2");
        }
    }

    private static void start(VfnOptions options) {
        ConsoleFormat.install(options.logFormat());
        VfnNode node;
        try {
            node = VfnNode.start(options).await(5, TimeUnit.MINUTES);
        } catch (Exception e) {
            System.err.println("vfn could not start: " + e.getMessage());
            System.exit(1);
            return;
        }
        Shutdown.install(node);
        node.context().state().failure().thenAccept(reason -> {
            System.err.println("vfn failed: " + reason + "; exiting");
            Runtime.getRuntime().halt(MEMBER_LOST);
        });
        System.out.println("vfn " + io.vfn.config.VersionProvider.version() + " ready on http://" + displayHost(options)
                + ":" + node.port() + " (node " + node.context().cluster().nodeId() + ", "
                + node.context().cluster().clusterSize()
                + " member(s) in cluster '" + options.clusterName() + "', data in " + options.dataDir() + ")");
        if (node.context().secrets().generatedToken()) {
            System.out.println(
                    "Generated admin token (kept in " + options.dataDir().resolve("admin-token") + ", shown once): "
                            + node.context().secrets().adminToken());
        }
        if (node.context().secrets().generatedSecretsKey()) {
            System.out.println("NOTE: generated the key that encrypts function secrets in "
                    + options.dataDir().resolve(io.vfn.config.Secrets.SECRETS_KEY_FILE)
                    + ". Every member of a cluster needs "
                    + "the same key: give each one this file with --secrets-key-file, and keep it out of backups of the "
                    + "data directory (with the key, the sealed secrets there can be opened).");
        }
    }

    private static String displayHost(VfnOptions options) {
        return "127.0.0.1".equals(options.clusterHost()) ? "127.0.0.1" : options.clusterHost();
    }
}
