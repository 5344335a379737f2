package io.vfn.sdk.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** A command that only groups subcommands ({@code vfn secret}, {@code vfn key}, {@code vfn alias}). */
abstract class CommandGroup implements Runnable {

    @Spec
    CommandSpec spec;

    /** Run alone, it is a usage error that names its subcommands. */
    @Override
    public final void run() {
        throw new ParameterException(
                spec.commandLine(),
                "name a subcommand: " + String.join(", ", spec.subcommands().keySet()));
    }
}
