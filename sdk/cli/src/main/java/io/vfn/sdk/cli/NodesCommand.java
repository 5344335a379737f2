package io.vfn.sdk.cli;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vfn.sdk.client.VfnClient;
import java.util.List;
import picocli.CommandLine.Command;

/** {@code vfn nodes}: the cluster's members with their functions and load. */
@Command(name = "nodes", description = "List the cluster's nodes with their functions and load.")
final class NodesCommand extends ClientCommand {

    @Override
    int execute(VfnClient client) {
        List<JsonObject> nodes = client.nodes().await();
        if (root.json()) {
            root.printJson(new JsonArray(List.copyOf(nodes)));
            return ExitCodes.OK;
        }
        Table table = Table.of("NODE", "ADDRESS", "PHASE", "FUNCTIONS", "INFLIGHT", "ASYNC RUNNING");
        for (JsonObject node : nodes) {
            table.row(
                    node.getString("nodeId", "?"),
                    node.getString("address", "?"),
                    node.getString("phase", "?"),
                    node.getJsonObject("functions", new JsonObject()).size(),
                    node.getValue("inflight", 0),
                    node.getValue("asyncRunning", 0));
        }
        table.print(terminal().out());
        return ExitCodes.OK;
    }
}
