package io.vfn.sdk.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.vfn.sdk.client.testing.LocalNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The README on a fresh machine: a copy of the sources, a Maven whose local repository starts empty
 * ({@link FreshMaven}), the README's start command as a real process, then the curl session's
 * {@code functions/hello} and the {@code vfn} quick start's {@code vfn new} project, each built with Maven, deployed
 * and invoked with the README's own command lines (only the port differs).
 */
class FreshMachineIT {

    private static final Path HOME =
            Path.of(System.getProperty("vfn.home")).toAbsolutePath().normalize();
    private static final Set<String> NOT_SOURCES = Set.of("target", ".git", ".idea", ".vscode", "tools", ".helm");

    private static Path work;
    private static Path checkout;
    private static FreshMaven maven;
    private static Process node;
    private static int port;
    private static Map<String, String> env;

    @BeforeAll
    static void startTheReadmesNode() throws Exception {
        work = LocalNode.tempDir("vfn-fresh");
        checkout = copySources(HOME, work.resolve("vfn"));
        maven = FreshMaven.create(work);
        port = LocalNode.freePort();
        int clusterPort = LocalNode.freePort();
        env = Map.of(
                "VFN_PORT",
                Integer.toString(port),
                "VFN_GATEWAY",
                "http://127.0.0.1:" + port,
                "VFN_CLUSTER_PORT",
                Integer.toString(clusterPort),
                "VFN_CLUSTER_MEMBERS",
                "127.0.0.1:" + clusterPort,
                "VFN_CLUSTER_NAME",
                "test-" + UUID.randomUUID());
        ProcessBuilder start = new ProcessBuilder("sh", "-c", readme().command("mvn -B -q install"))
                .directory(checkout.toFile())
                .redirectErrorStream(true)
                .redirectOutput(work.resolve("start.log").toFile());
        start.environment().putAll(maven.env());
        start.environment().putAll(env);
        node = start.start();
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health/ready"))
                .build();
        // The whole build runs first: minutes on a busy machine.
        await().atMost(Duration.ofMinutes(10))
                .pollInterval(Duration.ofSeconds(1))
                .ignoreExceptions()
                .failFast("the start command ended", () -> !node.isAlive())
                .until(() ->
                        http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
    }

    @AfterAll
    static void stop() throws Exception {
        if (node != null) {
            node.descendants().forEach(ProcessHandle::destroy);
            node.destroy();
            if (!node.waitFor(60, TimeUnit.SECONDS)) {
                node.descendants().forEach(ProcessHandle::destroyForcibly);
                node.destroyForcibly();
            }
        }
        if (maven != null) {
            maven.close();
        }
        if (work != null) {
            // The view's links are gone: this removes only the copy, its build and the fresh repository.
            try (Stream<Path> files = Files.walk(work)) {
                files.sorted(Comparator.reverseOrder())
                        .forEach(file -> file.toFile().delete());
            }
        }
    }

    @Test
    void curlSession_buildsHelloWithMaven_deploysAndInvokesIt() {
        ReadmeCommands readme = readme();
        String session = String.join(
                "\n",
                readme.command("TOKEN=$(cat vfn-data/admin-token)"),
                readme.command("mvn -B -q -f functions/hello/pom.xml package"),
                readme.command(
                        "curl -X PUT -H \"Authorization: Bearer $TOKEN\" -H 'Content-Type: application/java-archive'"),
                readme.command("curl -d '{\"name\":\"Grace\"}' localhost:8080/function/greet"));

        FreshMaven.Result run = shell(session);

        assertThat(run.code()).as(run.output()).isZero();
        assertThat(run.output()).endsWith("{\"greeting\":\"Hello, Grace!\"}");
    }

    @Test
    void vfnQuickStart_newProjectBuildsDeploysAndAnswers() {
        ReadmeCommands readme = readme();
        String session = String.join(
                " && ",
                readme.command("bin/vfn new greet"),
                readme.command("bin/vfn deploy greet greet/target/greet.jar"),
                readme.command("bin/vfn invoke greet --data Ada"));

        FreshMaven.Result run = shell(session);

        assertThat(run.code()).as(run.output()).isZero();
        assertThat(run.output()).endsWith("Hello, Ada!");
        assertThat(maven.localRepository().resolve("io/vfn/vfn-sdk")).isDirectory();
    }

    private static FreshMaven.Result shell(String commands) {
        return maven.shell(
                checkout, commands.replace("localhost:8080", "127.0.0.1:" + port), Duration.ofMinutes(5), env);
    }

    private static ReadmeCommands readme() {
        return ReadmeCommands.of(checkout.resolve("README.md"));
    }

    /** The sources as a fresh clone has them: no build output, no node's data. */
    private static Path copySources(Path from, Path to) {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.filter(f -> !excluded(from.relativize(f))).toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
            return to;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean excluded(Path relative) {
        for (Path part : relative) {
            String name = part.toString();
            if (NOT_SOURCES.contains(name) || name.startsWith("vfn-data")) {
                return true;
            }
        }
        return false;
    }
}
