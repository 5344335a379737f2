package io.vfn.sdk.cli;

import io.vertx.core.json.JsonObject;
import io.vfn.sdk.client.VfnClient;
import java.util.Map;
import picocli.CommandLine.Command;

/** {@code vfn info}: the platform's version, the answering node and the cluster's size. */
@Command(name = "info", description = "Show the platform's version, node id and cluster size.")
final class InfoCommand extends ClientCommand {

    @Override
    int execute(VfnClient client) {
        JsonObject info = client.info().await();
        if (root.json()) {
            root.printJson(info);
            return ExitCodes.OK;
        }
        for (Map.Entry<String, Object> field : info) {
            terminal().out().println(field.getKey() + ": " + field.getValue());
        }
        terminal().out().println("gateway: " + root.gatewayShown());
        return ExitCodes.OK;
    }
}
