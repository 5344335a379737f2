package io.vfn.sdk.cli;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vfn.sdk.client.AsyncCall;
import io.vfn.sdk.client.Invocation;
import io.vfn.sdk.client.InvokeResponse;
import io.vfn.sdk.client.VfnClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code vfn invoke NAME[/path][?query]}: calls a function and writes its body to stdout byte for byte, so it pipes.
 * With {@code --async} the call is queued and its id printed, or with {@code --wait} its result awaited.
 */
@Command(name = "invoke", description = "Invoke a function; its body goes to stdout byte for byte.")
final class InvokeCommand extends ClientCommand {

    @Parameters(
            index = "0",
            paramLabel = "NAME",
            description = "The function, optionally with a sub-path and query: NAME[/path][?query].")
    String target;

    @Option(
            names = {"-d", "--data"},
            paramLabel = "TEXT|@FILE",
            description = "The body: text, @FILE, or @- for stdin. Without it, stdin is read unless it is a terminal.")
    String data;

    @Option(
            names = {"-H", "--header"},
            paramLabel = "NAME:VALUE",
            description = "A request header (repeatable).")
    List<String> headers = new ArrayList<>();

    @Option(
            names = {"-X", "--method"},
            paramLabel = "METHOD",
            description = "The HTTP method of a sync call (default POST).")
    String method = "POST";

    @Option(names = "--async", description = "Queue the call and print its id (see vfn call).")
    boolean async;

    @Option(names = "--callback", paramLabel = "URL", description = "With --async: where vfn posts the result.")
    String callback;

    @Option(names = "--wait", description = "With --async: wait for the result and print it like a sync call.")
    boolean await;

    @Spec
    CommandSpec spec;

    @Override
    int execute(VfnClient client) {
        if (!async && (callback != null || await)) {
            throw new ParameterException(spec.commandLine(), "--callback and --wait go with --async");
        }
        Invocation invocation = invocation();
        if (!async) {
            return Responses.print(root, client.invoke(invocation).await());
        }
        AsyncCall call = client.invokeAsync(invocation).await();
        if (root.verbose()) {
            terminal().err().println("accepted, call " + call.callId());
        }
        if (!await) {
            if (root.json()) {
                root.printJson(new JsonObject().put("callId", call.callId()).put("status", "queued"));
            } else {
                terminal().out().println(call.callId());
            }
            return ExitCodes.OK;
        }
        InvokeResponse response;
        try (Progress progress = Progress.start(terminal(), "waiting for call " + call.callId())) {
            response = call.result().await();
        }
        return Responses.print(root, response);
    }

    private Invocation invocation() {
        int query = target.indexOf('?');
        String path = query < 0 ? target : target.substring(0, query);
        int slash = path.indexOf('/');
        Invocation invocation = Invocation.of(slash < 0 ? path : path.substring(0, slash))
                .method(method)
                .path(slash < 0 ? "" : path.substring(slash))
                .query(query < 0 ? "" : target.substring(query + 1));
        for (String header : headers) {
            int colon = header.indexOf(':');
            if (colon <= 0) {
                throw new ParameterException(spec.commandLine(), "a header is NAME:VALUE, was '" + header + "'");
            }
            invocation.header(
                    header.substring(0, colon).trim(),
                    header.substring(colon + 1).trim());
        }
        if (callback != null) {
            invocation.callbackUrl(callback);
        }
        return invocation.body(body());
    }

    private Buffer body() {
        try {
            if (data == null) {
                return terminal().interactive()
                        ? Buffer.buffer()
                        : Buffer.buffer(terminal().in().readAllBytes());
            }
            if (data.equals("@-")) {
                return Buffer.buffer(terminal().in().readAllBytes());
            }
            if (data.startsWith("@")) {
                return Buffer.buffer(Files.readAllBytes(Path.of(data.substring(1))));
            }
            return Buffer.buffer(data);
        } catch (NoSuchFileException e) {
            throw new ParameterException(spec.commandLine(), "no file " + e.getFile() + " to send");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the body: " + e.getMessage(), e);
        }
    }
}
