package io.vfn.gateway;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.ext.web.RoutingContext;
import io.vfn.Failure;
import io.vfn.catalog.FunctionNames;
import io.vfn.config.DurationConverter;
import io.vfn.logs.ClusterLogs;
import io.vfn.logs.LogLine;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;

/**
 * {@code GET /system/functions/{name}/logs?since=…&follow=true}: a function's recent lines from every node, merged
 * in time order, as a JSON array; with {@code follow=true} as JSON lines ({@code application/x-ndjson}, chunked) that
 * go on with each line logged later, until the client closes the connection.
 */
public final class LogsHandler {

    /** How often a follower asks the nodes for new lines. */
    static final long FOLLOW_POLL_MS = 500;

    private final Vertx vertx;
    private final ClusterLogs logs;

    /**
     * @param vertx the gateway's Vert.x
     * @param logs  the logs of every node
     */
    public LogsHandler(Vertx vertx, ClusterLogs logs) {
        this.vertx = vertx;
        this.logs = logs;
    }

    /** {@code GET /system/functions/{name}/logs}. */
    public void get(RoutingContext ctx) {
        String name = FunctionNames.require(ctx.pathParam("name"));
        long since = since(ctx.queryParams().get("since"));
        Map<String, Long> seen = new HashMap<>();
        if (!"true".equals(ctx.queryParams().get("follow"))) {
            logs.lines(name, since, seen)
                    .onSuccess(lines -> {
                        JsonArray body = new JsonArray();
                        lines.forEach(line -> body.add(line.toJson()));
                        ctx.response()
                                .putHeader("Content-Type", "application/json")
                                .end(body.toBuffer());
                    })
                    .onFailure(ctx::fail);
            return;
        }
        HttpServerResponse response = ctx.response()
                .setChunked(true)
                .putHeader("Content-Type", "application/x-ndjson")
                .putHeader("Cache-Control", "no-cache");
        response.writeHead();
        follow(response, name, since, seen);
    }

    /** Writes what is new, then asks again after a pause, while the client listens. */
    private void follow(HttpServerResponse response, String name, long since, Map<String, Long> seen) {
        logs.lines(name, since, seen).onComplete(fetched -> {
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

    private static long since(String value) {
        if (value == null || value.isBlank()) {
            return 0;
        }
        try {
            return Instant.parse(value).toEpochMilli();
        } catch (DateTimeParseException notAnInstant) {
            try {
                return System.currentTimeMillis()
                        - DurationConverter.parse(value).toMillis();
            } catch (RuntimeException e) {
                throw Failure.BAD_REQUEST.exception("since must be a duration back from now (5m, 1h) or an instant "
                        + "(2026-01-02T03:04:05Z), was '" + value + "'");
            }
        }
    }
}
