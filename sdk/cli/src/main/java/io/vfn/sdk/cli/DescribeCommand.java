package io.vfn.sdk.cli;

import io.vertx.core.json.JsonObject;
import io.vfn.sdk.client.FunctionInfo;
import io.vfn.sdk.client.Routing;
import io.vfn.sdk.client.VfnClient;
import java.io.PrintStream;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code vfn describe NAME}: one function's spec, version and per-node state. */
@Command(name = "describe", description = "Show a function: spec, version, instances per node.")
final class DescribeCommand extends ClientCommand {

    @Parameters(index = "0", paramLabel = "NAME", description = "The function's name.")
    String name;

    @Override
    int execute(VfnClient client) {
        FunctionInfo function = client.describe(name).await();
        if (root.json()) {
            root.printJson(function.json());
            return ExitCodes.OK;
        }
        PrintStream out = terminal().out();
        out.println("name:     " + function.name());
        out.println("version:  " + function.version());
        Routing routing = new Routing(function.json());
        out.println("revision: " + routing.revision() + " (in force)");
        out.println("traffic:  " + Describing.split(routing.traffic()));
        out.println("aliases:  " + Describing.aliases(routing.aliases()));
        out.println("jar size: " + function.json().getValue("jarSize") + " bytes");
        out.println("ready:    " + Describing.readiness(function));
        out.println("spec:");
        for (Map.Entry<String, Object> field : function.spec()) {
            out.println("  " + field.getKey() + ": " + field.getValue());
        }
        out.println("nodes:");
        Table table = Table.of("  NODE", "READY", "INSTANCES", "INFLIGHT", "QUEUED");
        for (Object entry : function.nodes()) {
            JsonObject node = (JsonObject) entry;
            table.row(
                    "  " + node.getString("nodeId", "?"),
                    node.getBoolean("ready", false),
                    node.getValue("instances", "-"),
                    node.getValue("inflight", "-"),
                    node.getValue("queued", "-"));
        }
        table.print(out);
        return ExitCodes.OK;
    }
}
