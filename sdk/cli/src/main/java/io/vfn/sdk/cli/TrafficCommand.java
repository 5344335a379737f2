package io.vfn.sdk.cli;

import io.vfn.sdk.client.Routing;
import io.vfn.sdk.client.VfnClient;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code vfn traffic NAME [REV=PERCENT…] [--reset]}: shows or splits a function's default route across revisions. */
@Command(
        name = "traffic",
        description = "Split a function's default route across revisions, e.g. 3=90 4=10 (whole percents summing to"
                + " 100); without shares, show the routing.")
final class TrafficCommand extends ClientCommand {

    @Parameters(index = "0", paramLabel = "NAME", description = "The function.")
    String name;

    @Parameters(index = "1..*", arity = "0..*", paramLabel = "REV=PERCENT", description = "A revision's share.")
    List<String> shares = new ArrayList<>();

    @Option(names = "--reset", description = "Give the whole default route back to the revision in force.")
    boolean reset;

    @Spec
    CommandSpec spec;

    @Override
    int execute(VfnClient client) {
        if (reset && !shares.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "give shares or --reset, not both");
        }
        Routing routing = reset || !shares.isEmpty()
                ? client.traffic(name, percents()).await()
                : new Routing(client.describe(name).await().json());
        if (root.json()) {
            root.printJson(routing.json());
            return ExitCodes.OK;
        }
        terminal().out().println("in force: revision " + routing.revision());
        terminal().out().println("split:    " + Describing.split(routing.traffic()));
        terminal().out().println("aliases:  " + Describing.aliases(routing.aliases()));
        return ExitCodes.OK;
    }

    private SortedMap<Integer, Integer> percents() {
        SortedMap<Integer, Integer> percents = new TreeMap<>();
        for (String share : shares) {
            int equals = share.indexOf('=');
            try {
                percents.put(
                        Integer.parseInt(share.substring(0, Math.max(0, equals)).trim()),
                        Integer.parseInt(share.substring(equals + 1).trim()));
            } catch (NumberFormatException e) {
                throw new ParameterException(
                        spec.commandLine(),
                        "a share is REV=PERCENT with whole numbers, e.g. 3=90; was '" + share + "'");
            }
        }
        return percents;
    }
}
