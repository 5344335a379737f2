package io.vfn.gateway;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vfn.Failure;
import io.vfn.catalog.FunctionNames;
import io.vfn.cluster.NodeRegistry;
import io.vfn.config.DurationConverter;
import io.vfn.logs.LogLine;
import io.vfn.logs.NodeLogs;
import io.vfn.sdk.Addresses;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /system/functions/{name}/logs?since=…&follow=true}: a function's recent lines from every node, merged
 * in time order, as a JSON array; with {@code follow=true} as JSON lines ({@code application/x-ndjson}, chunked) that
 * go on with each line logged later, until the client closes the connection.
 */
public final class LogsHandler {

    /** How often a follower asks the nodes for new lines. */
    static final long FOLLOW_POLL_MS = 500;
    private static final long NODE_TIMEOUT_MS = 5_000;
    private static final Comparator<LogLine> ORDER =
        Comparator.comparingLong(LogLine::time).thenComparing(LogLine::node).thenComparingLong(LogLine::seq);

    private final Vertx vertx;
    private final NodeRegistry nodes;

    /**
     * @param vertx the gateway's Vert.x
     * @param nodes the cluster's nodes, each of which keeps the lines of the functions it runs
     */
    public LogsHandler(Vertx vertx, NodeRegistry nodes) {
        this.vertx = vertx;
        this.nodes = nodes;
    }

    /** {@code GET /system/functions/{name}/logs}. */
    public void get(RoutingContext ctx) {
        String name = FunctionNames.require(ctx.pathParam("name"));
        long since = since(ctx.queryParams().get("since"));
        Map<String, Long> seen = new HashMap<>();
        if (!"true".equals(ctx.queryParams().get("follow"))) {
            fetch(name, since, seen).onSuccess(lines -> {
                JsonArray body = new JsonArray();
                lines.forEach(line -> body.add(line.toJson()));
                ctx.response().putHeader("Content-Type", "application/json").end(body.toBuffer());
            }).onFailure(ctx::fail);
            return;
        }
        HttpServerResponse response = ctx.response().setChunked(true).putHeader("Content-Type", "application/x-ndjson")
            .putHeader("Cache-Control", "no-cache");
        response.writeHead();
        follow(response, name, since, seen);
    }

    /** Writes what is new, then asks again after a pause, while the client listens. */
    private void follow(HttpServerResponse response, String name, long since, Map<String, Long> seen) {
        fetch(name, since, seen).onComplete(fetched -> {
            if (response.closed() || response.ended()) {
                return;
            }
            if (fetched.succeeded()) {
                for (LogLine line : fetched.result()) {
                    response.write(line.toJson().encode() + "\n");
                }
            }
            // A slow reader is not sent more than it takes: the next poll waits for the queue to drain.
            Runnable next = () -> vertx.setTimer(FOLLOW_POLL_MS, id -> follow(response, name, since, seen));
            if (response.writeQueueFull()) {
                response.drainHandler(v -> next.run());
            } else {
                next.run();
            }
        });
    }

    /** The lines of every living node logged since {@code since}, after those already seen, merged in time order. */
    private Future<List<LogLine>> fetch(String name, long since, Map<String, Long> seen) {
        return nodes.all().compose(all -> {
            List<Future<JsonObject>> answers = new ArrayList<>();
            for (JsonObject node : all) {
                String nodeId = node.getString("nodeId");
                JsonObject query = new JsonObject().put("function", name).put("since", since)
                    .put("after", seen.getOrDefault(nodeId, 0L)).put("limit", NodeLogs.MAX_QUERY_LINES);
                // A node that left, or does not answer in time, has no lines to give: the others still answer.
                answers.add(vertx.eventBus().<JsonObject>request(Addresses.logs(nodeId), query,
                    new DeliveryOptions().setSendTimeout(NODE_TIMEOUT_MS)).map(reply -> reply.body()).otherwiseEmpty());
            }
            return Future.join(answers).transform(done -> {
                List<LogLine> merged = new ArrayList<>();
                for (Future<JsonObject> answer : answers) {
                    JsonObject body = answer.result();
                    if (body != null) {
                        body.getJsonArray("lines").forEach(line -> merged.add(LogLine.fromJson((JsonObject) line)));
                    }
                }
                merged.forEach(line -> seen.merge(line.node(), line.seq(), Math::max));
                merged.sort(ORDER);
                return Future.succeededFuture(merged);
            });
        });
    }

    private static long since(String value) {
        if (value == null || value.isBlank()) {
            return 0;
        }
        try {
            return Instant.parse(value).toEpochMilli();
        } catch (DateTimeParseException notAnInstant) {
            try {
                return System.currentTimeMillis() - DurationConverter.parse(value).toMillis();
            } catch (RuntimeException e) {
                throw Failure.BAD_REQUEST.exception("since must be a duration back from now (5m, 1h) or an instant "
                    + "(2026-01-02T03:04:05Z), was '" + value + "'");
            }
        }
    }
}
