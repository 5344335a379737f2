package io.vfn.sdk.cli;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Where the vfn repository is: {@code -Dvfn.home} (set by {@code bin/vfn}), else three levels above the CLI's jar. */
final class Home {

    /** The platform's fat jar, relative to the repository. */
    static final Path PLATFORM_JAR = Path.of("platform", "target", "vfn.jar");

    private Home() {}

    /** @return the repository's root, when it can be found */
    static Optional<Path> find() {
        String property = System.getProperty("vfn.home");
        if (property != null && !property.isBlank()) {
            return Optional.of(Path.of(property).toAbsolutePath().normalize());
        }
        try {
            Path jar = Path.of(Home.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
            // <repo>/sdk/cli/target/vfn-cli.jar
            Path candidate = jar.getParent().getParent().getParent().getParent();
            return Files.isDirectory(candidate.resolve("platform")) ? Optional.of(candidate) : Optional.empty();
        } catch (URISyntaxException | NullPointerException | SecurityException e) {
            return Optional.empty();
        }
    }
}
