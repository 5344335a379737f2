package io.vfn.sdk.cli;

import io.vertx.core.json.JsonArray;
import io.vfn.sdk.client.FunctionInfo;
import io.vfn.sdk.client.VfnClient;
import java.util.List;
import picocli.CommandLine.Command;

/** {@code vfn list}: the deployed functions. */
@Command(name = "list", description = "List the deployed functions.")
final class ListCommand extends ClientCommand {

    @Override
    int execute(VfnClient client) {
        List<FunctionInfo> functions = client.list().await();
        if (root.json()) {
            root.printJson(
                    new JsonArray(functions.stream().map(FunctionInfo::json).toList()));
            return ExitCodes.OK;
        }
        Table table = Table.of("NAME", "VERSION", "REVISION", "INSTANCES", "CONCURRENCY", "TIMEOUT", "READY");
        for (FunctionInfo function : functions) {
            table.row(
                    function.name(),
                    Describing.shortVersion(function.version()),
                    function.json().getValue("revision", "-"),
                    function.spec().getValue("instances"),
                    function.spec().getValue("concurrency"),
                    function.spec().getValue("timeout"),
                    Describing.readiness(function));
        }
        table.print(terminal().out());
        return ExitCodes.OK;
    }
}
