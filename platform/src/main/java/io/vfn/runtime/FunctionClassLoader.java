package io.vfn.runtime;

import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;

/**
 * One function jar's class loader: the jar's own classes first, so two functions (or two versions of one) can
 * carry different versions of a library; the platform's API (the SDK, Vert.x, Netty, Jackson) always from the
 * platform, so that requests, responses and futures are the same types on both sides. Closed on undeploy.
 */
public final class FunctionClassLoader extends URLClassLoader {

    private static final String[] PLATFORM_PACKAGES = {
        "java.", "javax.", "jdk.", "sun.", "io.vfn.sdk.", "io.vertx.", "io.netty.", "com.fasterxml.jackson.",
    };

    static {
        registerAsParallelCapable();
    }

    /**
     * @param name a name for diagnostics, e.g. {@code echo@1a2b3c}
     * @param jar  the function's jar
     */
    public FunctionClassLoader(String name, Path jar) {
        super(name, new URL[] {toUrl(jar)}, FunctionClassLoader.class.getClassLoader());
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

    private static boolean fromPlatform(String className) {
        for (String prefix : PLATFORM_PACKAGES) {
            if (className.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    private static URL toUrl(Path jar) {
        try {
            return jar.toUri().toURL();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("not a jar path: " + jar, e);
        }
    }
}
