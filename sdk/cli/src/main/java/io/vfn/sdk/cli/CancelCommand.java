package io.vfn.sdk.cli;

import io.vfn.sdk.client.CallInfo;
import io.vfn.sdk.client.VfnClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code vfn cancel ID}: cancels a queued call (a running or ended one answers 409). */
@Command(name = "cancel", description = "Cancel a queued async call.")
final class CancelCommand extends ClientCommand {

    @Parameters(index = "0", paramLabel = "ID", description = "The call's id.")
    String callId;

    @Override
    int execute(VfnClient client) {
        CallInfo call = client.cancel(callId).await();
        if (root.json()) {
            root.printJson(call.json());
        } else {
            terminal().out().println("call " + call.callId() + " is " + call.status());
        }
        return ExitCodes.OK;
    }
}
