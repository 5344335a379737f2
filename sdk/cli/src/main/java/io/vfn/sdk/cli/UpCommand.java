package io.vfn.sdk.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;

/**
 * {@code vfn up [launcher flags]}: starts a local node in the foreground, the same as the README's
 * {@code java -jar platform/target/vfn.jar}; every flag is passed through ({@code vfn up --port 8081}).
 */
@Command(name = "up", description = "Start a local node (java -jar platform/target/vfn.jar); flags are passed through.")
final class UpCommand implements Callable<Integer> {

    private static final Duration STOP_WAIT = Duration.ofSeconds(60);

    @Unmatched
    List<String> flags = new ArrayList<>();

    @picocli.CommandLine.ParentCommand
    VfnCommand root;

    @Override
    public Integer call() throws IOException, InterruptedException {
        Path jar = Home.find().map(home -> home.resolve(Home.PLATFORM_JAR)).orElse(Home.PLATFORM_JAR);
        if (!Files.isRegularFile(jar)) {
            root.terminal()
                    .err()
                    .println("vfn: no platform jar at " + jar.toAbsolutePath()
                            + "; build it first: mvn -B -q install -DskipTests (in the vfn repository)");
            return ExitCodes.ERROR_ANSWER;
        }
        List<String> command = new ArrayList<>(
                List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString()));
        command.addAll(flags);
        Process node = new ProcessBuilder(command).inheritIO().start();
        // Stopping vfn stops the node too, and waits while it drains (its own grace bounds the wait).
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            node.destroy();
                            try {
                                node.waitFor(STOP_WAIT.toSeconds(), TimeUnit.SECONDS);
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                        },
                        "vfn-up-stop"));
        return node.waitFor();
    }
}
