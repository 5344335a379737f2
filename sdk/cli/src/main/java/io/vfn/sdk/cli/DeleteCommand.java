package io.vfn.sdk.cli;

import io.vertx.core.json.JsonObject;
import io.vfn.sdk.client.VfnClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code vfn delete NAME}: undeploys a function on every node once its in-flight calls finished. */
@Command(name = "delete", description = "Delete a function (after its in-flight calls finish).")
final class DeleteCommand extends ClientCommand {

    @Parameters(index = "0", paramLabel = "NAME", description = "The function's name.")
    String name;

    @Override
    int execute(VfnClient client) {
        client.delete(name).await();
        if (root.json()) {
            root.printJson(new JsonObject().put("name", name).put("deleted", true));
        } else {
            terminal().out().println("deleted " + name);
        }
        return ExitCodes.OK;
    }
}
