package io.vfn.sdk.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.vfn.sdk.client.testing.LocalNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole path of a function author: {@code vfn new} → {@code mvn package} of the new project (a real Maven,
 * with a local repository of its own) → {@code vfn deploy} → {@code vfn invoke}, sync and async → {@code vfn delete}.
 */
class NewProjectTest {

    private static LocalNode node;
    private static Cli cli;

    @BeforeAll
    static void start() {
        node = LocalNode.start();
        cli = new Cli(node.gateway(), LocalNode.TOKEN);
    }

    @AfterAll
    static void stop() {
        if (node != null) {
            node.close();
        }
    }

    @Test
    void newProject_withALibrary_buildsAJarCarryingItButNotThePlatform_deploysAndAnswersSyncAndAsync(@TempDir Path dir)
            throws Exception {
        Cli.Run created = cli.vfn("new", "greet", "--dir", dir.toString());
        assertThat(created.code()).as(created.stderr()).isZero();
        Path project = dir.resolve("greet");
        assertThat(project.resolve("src/main/resources/META-INF/services/io.vfn.sdk.VfnFunction"))
                .hasContent("com.example.greet.Greet");
        addDependency(project.resolve("pom.xml"), "com.google.code.gson", "gson", "2.13.2");

        mavenPackage(project, dir);
        Path jar = project.resolve("target/greet.jar");
        assertThat(jar).isRegularFile();
        assertThat(entries(jar))
                .contains("lib/gson-2.13.2.jar", "com/example/greet/Greet.class")
                .noneMatch(name -> name.startsWith("lib/vfn-")
                        || name.startsWith("lib/vertx-")
                        || name.startsWith("lib/netty-")
                        || name.startsWith("lib/jackson-")
                        || name.startsWith("io/vertx/"));

        assertThat(cli.vfn("deploy", "greet", jar.toString()).code()).isZero();
        Cli.Run sync = cli.vfn("invoke", "greet", "--data", "Ada");
        Cli.Run asyncWait = cli.vfn("invoke", "greet", "--data", "Ada", "--async", "--wait");
        String callId =
                cli.vfn("invoke", "greet", "--data", "Ada", "--async").out().trim();
        Cli.Run result = cli.vfn("call", callId, "--result", "--watch");

        assertThat(sync.code()).isZero();
        assertThat(sync.out()).isEqualTo("Hello, Ada!");
        assertThat(asyncWait.code()).as(asyncWait.stderr()).isZero();
        assertThat(asyncWait.out()).isEqualTo(sync.out());
        assertThat(result.code()).as(result.stderr()).isZero();
        assertThat(result.out()).isEqualTo(sync.out());
        assertThat(cli.vfn("call", callId).out()).contains("status: succeeded");

        assertThat(cli.vfn("delete", "greet").code()).isZero();
        Cli.Run gone = cli.vfn("invoke", "greet", "--data", "Ada");
        assertThat(gone.code()).isEqualTo(ExitCodes.ERROR_ANSWER);
        assertThat(gone.stderr()).contains("Function not found");
    }

    @Test
    void newProject_refusesAnExistingDirectory(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("taken"));

        Cli.Run run = cli.vfn("new", "taken", "--dir", dir.toString());

        assertThat(run.code()).isEqualTo(ExitCodes.ERROR_ANSWER);
        assertThat(run.stderr()).contains("already exists");
    }

    private static void addDependency(Path pom, String group, String artifact, String version) throws IOException {
        String dependency =
                "<dependency><groupId>%s</groupId><artifactId>%s</artifactId><version>%s</version></dependency>"
                        .formatted(group, artifact, version);
        Files.writeString(
                pom, Files.readString(pom).replaceFirst("</dependencies>", dependency + "\n  </dependencies>"));
    }

    private static List<String> entries(Path jar) throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            return file.stream().map(JarEntry::getName).toList();
        }
    }

    private static void mavenPackage(Path project, Path work) {
        Path staged = StagedSdk.repository(Path.of(System.getProperty("vfn.home")), VfnCommand.Version.current(), work);
        try (FreshMaven maven = FreshMaven.create(work, staged)) {
            FreshMaven.Result built = maven.shell(project, "mvn -B -q package", Duration.ofMinutes(5), Map.of());

            assertThat(built.code()).as(built.output()).isZero();
        }
    }
}
