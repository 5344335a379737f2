package io.vfn.sdk.cli;

/** What {@code vfn} exits with; scripts rely on these. */
public final class ExitCodes {

    /** It worked. */
    public static final int OK = 0;
    /** The function or the platform answered an error (the problem is on stderr). */
    public static final int ERROR_ANSWER = 1;
    /** The command line was wrong. */
    public static final int USAGE = 2;
    /** The gateway could not be reached. */
    public static final int UNREACHABLE = 3;

    private ExitCodes() {}
}
