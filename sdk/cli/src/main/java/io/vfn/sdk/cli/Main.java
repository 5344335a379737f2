package io.vfn.sdk.cli;

import java.util.logging.Level;
import java.util.logging.Logger;

/** The {@code vfn} command's entry point: {@code java -jar sdk/cli/target/vfn-cli.jar …} (or {@code bin/vfn}). */
public final class Main {

    /** Held strongly: a logger's level is lost when it is collected. */
    private static final Logger VERTX_LOG = Logger.getLogger("io.vertx");

    private Main() {}

    /**
     * @param args the command line
     */
    public static void main(String[] args) {
        // Vert.x logs connection housekeeping at WARNING; a command line shows only its own messages.
        VERTX_LOG.setLevel(Level.SEVERE);
        System.exit(VfnCommand.run(Terminal.system(), args));
    }
}
