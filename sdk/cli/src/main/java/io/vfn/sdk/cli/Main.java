package io.vfn.sdk.cli;

/** The {@code vfn} command's entry point: {@code java -jar sdk/cli/target/vfn-cli.jar …} (or {@code bin/vfn}). */
public final class Main {

    private Main() {
    }

    /**
     * @param args the command line
     */
    public static void main(String[] args) {
        System.exit(VfnCommand.run(Terminal.system(), args));
    }
}
