package io.vfn.sdk.cli;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vfn.sdk.client.SecretInfo;
import io.vfn.sdk.client.VfnClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code vfn secret create|list|delete}: values functions read by name, never shown back. */
@Command(
        name = "secret",
        description = "Create or rotate, list and delete the secrets functions read (vfn deploy --secret NAME).",
        subcommands = {SecretCommand.Create.class, SecretCommand.Listing.class, SecretCommand.Delete.class})
final class SecretCommand extends CommandGroup {

    /** {@code vfn secret create NAME [--from-file FILE]}: the value from stdin or a file, byte for byte. */
    @Command(
            name = "create",
            description = "Set a secret's value, read from stdin or --from-file exactly as it is (printf '%%s' s3cr3t"
                    + " | vfn secret create NAME); an existing secret is rotated.")
    static final class Create extends ClientCommand {

        @Parameters(index = "0", paramLabel = "NAME", description = "The secret's name: letters, digits, . _ -")
        String name;

        @Option(names = "--from-file", paramLabel = "FILE", description = "Read the value from this file.")
        Path file;

        @Spec
        CommandSpec spec;

        @Override
        int execute(VfnClient client) {
            boolean created = client.putSecret(name, value()).await();
            if (root.json()) {
                root.printJson(new JsonObject().put("name", name).put("created", created));
            } else {
                terminal().out().println((created ? "created secret " : "rotated secret ") + name);
            }
            return ExitCodes.OK;
        }

        /** Never from the command line: arguments end up in shell histories and process lists. */
        private String value() {
            try {
                if (file != null) {
                    return Files.readString(file, StandardCharsets.UTF_8);
                }
                if (terminal().interactive()) {
                    throw new ParameterException(
                            spec.commandLine(), "give the value on stdin (a pipe) or with --from-file FILE");
                }
                return new String(terminal().in().readAllBytes(), StandardCharsets.UTF_8);
            } catch (NoSuchFileException e) {
                throw new ParameterException(spec.commandLine(), "no file " + e.getFile() + " to read the value from");
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the secret's value: " + e.getMessage(), e);
            }
        }
    }

    /** {@code vfn secret list}. */
    @Command(name = "list", description = "List the secrets: names, last change, the functions that name each.")
    static final class Listing extends ClientCommand {

        @Override
        int execute(VfnClient client) {
            List<SecretInfo> secrets = client.secrets().await();
            if (root.json()) {
                root.printJson(
                        new JsonArray(secrets.stream().map(SecretInfo::json).toList()));
                return ExitCodes.OK;
            }
            Table table = Table.of("NAME", "UPDATED", "USED BY");
            for (SecretInfo secret : secrets) {
                table.row(
                        secret.name(),
                        secret.updated(),
                        secret.usedBy().isEmpty() ? "-" : String.join(", ", secret.usedBy()));
            }
            table.print(terminal().out());
            return ExitCodes.OK;
        }
    }

    /** {@code vfn secret delete NAME}. */
    @Command(name = "delete", description = "Delete a secret (refused while a function's spec names it).")
    static final class Delete extends ClientCommand {

        @Parameters(index = "0", paramLabel = "NAME", description = "The secret's name.")
        String name;

        @Override
        int execute(VfnClient client) {
            client.deleteSecret(name).await();
            terminal().out().println("deleted secret " + name);
            return ExitCodes.OK;
        }
    }
}
