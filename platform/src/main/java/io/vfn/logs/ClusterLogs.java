package io.vfn.logs;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import io.vfn.cluster.NodeRegistry;
import io.vfn.sdk.Addresses;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** Reads function logs from every living node ({@link NodeLogs} answers for each) and merges them in time order. */
public final class ClusterLogs {

    /** Most lines of one call that are read back: its newest. */
    public static final int MAX_CALL_LINES = 100;
    /** Most message characters of one call that are read back: its newest lines. */
    public static final int MAX_CALL_CHARS = 16 * 1024;

    private static final long NODE_TIMEOUT_MS = 5_000;
    private static final Comparator<LogLine> ORDER =
            Comparator.comparingLong(LogLine::time).thenComparing(LogLine::node).thenComparingLong(LogLine::seq);

    private final Vertx vertx;
    private final NodeRegistry nodes;

    /**
     * @param vertx this node
     * @param nodes the cluster's nodes
     */
    public ClusterLogs(Vertx vertx, NodeRegistry nodes) {
        this.vertx = vertx;
        this.nodes = nodes;
    }

    /**
     * @param function a function
     * @param since    the earliest time wanted, epoch milliseconds
     * @param seen     per node, the last line already read: only later ones are read, and the map moves on
     * @return the lines, oldest first
     */
    public Future<List<LogLine>> lines(String function, long since, Map<String, Long> seen) {
        return query(new JsonObject().put("function", function).put("since", since), seen, NodeLogs.MAX_QUERY_LINES);
    }

    /**
     * @param function the call's function
     * @param callId   the call
     * @return its newest lines, at most {@link #MAX_CALL_LINES} and {@link #MAX_CALL_CHARS}, oldest first
     */
    public Future<List<LogLine>> call(String function, String callId) {
        return query(
                        new JsonObject().put("function", function).put("callId", callId),
                        new java.util.HashMap<>(),
                        MAX_CALL_LINES)
                .map(ClusterLogs::newestWithinBounds);
    }

    private Future<List<LogLine>> query(JsonObject query, Map<String, Long> seen, int limit) {
        return nodes.all().compose(all -> {
            List<Future<JsonObject>> answers = new ArrayList<>();
            for (JsonObject node : all) {
                String nodeId = node.getString("nodeId");
                JsonObject ask =
                        query.copy().put("after", seen.getOrDefault(nodeId, 0L)).put("limit", limit);
                // A node that left, or does not answer in time, has no lines to give: the others still answer.
                answers.add(vertx.eventBus()
                        .<JsonObject>request(
                                Addresses.logs(nodeId), ask, new DeliveryOptions().setSendTimeout(NODE_TIMEOUT_MS))
                        .map(reply -> reply.body())
                        .otherwiseEmpty());
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

    private static List<LogLine> newestWithinBounds(List<LogLine> lines) {
        int from = lines.size();
        int chars = 0;
        while (from > 0
                && lines.size() - from < MAX_CALL_LINES
                && chars + lines.get(from - 1).message().length() <= MAX_CALL_CHARS) {
            chars += lines.get(--from).message().length();
        }
        return lines.subList(from, lines.size());
    }
}
