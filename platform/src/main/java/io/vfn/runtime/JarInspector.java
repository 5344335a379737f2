package io.vfn.runtime;

import io.vfn.Failure;
import io.vfn.VfnException;
import io.vfn.catalog.FunctionSpec;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.zip.ZipException;

/**
 * Finds the function a jar contributes: the spec's {@code handler}, else the one class its
 * {@code META-INF/services/io.vfn.sdk.VfnFunction} names. Loads it through the jar's own class loader to check
 * that it is a function with a public no-argument constructor. Blocking.
 */
public final class JarInspector {

    /** Where a jar names its functions. */
    public static final String SERVICES = "META-INF/services/io.vfn.sdk.VfnFunction";

    private JarInspector() {}

    /**
     * The function found in a jar.
     *
     * @param className its class
     * @param kind      its shape
     */
    public record Found(String className, FunctionKind kind) {}

    /**
     * @param jar     a file that should be a function jar
     * @param handler the spec's handler, if any
     * @return the function
     * @throws VfnException {@code 422} when the jar is unusable
     */
    public static Found inspect(Path jar, Optional<String> handler) {
        String className = className(jar, handler);
        try (FunctionClassLoader loader = new FunctionClassLoader("inspect", jar)) {
            return new Found(className, kindOf(loader, className));
        } catch (IOException e) {
            throw unusable("cannot read the jar: " + e.getMessage());
        } catch (java.io.UncheckedIOException e) {
            // Not a zip at all (found when the spec names the handler, so the jar's service file was never read).
            throw unusable("cannot read the jar: " + e.getMessage());
        }
    }

    /**
     * @param kind the function's shape
     * @param spec its spec
     * @throws io.vfn.VfnException {@code 400} when the spec asks for the event loops and the function blocks
     */
    public static void checkThreading(FunctionKind kind, FunctionSpec spec) {
        if (spec.eventLoop() && kind == FunctionKind.BLOCKING) {
            throw Failure.INVALID_SPEC.exception("eventLoop is for non-blocking functions: a BlockingFunction would "
                    + "stall the event loop's other work");
        }
    }

    /**
     * Loads a function's class and checks its shape.
     *
     * @param loader    the jar's loader
     * @param className the class
     * @return its kind
     */
    static FunctionKind kindOf(ClassLoader loader, String className) {
        Class<?> type;
        try {
            type = Class.forName(className, false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
            throw unusable("class " + className + " cannot be loaded from the jar: " + e);
        }
        FunctionKind kind = FunctionKind.of(type)
                .orElseThrow(() -> unusable(className + " is not a vfn function: implement AsyncFunction or "
                        + "BlockingFunction, or extend FunctionVerticle"));
        if (Modifier.isAbstract(type.getModifiers()) || !Modifier.isPublic(type.getModifiers())) {
            throw unusable(className + " must be a public, concrete class");
        }
        try {
            type.getConstructor();
        } catch (NoSuchMethodException e) {
            throw unusable(className + " needs a public no-argument constructor");
        }
        return kind;
    }

    /**
     * @param jar     a function jar
     * @param handler the spec's handler, if any
     * @return the handler, else the one class the jar names
     */
    static String className(Path jar, Optional<String> handler) {
        return handler.orElseGet(() -> onlyNamedFunction(jar));
    }

    private static String onlyNamedFunction(Path jar) {
        List<String> named = namedFunctions(jar);
        if (named.isEmpty()) {
            throw unusable("no function found: the jar has no " + SERVICES + " naming a class");
        }
        if (named.size() > 1) {
            throw unusable("the jar names " + named.size() + " functions " + named + ": set the spec's handler");
        }
        return named.get(0);
    }

    private static List<String> namedFunctions(Path jar) {
        try (JarFile file = new JarFile(jar.toFile())) {
            JarEntry services = file.getJarEntry(SERVICES);
            if (services == null) {
                return List.of();
            }
            try (BufferedReader reader =
                    new BufferedReader(new InputStreamReader(file.getInputStream(services), StandardCharsets.UTF_8))) {
                return reader.lines()
                        .map(l -> l.replaceFirst("#.*", "").trim())
                        .filter(l -> !l.isEmpty())
                        .toList();
            }
        } catch (ZipException e) {
            throw unusable("not a jar: " + e.getMessage());
        } catch (IOException e) {
            throw unusable("cannot read the jar: " + e.getMessage());
        }
    }

    private static VfnException unusable(String detail) {
        return Failure.JAR_UNUSABLE.exception(detail);
    }
}
