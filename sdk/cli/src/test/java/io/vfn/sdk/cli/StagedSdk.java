package io.vfn.sdk.cli;

import io.vfn.sdk.VfnFunction;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * Makes this build's function SDK resolvable for a generated project's Maven build, even where {@code mvn verify}
 * ran without {@code install}: the SDK's jar and poms go into a file repository that {@link FreshMaven} names.
 */
final class StagedSdk {

    private StagedSdk() {}

    /**
     * @param home    the vfn repository
     * @param version the project's version
     * @param work    a scratch directory
     * @return the file repository holding this build's SDK
     */
    static Path repository(Path home, String version, Path work) {
        Path repo = work.resolve("staged-repo");
        Path group = repo.resolve("io/vfn");
        try {
            copy(home.resolve("pom.xml"), group.resolve("vfn-parent/" + version + "/vfn-parent-" + version + ".pom"));
            copy(
                    home.resolve("sdk/pom.xml"),
                    group.resolve("vfn-sdk-parent/" + version + "/vfn-sdk-parent-" + version + ".pom"));
            copy(
                    home.resolve("sdk/function/pom.xml"),
                    group.resolve("vfn-sdk/" + version + "/vfn-sdk-" + version + ".pom"));
            sdkJar(group.resolve("vfn-sdk/" + version + "/vfn-sdk-" + version + ".jar"));
            return repo;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        Files.createDirectories(to.getParent());
        Files.copy(from, to);
    }

    /** The SDK on this test's class path: the reactor's jar, or its classes directory packed as one. */
    private static void sdkJar(Path to) throws IOException {
        Path source;
        try {
            source = Path.of(VfnFunction.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        if (Files.isRegularFile(source)) {
            copy(source, to);
            return;
        }
        Files.createDirectories(to.getParent());
        try (OutputStream file = Files.newOutputStream(to);
                JarOutputStream jar = new JarOutputStream(file);
                Stream<Path> files = Files.walk(source)) {
            for (Path path : files.filter(Files::isRegularFile).sorted().toList()) {
                jar.putNextEntry(new JarEntry(source.relativize(path).toString().replace('\\', '/')));
                jar.write(Files.readAllBytes(path));
                jar.closeEntry();
            }
        }
    }
}
