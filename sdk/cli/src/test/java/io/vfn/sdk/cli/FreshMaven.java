package io.vfn.sdk.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Maven as on a fresh machine: a user home of its own, whose local repository starts empty, so nothing a test builds
 * ever lands in the user's {@code ~/.m2}. To avoid downloading the world, its settings put a view of the build's
 * resolved repository without {@code io/vfn} (symbolic links, read only) before Maven Central: what the build
 * already resolved is copied from there, anything else still comes from Central, and nothing of vfn is found unless
 * the commands under test put it there.
 */
final class FreshMaven implements AutoCloseable {

    private final Path home;
    private final Path view;
    private final String mavenCommand;

    private FreshMaven(Path home, Path view, String mavenCommand) {
        this.home = home;
        this.view = view;
        this.mavenCommand = mavenCommand;
    }

    /**
     * @param work         a scratch directory; the home and the repository view go below it
     * @param repositories further file repositories to look in first (e.g. a staged SDK)
     * @return a fresh Maven whose settings name the build's resolved repository, minus {@code io/vfn}
     */
    static FreshMaven create(Path work, Path... repositories) {
        Path home = work.resolve("home");
        Path view = work.resolve("resolved");
        try {
            resolvedWithoutVfn(view);
            List<Path> all = new ArrayList<>(List.of(repositories));
            all.add(view);
            Files.createDirectories(home.resolve(".m2"));
            Files.writeString(home.resolve(".m2/settings.xml"), settings(all));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String mavenHome = System.getProperty("maven.home", "");
        return new FreshMaven(
                home,
                view,
                mavenHome.isBlank() ? "mvn" : Path.of(mavenHome, "bin", "mvn").toString());
    }

    /** @return the local repository Maven fills: empty until a command puts something there */
    Path localRepository() {
        return home.resolve(".m2/repository");
    }

    /**
     * The environment a shell needs to run {@code mvn} as a fresh machine would: {@code HOME} and the
     * {@code user.home} Maven reads its settings and local repository from, and {@code mvn} on the {@code PATH}.
     *
     * @return the variables to set
     */
    Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        env.put("HOME", home.toString());
        env.put("MAVEN_OPTS", "-Duser.home=" + home);
        Path bin = Path.of(mavenCommand).getParent();
        if (bin != null) {
            env.put("PATH", bin + java.io.File.pathSeparator + System.getenv().getOrDefault("PATH", ""));
        }
        return env;
    }

    /**
     * Runs a shell command line with this Maven, its output kept in a log file.
     *
     * @param dir     the working directory
     * @param command the command line, as a user types it
     * @param timeout how long it may take
     * @param extra   further environment variables
     * @return the exit code and output
     */
    Result shell(Path dir, String command, Duration timeout, Map<String, String> extra) {
        Map<String, String> env = new HashMap<>(env());
        env.putAll(extra);
        return run(dir, command, timeout, env);
    }

    /** Removes the view's links (never what they point to), so that no clean-up walks into the resolved repository. */
    @Override
    public void close() {
        try (Stream<Path> links = Stream.concat(list(view.resolve("io")), list(view))) {
            for (Path link : links.filter(Files::isSymbolicLink).toList()) {
                Files.delete(link);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Stream<Path> list(Path dir) throws IOException {
        return Files.isDirectory(dir) ? Files.list(dir) : Stream.empty();
    }

    private static void resolvedWithoutVfn(Path view) throws IOException {
        Path resolved = Path.of(System.getProperty(
                        "vfn.resolved.repository", System.getProperty("user.home") + "/.m2/repository"))
                .toAbsolutePath();
        Files.createDirectories(view.resolve("io"));
        try (Stream<Path> top = Files.list(resolved)) {
            for (Path entry : top.toList()) {
                if (!entry.getFileName().toString().equals("io")) {
                    Files.createSymbolicLink(view.resolve(entry.getFileName().toString()), entry);
                }
            }
        }
        Path io = resolved.resolve("io");
        if (Files.isDirectory(io)) {
            try (Stream<Path> groups = Files.list(io)) {
                for (Path entry : groups.toList()) {
                    if (!entry.getFileName().toString().equals("vfn")) {
                        Files.createSymbolicLink(
                                view.resolve("io").resolve(entry.getFileName().toString()), entry);
                    }
                }
            }
        }
    }

    private static String settings(List<Path> repositories) {
        StringBuilder repos = new StringBuilder();
        StringBuilder pluginRepos = new StringBuilder();
        int n = 0;
        for (Path repository : repositories) {
            String entry = "<id>fresh-" + n++ + "</id><url>" + repository.toUri()
                    + "</url><snapshots><enabled>true</enabled></snapshots>";
            repos.append("<repository>").append(entry).append("</repository>");
            pluginRepos.append("<pluginRepository>").append(entry).append("</pluginRepository>");
        }
        // Profile repositories come before the super POM's Central, so Central serves only what the view lacks.
        return """
            <settings><profiles><profile><id>fresh</id>
            <repositories>%s</repositories><pluginRepositories>%s</pluginRepositories>
            </profile></profiles><activeProfiles><activeProfile>fresh</activeProfile></activeProfiles></settings>
            """.formatted(repos, pluginRepos);
    }

    /**
     * What a command did.
     *
     * @param code   its exit code
     * @param output its stdout and stderr, interleaved
     */
    record Result(int code, String output) {}

    /**
     * Runs a command line through {@code sh -c}, standard input empty, output kept in a file until it ended.
     *
     * @param dir     the working directory
     * @param command the command line
     * @param timeout how long it may take; then it and its children are killed and the test fails
     * @param env     further environment variables
     * @return the exit code and output
     */
    static Result run(Path dir, String command, Duration timeout, Map<String, String> env) {
        try {
            Path log = Files.createTempFile("vfn-shell", ".log");
            ProcessBuilder builder = new ProcessBuilder("sh", "-c", command)
                    .directory(dir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .redirectInput(new java.io.File("/dev/null"));
            builder.environment().putAll(env);
            Process process = builder.start();
            if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw new AssertionError(
                        "'" + command + "' did not finish within " + timeout + ":\n" + Files.readString(log));
            }
            String output = Files.readString(log, StandardCharsets.UTF_8);
            Files.delete(log);
            return new Result(process.exitValue(), output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
