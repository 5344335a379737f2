package io.vfn.sdk.cli;

import io.vertx.core.json.JsonArray;
import io.vfn.sdk.client.CallFilter;
import io.vfn.sdk.client.CallInfo;
import io.vfn.sdk.client.VfnClient;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code vfn calls}: async calls, newest first; {@code --status failed} is the dead-letter view. */
@Command(name = "calls", description = "List async calls, newest first (--status failed: the dead letters).")
final class CallsCommand extends ClientCommand {

    @Option(names = "--function", paramLabel = "NAME", description = "Only this function's calls.")
    String function;

    @Option(
            names = "--status",
            paramLabel = "STATUS",
            description = "Only calls in this state: queued, running, succeeded, failed, cancelled, expired.")
    String status;

    @Option(names = "--limit", paramLabel = "N", description = "The most calls to list (default 100).")
    int limit = 100;

    @Override
    int execute(VfnClient client) {
        CallFilter filter = CallFilter.all().limit(limit);
        if (function != null) {
            filter.function(function);
        }
        if (status != null) {
            filter.status(status);
        }
        List<CallInfo> calls = client.calls(filter).await();
        if (root.json()) {
            root.printJson(new JsonArray(calls.stream().map(CallInfo::json).toList()));
            return ExitCodes.OK;
        }
        Table table = Table.of("CALL", "FUNCTION", "STATUS", "ATTEMPTS", "UPDATED", "ERROR");
        for (CallInfo call : calls) {
            table.row(
                    call.callId(),
                    call.function(),
                    call.status(),
                    call.attempts(),
                    Calls.updated(call),
                    call.error().orElse(""));
        }
        table.print(terminal().out());
        return ExitCodes.OK;
    }
}
