package io.vfn.runtime;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

/**
 * One function jar's class loader: the jar's own classes and its {@code lib/*.jar} first, so two functions (or two
 * versions of one) can carry different versions of a library, also of one the platform uses itself; the platform's
 * API always from the platform, so that requests, responses, futures and JSON values are the same types on both
 * sides: the JDK, the SDK, Vert.x, Netty and Jackson's core, databind and annotations (Jackson's modules and
 * formats are the function's own). What the function does not carry it finds in the platform. Closed on undeploy,
 * with its copied libraries.
 */
public final class FunctionClassLoader extends URLClassLoader {

    /** Packages always loaded from the platform: the API a function shares with it. The README lists them too. */
    static final List<String> PLATFORM_PACKAGES = List.of(
            "java.",
            "javax.",
            "jdk.",
            "sun.",
            "io.vfn.sdk.",
            "io.vertx.",
            "io.netty.",
            "com.fasterxml.jackson.core.",
            "com.fasterxml.jackson.databind.",
            "com.fasterxml.jackson.annotation.");

    private final FunctionLibraries libraries;

    static {
        registerAsParallelCapable();
    }

    /**
     * @param name a name for diagnostics, e.g. {@code echo@1a2b3c}
     * @param jar  the function's jar
     */
    public FunctionClassLoader(String name, Path jar) {
        this(name, FunctionLibraries.extract(jar));
    }

    private FunctionClassLoader(String name, FunctionLibraries libraries) {
        super(name, libraries.urls().toArray(URL[]::new), FunctionClassLoader.class.getClassLoader());
        this.libraries = libraries;
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (fromPlatform(name)) {
            return super.loadClass(name, resolve);
        }
        synchronized (getClassLoadingLock(name)) {
            Class<?> loaded = findLoadedClass(name);
            if (loaded == null) {
                try {
                    loaded = findClass(name);
                } catch (ClassNotFoundException e) {
                    loaded = getParent().loadClass(name);
                }
            }
            if (resolve) {
                resolveClass(loaded);
            }
            return loaded;
        }
    }

    @Override
    public URL getResource(String name) {
        URL own = findResource(name);
        return own != null ? own : super.getResource(name);
    }

    /** The jar's and its libraries' resources before the platform's, as for classes (service files included). */
    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
        List<URL> all = Collections.list(findResources(name));
        all.addAll(Collections.list(getParent().getResources(name)));
        return Collections.enumeration(all);
    }

    private static boolean fromPlatform(String className) {
        for (String prefix : PLATFORM_PACKAGES) {
            if (className.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void close() throws IOException {
        try {
            super.close();
        } finally {
            libraries.delete();
        }
    }
}
