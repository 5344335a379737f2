package io.vfn.sdk.cli;

import io.vertx.core.json.JsonArray;
import io.vfn.sdk.client.RevisionInfo;
import io.vfn.sdk.client.Routing;
import io.vfn.sdk.client.VfnClient;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code vfn revisions NAME}: the kept revisions, newest first, with the routes that run each. */
@Command(name = "revisions", description = "List a function's kept revisions and the routes that run each.")
final class RevisionsCommand extends ClientCommand {

    @Parameters(index = "0", paramLabel = "NAME", description = "The function.")
    String name;

    @Override
    int execute(VfnClient client) {
        List<RevisionInfo> revisions = client.revisions(name).await();
        if (root.json()) {
            root.printJson(
                    new JsonArray(revisions.stream().map(RevisionInfo::json).toList()));
            return ExitCodes.OK;
        }
        Routing routing = new Routing(client.describe(name).await().json());
        Table table = Table.of("REVISION", "VERSION", "CREATED", "BY", "ROUTES");
        for (RevisionInfo revision : revisions) {
            table.row(
                    revision.revision(),
                    Describing.shortVersion(revision.version()),
                    revision.created(),
                    revision.by(),
                    routes(routing, revision));
        }
        table.print(terminal().out());
        return ExitCodes.OK;
    }

    /** E.g. {@code in force, 90%, @stable}: what sends calls to this revision. */
    private static String routes(Routing routing, RevisionInfo revision) {
        List<String> routes = new ArrayList<>();
        if (revision.current()) {
            routes.add("in force");
        }
        Integer share = routing.traffic().get(revision.revision());
        if (share != null) {
            routes.add(share + "%");
        }
        routing.aliases().forEach((alias, target) -> {
            if (target == revision.revision()) {
                routes.add("@" + alias);
            }
        });
        return routes.isEmpty() ? "-" : String.join(", ", routes);
    }
}
