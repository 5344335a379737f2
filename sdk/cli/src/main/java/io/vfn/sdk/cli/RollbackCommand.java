package io.vfn.sdk.cli;

import io.vfn.sdk.client.FunctionInfo;
import io.vfn.sdk.client.VfnClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code vfn rollback NAME [REV]}: puts a kept revision back in force, zero-downtime like an update. */
@Command(
        name = "rollback",
        description = "Put a kept revision back in force (default: the newest one older than the revision in force).")
final class RollbackCommand extends ClientCommand {

    @Parameters(index = "0", paramLabel = "NAME", description = "The function.")
    String name;

    @Parameters(index = "1", arity = "0..1", paramLabel = "REV", description = "The revision (see vfn revisions).")
    Integer revision;

    @Override
    int execute(VfnClient client) {
        FunctionInfo function;
        try (Progress progress = Progress.start(terminal(), "rolling back " + name)) {
            function = revision == null
                    ? client.rollback(name).await()
                    : client.rollback(name, revision).await();
        }
        if (root.json()) {
            root.printJson(function.json());
        } else {
            terminal()
                    .out()
                    .println("rolled back " + name + " to revision "
                            + function.json().getValue("revision") + " (version "
                            + Describing.shortVersion(function.version()) + ")");
        }
        return ExitCodes.OK;
    }
}
