package io.vfn.sdk.cli;

import io.vfn.sdk.client.Routing;
import io.vfn.sdk.client.VfnClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code vfn alias set|delete}: named routes to one revision, invoked as {@code NAME@ALIAS}. */
@Command(
        name = "alias",
        description = "Point an alias at a revision (invoke it as NAME@ALIAS), or remove one.",
        subcommands = {AliasCommand.Set.class, AliasCommand.Delete.class})
final class AliasCommand extends CommandGroup {

    /** {@code vfn alias set NAME ALIAS REV}. */
    @Command(name = "set", description = "Point ALIAS of function NAME at revision REV.")
    static final class Set extends ClientCommand {

        @Parameters(index = "0", paramLabel = "NAME", description = "The function.")
        String name;

        @Parameters(index = "1", paramLabel = "ALIAS", description = "The alias, e.g. stable or canary.")
        String alias;

        @Parameters(index = "2", paramLabel = "REV", description = "A kept revision (see vfn revisions).")
        int revision;

        @Override
        int execute(VfnClient client) {
            Routing routing = client.alias(name, alias, revision).await();
            if (root.json()) {
                root.printJson(routing.json());
            } else {
                terminal().out().println(name + "@" + alias + " runs revision " + revision);
            }
            return ExitCodes.OK;
        }
    }

    /** {@code vfn alias delete NAME ALIAS}. */
    @Command(name = "delete", description = "Remove ALIAS of function NAME.")
    static final class Delete extends ClientCommand {

        @Parameters(index = "0", paramLabel = "NAME", description = "The function.")
        String name;

        @Parameters(index = "1", paramLabel = "ALIAS", description = "The alias.")
        String alias;

        @Override
        int execute(VfnClient client) {
            client.removeAlias(name, alias).await();
            terminal().out().println("removed " + name + "@" + alias);
            return ExitCodes.OK;
        }
    }
}
