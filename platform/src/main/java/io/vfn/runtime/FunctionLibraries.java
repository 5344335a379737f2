package io.vfn.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.List;
import java.util.Optional;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The class path of one function jar: the jar itself, then the libraries it carries as {@code lib/*.jar} (as other
 * FaaS packages do), copied out into a directory of their own because a class loader cannot read a jar inside a jar.
 * The directory goes with the class loader that uses it.
 *
 * @param urls      the jar first, then its libraries in name order
 * @param extracted where the libraries were copied, if the jar has any
 */
record FunctionLibraries(List<URL> urls, Optional<Path> extracted) {

    /** Where a function jar keeps its libraries. */
    static final String LIB = "lib/";

    /**
     * @param jar a function jar
     * @return its class path, libraries copied out
     */
    static FunctionLibraries extract(Path jar) {
        List<URL> urls = new ArrayList<>(List.of(toUrl(jar)));
        Path dir = null;
        try (JarFile file = new JarFile(jar.toFile())) {
            List<JarEntry> libraries = new ArrayList<>();
            for (Enumeration<JarEntry> entries = file.entries(); entries.hasMoreElements(); ) {
                JarEntry entry = entries.nextElement();
                if (isLibrary(entry)) {
                    libraries.add(entry);
                }
            }
            libraries.sort(Comparator.comparing(JarEntry::getName));
            for (JarEntry library : libraries) {
                if (dir == null) {
                    dir = Files.createTempDirectory("vfn-lib-");
                }
                // Only the file name: an entry such as lib/../../x.jar never leaves the directory.
                Path target =
                        dir.resolve(Path.of(library.getName()).getFileName().toString());
                try (InputStream in = file.getInputStream(library)) {
                    Files.copy(in, target);
                }
                urls.add(toUrl(target));
            }
            return new FunctionLibraries(List.copyOf(urls), Optional.ofNullable(dir));
        } catch (IOException e) {
            new FunctionLibraries(urls, Optional.ofNullable(dir)).delete();
            throw new UncheckedIOException("cannot read the libraries of " + jar.getFileName(), e);
        }
    }

    /** Removes the copied libraries. */
    void delete() {
        if (extracted.isEmpty()) {
            return;
        }
        try (Stream<Path> files = Files.walk(extracted.get())) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean isLibrary(JarEntry entry) {
        String name = entry.getName();
        return !entry.isDirectory()
                && name.startsWith(LIB)
                && name.endsWith(".jar")
                && name.indexOf('/', LIB.length()) < 0;
    }

    private static URL toUrl(Path jar) {
        try {
            return jar.toUri().toURL();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("not a jar path: " + jar, e);
        }
    }
}
