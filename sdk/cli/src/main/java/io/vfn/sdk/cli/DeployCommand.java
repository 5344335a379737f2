package io.vfn.sdk.cli;

import io.vfn.sdk.client.DeployResult;
import io.vfn.sdk.client.FunctionSpec;
import io.vfn.sdk.client.VfnClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code vfn deploy NAME JAR [spec options]}: deploys or updates a function ({@code PUT /system/functions/{name}}). */
@Command(name = "deploy", description = "Deploy a function from a jar, or update it (zero-downtime).")
final class DeployCommand extends ClientCommand {

    @Parameters(index = "0", paramLabel = "NAME", description = "The function's name: [a-z][a-z0-9-]*.")
    String name;

    @Parameters(index = "1", paramLabel = "JAR", description = "The function's jar.")
    Path jar;

    @Option(
            names = "--handler",
            paramLabel = "CLASS",
            description = "The function's class, when the jar names several.")
    String handler;

    @Option(names = "--instances", paramLabel = "N", description = "Verticle instances per node.")
    Integer instances;

    @Option(names = "--concurrency", paramLabel = "N", description = "Most calls in flight per node.")
    Integer concurrency;

    @Option(
            names = "--timeout",
            paramLabel = "DURATION",
            converter = DurationConverter.class,
            description = "Longest call, e.g. 5s.")
    Duration timeout;

    @Option(names = "--max-retries", paramLabel = "N", description = "Retries of a failed async call.")
    Integer maxRetries;

    @Option(names = "--max-queue", paramLabel = "N", description = "Most async calls waiting.")
    Integer maxQueue;

    @Option(
            names = "--max-age",
            paramLabel = "DURATION",
            converter = DurationConverter.class,
            description = "Oldest an async call may get before it expires.")
    Duration maxAge;

    @Option(names = "--blocking", paramLabel = "BOOL", arity = "1", description = "Run the handler on a worker pool.")
    Boolean blocking;

    @Option(
            names = "--event-loop",
            paramLabel = "BOOL",
            arity = "1",
            description = "Run a non-blocking function on the node's event loops (no hand-off per call; "
                    + "a call that blocks stalls the loop).")
    Boolean eventLoop;

    @Option(
            names = "--env",
            paramLabel = "KEY=VALUE",
            description = "An environment entry for the function (repeatable).")
    Map<String, String> env = new LinkedHashMap<>();

    @Option(
            names = "--secret",
            paramLabel = "NAME",
            description = "A secret the function may read (repeatable); create it first with vfn secret create.")
    List<String> secrets = new ArrayList<>();

    @Option(
            names = "--auth",
            paramLabel = "none|key",
            description = "key: only callers with one of the function's invoke keys (vfn key create) may call it.")
    String auth;

    @Spec
    CommandSpec spec;

    @Override
    int execute(VfnClient client) {
        if (!Files.isRegularFile(jar)) {
            throw new ParameterException(spec.commandLine(), "no jar at " + jar.toAbsolutePath());
        }
        DeployResult result;
        try (Progress progress = Progress.start(terminal(), "deploying " + name)) {
            result = client.deploy(name, jar, spec()).await();
        }
        if (root.json()) {
            root.printJson(result.function()
                    .json()
                    .copy()
                    .put("created", result.created())
                    .put("changed", result.changed()));
        } else {
            String what = result.created() ? "deployed" : result.changed() ? "updated" : "unchanged";
            terminal()
                    .out()
                    .println(what + " " + name + " (version "
                            + Describing.shortVersion(result.function().version()) + ")");
        }
        return ExitCodes.OK;
    }

    private FunctionSpec spec() {
        FunctionSpec spec = FunctionSpec.create();
        if (handler != null) {
            spec.handler(handler);
        }
        if (instances != null) {
            spec.instances(instances);
        }
        if (concurrency != null) {
            spec.concurrency(concurrency);
        }
        if (timeout != null) {
            spec.timeout(timeout);
        }
        if (maxRetries != null) {
            spec.maxRetries(maxRetries);
        }
        if (maxQueue != null) {
            spec.maxQueue(maxQueue);
        }
        if (maxAge != null) {
            spec.maxAge(maxAge);
        }
        if (blocking != null) {
            spec.blocking(blocking);
        }
        if (eventLoop != null) {
            spec.eventLoop(eventLoop);
        }
        env.forEach(spec::env);
        secrets.forEach(spec::secret);
        if (auth != null) {
            spec.auth(auth);
        }
        return spec;
    }
}
