package io.vfn.logs;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import io.vfn.sdk.Addresses;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/** Reads function logs from every cluster member ({@link NodeLogs} answers for each) and merges them in time order. */
public final class ClusterLogs {

    private static final long NODE_TIMEOUT_MS = 5_000;
    /** An async attempt's end waits for its lines: a member that does not answer soon has none worth the wait. */
    private static final long CALL_NODE_TIMEOUT_MS = 2_000;

    private final Vertx vertx;
    private final Supplier<? extends Collection<String>> members;

    /**
     * @param vertx   this node
     * @param members the node ids of the cluster's members now (read from the cluster manager's view: no round trip)
     */
    public ClusterLogs(Vertx vertx, Supplier<? extends Collection<String>> members) {
        this.vertx = vertx;
        this.members = members;
    }

    /**
     * @param function a function
     * @param since    the earliest time wanted, epoch milliseconds
     * @param seen     per node, the last line already read: only later ones are read, and the map moves on
     * @return the lines, oldest first
     */
    public Future<List<LogLine>> lines(String function, long since, Map<String, Long> seen) {
        return query(
                new JsonObject().put("function", function).put("since", since),
                members.get(),
                seen,
                NodeLogs.MAX_QUERY_LINES,
                NODE_TIMEOUT_MS);
    }

    /**
     * @param function the call's function
     * @param callId   the call
     * @param ranOn    the node whose instance answered the attempt, when it said: its lines are there, and only that
     *     node is asked (asking every member cost each async call a round trip per node); else every member
     * @return its newest lines the nodes still keep, at most {@link CallLines#MAX_LINES} and
     *     {@link CallLines#MAX_CHARS}, oldest first
     */
    public Future<List<LogLine>> call(String function, String callId, Optional<String> ranOn) {
        Collection<String> nodes = members.get();
        return query(
                        new JsonObject().put("function", function).put("callId", callId),
                        ranOn.filter(nodes::contains)
                                .<Collection<String>>map(List::of)
                                .orElse(nodes),
                        new HashMap<>(),
                        CallLines.MAX_LINES,
                        CALL_NODE_TIMEOUT_MS)
                .map(CallLines::newest);
    }

    private Future<List<LogLine>> query(
            JsonObject query, Collection<String> nodes, Map<String, Long> seen, int limit, long timeoutMs) {
        List<Future<JsonObject>> answers = new ArrayList<>();
        NodeLogs here = NodeLogs.of(vertx);
        for (String nodeId : nodes) {
            JsonObject ask =
                    query.copy().put("after", seen.getOrDefault(nodeId, 0L)).put("limit", limit);
            if (here != null && here.nodeId().equals(nodeId)) {
                // This node's own lines without a trip over the bus: an async attempt's end asks for them every time.
                answers.add(Future.succeededFuture(here.answer(ask)));
                continue;
            }
            // A node that left, or does not answer in time, has no lines to give: the others still answer.
            answers.add(vertx.eventBus()
                    .<JsonObject>request(Addresses.logs(nodeId), ask, new DeliveryOptions().setSendTimeout(timeoutMs))
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
            merged.sort(LogLine.ORDER);
            return Future.succeededFuture(merged);
        });
    }
}
