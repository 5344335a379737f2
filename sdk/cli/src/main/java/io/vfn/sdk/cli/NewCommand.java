package io.vfn.sdk.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code vfn new NAME}: writes a function project (pom, class, service file, unit test) from which
 * {@code mvn package} builds a deployable {@code target/NAME.jar}.
 */
@Command(name = "new", description = "Write a ready-to-build function project into ./NAME.")
final class NewCommand implements Callable<Integer> {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,62}");
    private static final Pattern PACKAGE = Pattern.compile("[a-z_][a-z0-9_]*(\\.[a-z_][a-z0-9_]*)*");

    @Parameters(index = "0", paramLabel = "NAME", description = "The function's name: [a-z][a-z0-9-]*.")
    String name;

    @Option(
            names = "--dir",
            paramLabel = "DIR",
            description = "Where to create the project's directory (default: here).")
    Path dir = Path.of("");

    @Option(names = "--package", paramLabel = "PACKAGE", description = "The Java package (default com.example.NAME).")
    String packageName;

    @ParentCommand
    VfnCommand root;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (!NAME.matcher(name).matches()) {
            throw new ParameterException(
                    spec.commandLine(), "a function name is [a-z][a-z0-9-]{0,62}, was '" + name + "'");
        }
        String pkg = packageName == null ? "com.example." + name.replace("-", "") : packageName;
        if (!PACKAGE.matcher(pkg).matches()) {
            throw new ParameterException(spec.commandLine(), "'" + pkg + "' is not a Java package name");
        }
        Path project = dir.resolve(name).toAbsolutePath().normalize();
        if (Files.exists(project)) {
            root.terminal().err().println("vfn: " + project + " already exists");
            return ExitCodes.ERROR_ANSWER;
        }
        String className = className(name);
        Map<String, String> values = Map.of(
                "@NAME@",
                name,
                "@PACKAGE@",
                pkg,
                "@CLASS@",
                className,
                "@GROUP@",
                pkg.contains(".") ? pkg.substring(0, pkg.lastIndexOf('.')) : pkg,
                "@VFN_VERSION@",
                VfnCommand.Version.current());
        Path sources = Path.of(pkg.replace('.', '/'));
        write(project.resolve("pom.xml"), "pom.xml", values);
        write(
                project.resolve("src/main/java").resolve(sources).resolve(className + ".java"),
                "Function.java.txt",
                values);
        write(
                project.resolve("src/test/java").resolve(sources).resolve(className + "Test.java"),
                "FunctionTest.java.txt",
                values);
        Path services = project.resolve("src/main/resources/META-INF/services/io.vfn.sdk.VfnFunction");
        Files.createDirectories(services.getParent());
        Files.writeString(services, pkg + "." + className + "\n");
        root.terminal().out().println("created " + project);
        root.terminal()
                .out()
                .println("  cd " + name + " && mvn -q package && vfn deploy " + name + " target/" + name + ".jar");
        return ExitCodes.OK;
    }

    private static String className(String name) {
        StringBuilder out = new StringBuilder();
        for (String part : name.split("-")) {
            if (!part.isEmpty()) {
                out.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
            }
        }
        return Character.isDigit(out.charAt(0)) ? "F" + out : out.toString();
    }

    private static void write(Path target, String template, Map<String, String> values) throws IOException {
        String text;
        try (InputStream in = NewCommand.class.getResourceAsStream("template/" + template)) {
            if (in == null) {
                throw new IllegalStateException("the CLI was built without its template " + template);
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        for (Map.Entry<String, String> value : values.entrySet()) {
            text = text.replace(value.getKey(), value.getValue());
        }
        Files.createDirectories(target.getParent());
        Files.writeString(target, text);
    }
}
