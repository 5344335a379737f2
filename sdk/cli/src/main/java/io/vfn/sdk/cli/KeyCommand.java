package io.vfn.sdk.cli;

import io.vertx.core.json.JsonArray;
import io.vfn.sdk.client.KeyInfo;
import io.vfn.sdk.client.VfnClient;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code vfn key create|list|revoke}: the invoke keys of a function deployed with {@code --auth key}. */
@Command(
        name = "key",
        description = "Create, list and revoke the invoke keys of a function deployed with --auth key.",
        subcommands = {KeyCommand.Create.class, KeyCommand.Listing.class, KeyCommand.Revoke.class})
final class KeyCommand extends CommandGroup {

    /** {@code vfn key create NAME}: prints the key, the only time it is shown. */
    @Command(name = "create", description = "Make an invoke key for function NAME and print it (shown this once).")
    static final class Create extends ClientCommand {

        @Parameters(index = "0", paramLabel = "NAME", description = "The function.")
        String name;

        @Override
        int execute(VfnClient client) {
            KeyInfo key = client.createKey(name).await();
            if (root.json()) {
                root.printJson(key.json());
            } else {
                terminal().out().println(key.key().orElse(""));
                terminal()
                        .err()
                        .println("key " + key.id() + " of " + name
                                + ": keep it now, it is not shown again (callers pass it with --key or $VFN_KEY)");
            }
            return ExitCodes.OK;
        }
    }

    /** {@code vfn key list NAME}. */
    @Command(name = "list", description = "List the keys of function NAME: ids, prefixes, creation times.")
    static final class Listing extends ClientCommand {

        @Parameters(index = "0", paramLabel = "NAME", description = "The function.")
        String name;

        @Override
        int execute(VfnClient client) {
            List<KeyInfo> keys = client.keys(name).await();
            if (root.json()) {
                root.printJson(new JsonArray(keys.stream().map(KeyInfo::json).toList()));
                return ExitCodes.OK;
            }
            Table table = Table.of("ID", "PREFIX", "CREATED");
            keys.forEach(key -> table.row(key.id(), key.prefix(), key.created()));
            table.print(terminal().out());
            return ExitCodes.OK;
        }
    }

    /** {@code vfn key revoke NAME ID}. */
    @Command(name = "revoke", description = "Revoke key ID of function NAME on every node.")
    static final class Revoke extends ClientCommand {

        @Parameters(index = "0", paramLabel = "NAME", description = "The function.")
        String name;

        @Parameters(index = "1", paramLabel = "ID", description = "The key's id (see vfn key list).")
        String id;

        @Override
        int execute(VfnClient client) {
            client.revokeKey(name, id).await();
            terminal().out().println("revoked key " + id + " of " + name);
            return ExitCodes.OK;
        }
    }
}
