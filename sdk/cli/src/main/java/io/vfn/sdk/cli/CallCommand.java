package io.vfn.sdk.cli;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vfn.sdk.client.CallInfo;
import io.vfn.sdk.client.InvokeResponse;
import io.vfn.sdk.client.VfnClient;
import io.vfn.sdk.client.VfnClientException;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code vfn call ID}: an async call's record; {@code --result} its answer, {@code --watch} waits for its end. */
@Command(name = "call", description = "Show an async call; --result prints its answer, --watch waits for its end.")
final class CallCommand extends ClientCommand {

    @Parameters(index = "0", paramLabel = "ID", description = "The call's id.")
    String callId;

    @Option(names = "--result", description = "Print the function's answer (body to stdout) instead of the record.")
    boolean result;

    @Option(names = "--watch", description = "Wait until the call ended (pushed over a WebSocket).")
    boolean watch;

    @Option(
            names = "--logs",
            description = "Also print the call's own log lines (its newest 100, kept with its record).")
    boolean logs;

    @Override
    int execute(VfnClient client) {
        if (watch) {
            try (Progress progress = Progress.start(terminal(), "waiting for call " + callId)) {
                client.subscribe(callId).await();
            } catch (VfnClientException ended) {
                if (ended.unreachable() || ended.status() == 404) {
                    throw ended;
                }
                // the call ended without an answer: its record below says how
            }
        }
        if (result) {
            Optional<InvokeResponse> answer = client.callResult(callId).await();
            if (answer.isEmpty()) {
                terminal()
                        .err()
                        .println("vfn: call " + callId + " has not ended yet (vfn call " + callId
                                + " --result --watch waits)");
                return ExitCodes.ERROR_ANSWER;
            }
            return Responses.print(root, answer.get());
        }
        CallInfo call = client.call(callId).await();
        List<JsonObject> lines = logs ? client.callLogs(callId).await() : List.of();
        if (root.json()) {
            root.printJson(logs ? call.json().copy().put("logs", new JsonArray(List.copyOf(lines))) : call.json());
        } else {
            Calls.describe(call, terminal().out(), logs);
            if (logs) {
                terminal().out().println("logs:");
                lines.forEach(line -> terminal()
                        .out()
                        .println("  " + line.getString("time") + " " + line.getString("level") + " "
                                + line.getString("message")));
            }
        }
        return "failed".equals(call.status()) || "expired".equals(call.status())
                ? ExitCodes.ERROR_ANSWER
                : ExitCodes.OK;
    }
}
