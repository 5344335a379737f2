package io.vfn.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * Builds real function jars from compiled test classes: the classes' bytes plus a
 * {@code META-INF/services/io.vfn.sdk.VfnFunction} naming the functions. The platform loads them through their
 * own class loaders like any uploaded jar.
 */
public final class TestJars {

    private static final long FIXED_TIME = 1_700_000_000_000L;

    private TestJars() {}

    /**
     * @param functions function classes, each named in the services file; nested and helper classes are not added
     * @return the jar's bytes
     */
    public static byte[] of(Class<?>... functions) {
        return build(true, List.of(), functions);
    }

    /**
     * @param libraries jars to carry as {@code lib/<file name>}
     * @param functions function classes, each named in the services file
     * @return the jar's bytes
     */
    public static byte[] withLibraries(List<Path> libraries, Class<?>... functions) {
        return build(true, libraries, functions);
    }

    /**
     * @param fileName a jar the build copied for the tests ({@code target/test-libs}), e.g. {@code gson-2.10.1.jar}
     * @return its path
     */
    public static Path testLibrary(String fileName) {
        Path library = Path.of(System.getProperty("vfn.test.libs", "target/test-libs"), fileName);
        if (!Files.isRegularFile(library)) {
            throw new IllegalArgumentException(
                    library + " is missing: the build copies it (platform/pom.xml, test-libs)");
        }
        return library;
    }

    /**
     * @param classes classes to put in the jar, named nowhere
     * @return a jar with classes but no services file
     */
    public static byte[] withoutServices(Class<?>... classes) {
        return build(false, List.of(), classes);
    }

    private static byte[] build(boolean services, List<Path> libraries, Class<?>... classes) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().putValue("Manifest-Version", "1.0");
        try (JarOutputStream jar = new JarOutputStream(bytes)) {
            // Every entry with one fixed time: the same classes make the same jar, so the same hash, at any moment.
            JarEntry manifestEntry = entry("META-INF/MANIFEST.MF");
            jar.putNextEntry(manifestEntry);
            manifest.write(jar);
            jar.closeEntry();
            StringBuilder names = new StringBuilder();
            for (Class<?> type : classes) {
                String entry = type.getName().replace('.', '/') + ".class";
                jar.putNextEntry(entry(entry));
                try (InputStream in = type.getClassLoader().getResourceAsStream(entry)) {
                    jar.write(in.readAllBytes());
                }
                jar.closeEntry();
                names.append(type.getName()).append('\n');
            }
            for (Path library : libraries) {
                jar.putNextEntry(entry("lib/" + library.getFileName()));
                jar.write(Files.readAllBytes(library));
                jar.closeEntry();
            }
            if (services) {
                jar.putNextEntry(entry("META-INF/services/io.vfn.sdk.VfnFunction"));
                jar.write(names.toString().getBytes(StandardCharsets.UTF_8));
                jar.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static JarEntry entry(String name) {
        JarEntry entry = new JarEntry(name);
        entry.setTime(FIXED_TIME);
        return entry;
    }
}
