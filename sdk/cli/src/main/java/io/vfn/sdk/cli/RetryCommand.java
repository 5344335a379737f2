package io.vfn.sdk.cli;

import io.vfn.sdk.client.CallInfo;
import io.vfn.sdk.client.VfnClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code vfn retry ID}: runs a failed or expired call again. */
@Command(name = "retry", description = "Run a failed or expired async call again.")
final class RetryCommand extends ClientCommand {

    @Parameters(index = "0", paramLabel = "ID", description = "The call's id.")
    String callId;

    @Override
    int execute(VfnClient client) {
        CallInfo call = client.retry(callId).await();
        if (root.json()) {
            root.printJson(call.json());
        } else {
            terminal().out().println("call " + call.callId() + " is " + call.status() + " again");
        }
        return ExitCodes.OK;
    }
}
