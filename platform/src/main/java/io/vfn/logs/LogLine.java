package io.vfn.logs;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Comparator;

/**
 * One line a function logged, as a node keeps it.
 *
 * @param seq      its number on this node (grows by one per line, across functions)
 * @param time     when it was logged, epoch milliseconds
 * @param node     the node's id
 * @param function the function's name
 * @param callId   the call it was logged in; empty outside a call
 * @param traceId  the W3C trace id of that call; empty outside a call
 * @param level    its level ({@code INFO}, {@code WARNING}, …)
 * @param message  its message, with the logged throwable's first line, cut at {@link LogRing#MAX_LINE_CHARS}
 */
public record LogLine(
        long seq,
        long time,
        String node,
        String function,
        String callId,
        String traceId,
        String level,
        String message) {

    /** Time order; lines of one millisecond by node, then as each node numbered them. */
    static final Comparator<LogLine> ORDER =
            Comparator.comparingLong(LogLine::time).thenComparing(LogLine::node).thenComparingLong(LogLine::seq);

    /** @return the line as the logs route and the CLI show it */
    public JsonObject toJson() {
        JsonObject json = new JsonObject()
                .put("time", Instant.ofEpochMilli(time).toString())
                .put("node", node)
                .put("function", function)
                .put("callId", callId);
        if (!traceId.isEmpty()) {
            json.put("traceId", traceId);
        }
        return json.put("level", level).put("message", message).put("seq", seq);
    }

    /**
     * @param json a line as {@link #toJson()} wrote it
     * @return the line
     */
    public static LogLine fromJson(JsonObject json) {
        return new LogLine(
                json.getLong("seq"),
                Instant.parse(json.getString("time")).toEpochMilli(),
                json.getString("node"),
                json.getString("function"),
                json.getString("callId"),
                json.getString("traceId", ""),
                json.getString("level"),
                json.getString("message"));
    }

    /** @return an estimate of the memory the line holds, for the buffer's byte bound */
    int size() {
        return 64
                + 2
                        * (node.length()
                                + function.length()
                                + callId.length()
                                + traceId.length()
                                + level.length()
                                + message.length());
    }
}
