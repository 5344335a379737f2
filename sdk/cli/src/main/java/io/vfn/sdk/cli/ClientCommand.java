package io.vfn.sdk.cli;

import io.vfn.sdk.client.VfnClient;
import java.util.concurrent.Callable;
import picocli.CommandLine.ParentCommand;

/** A subcommand that talks to the gateway: it gets a client for the run and answers an exit code. */
abstract class ClientCommand implements Callable<Integer> {

    @ParentCommand
    VfnCommand root;

    @Override
    public final Integer call() {
        try (VfnClient client = root.client()) {
            return execute(client);
        }
    }

    /**
     * @param client a client of the chosen gateway
     * @return the exit code
     */
    abstract int execute(VfnClient client);

    /** @return the streams and environment */
    Terminal terminal() {
        return root.terminal();
    }
}
