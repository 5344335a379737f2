package io.vfn.sdk.cli;

import io.vfn.sdk.client.InvokeResponse;
import java.io.PrintStream;
import java.util.Optional;

/** Prints a function's answer: the body byte for byte to stdout, details to stderr. */
final class Responses {

    private Responses() {}

    /**
     * @param root     the command's options and streams
     * @param response the function's answer
     * @return {@link ExitCodes#OK}, or {@link ExitCodes#ERROR_ANSWER} when the function answered 4xx or 5xx
     */
    static int print(VfnCommand root, InvokeResponse response) {
        PrintStream err = root.terminal().err();
        if (root.verbose()) {
            err.println("status " + response.status()
                    + response.callId().map(id -> ", call " + id).orElse("")
                    + Optional.ofNullable(response.headers().get("X-Revision"))
                            .map(revision -> ", revision " + revision)
                            .orElse("")
                    + Optional.ofNullable(response.headers().get("X-Duration-Seconds"))
                            .map(d -> ", " + d + " s")
                            .orElse(""));
        }
        PrintStream out = root.terminal().out();
        out.write(response.body().getBytes(), 0, response.body().length());
        out.flush();
        if (response.status() >= 400) {
            err.println("vfn: the function answered " + response.status()
                    + response.callId().map(id -> " (call " + id + ")").orElse(""));
            return ExitCodes.ERROR_ANSWER;
        }
        return ExitCodes.OK;
    }
}
