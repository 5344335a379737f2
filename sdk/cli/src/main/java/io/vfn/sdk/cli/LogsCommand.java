package io.vfn.sdk.cli;

import io.vertx.core.json.JsonObject;
import io.vfn.sdk.client.VfnClient;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code vfn logs NAME [--follow] [--since 5m]}: a function's log lines from every node. */
@Command(
        name = "logs",
        description = "Print a function's recent log lines from every node; --follow keeps printing new ones.")
final class LogsCommand extends ClientCommand {

    @Parameters(index = "0", paramLabel = "NAME", description = "The function.")
    String name;

    @Option(
            names = "--since",
            paramLabel = "DURATION",
            converter = DurationConverter.class,
            description = "How far back (default: every line the nodes keep), e.g. 5m, 1h.")
    Duration since = Duration.ofDays(3650);

    @Option(
            names = {"-f", "--follow"},
            description = "Keep printing lines as they are logged, until interrupted.")
    boolean follow;

    @Override
    int execute(VfnClient client) {
        PrintStream out = terminal().out();
        if (follow) {
            client.followLogs(name, since, line -> print(out, line)).await();
            return ExitCodes.OK;
        }
        List<JsonObject> lines = client.logs(name, since).await();
        lines.forEach(line -> print(out, line));
        return ExitCodes.OK;
    }

    private void print(PrintStream out, JsonObject line) {
        if (root.json()) {
            out.println(line.encode());
            return;
        }
        String node = line.getString("node", "");
        String callId = line.getString("callId", "");
        out.println(line.getString("time") + " " + node.substring(0, Math.min(8, node.length())) + " "
                + (callId.isEmpty() ? "-" : callId) + " " + line.getString("level") + " " + line.getString("message"));
        out.flush();
    }
}
