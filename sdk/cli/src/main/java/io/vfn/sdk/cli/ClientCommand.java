package io.vfn.sdk.cli;

import io.vfn.sdk.client.VfnClient;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A subcommand that talks to the gateway: it gets a client for the run and answers an exit code. It may sit right
 * under {@code vfn} or one level deeper ({@code vfn secret create}): the shared options live on the root.
 */
abstract class ClientCommand implements Callable<Integer> {

    @Spec
    CommandSpec self;

    /** The root command with the shared options; set when the command runs. */
    VfnCommand root;

    @Override
    public final Integer call() {
        root = (VfnCommand) self.root().userObject();
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
