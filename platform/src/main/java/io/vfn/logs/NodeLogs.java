package io.vfn.logs;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.shareddata.Shareable;
import io.vfn.sdk.Addresses;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The function logs one node keeps: a bounded {@link LogRing} per function, filled by {@link FunctionLogHandler},
 * read by every gateway of the cluster through this node's address ({@link Addresses#logs}).
 */
public final class NodeLogs implements Shareable {

    /** Most lines one query answers. */
    public static final int MAX_QUERY_LINES = LogRing.MAX_LINES;

    private static final String MAP = "vfn.logs";

    private final String nodeId;
    private final Map<String, LogRing> rings = new ConcurrentHashMap<>();
    private final AtomicLong seq = new AtomicLong();
    private MessageConsumer<JsonObject> consumer;

    private NodeLogs(String nodeId) {
        this.nodeId = nodeId;
    }

    /**
     * Starts keeping the logs of the functions that run on this node, and answering for them.
     *
     * @param vertx  the node
     * @param nodeId its id in the cluster
     * @return the node's logs, once its address is registered
     */
    public static Future<NodeLogs> start(Vertx vertx, String nodeId) {
        FunctionLogHandler.install();
        NodeLogs logs = new NodeLogs(nodeId);
        vertx.sharedData().<String, NodeLogs>getLocalMap(MAP).put(MAP, logs);
        logs.consumer = vertx.eventBus().consumer(Addresses.logs(nodeId), logs::answer);
        return logs.consumer.completion().map(logs);
    }

    /**
     * @param vertx a node
     * @return its logs, when it keeps them
     */
    static NodeLogs of(Vertx vertx) {
        return vertx.sharedData().<String, NodeLogs>getLocalMap(MAP).get(MAP);
    }

    /** Stops answering for this node's logs. */
    public Future<Void> stop() {
        return consumer == null ? Future.succeededFuture() : consumer.unregister();
    }

    void append(String function, String callId, String traceId, String level, long time, String message) {
        String kept = message.length() > LogRing.MAX_LINE_CHARS
                ? message.substring(0, LogRing.MAX_LINE_CHARS) + "…"
                : message;
        rings.computeIfAbsent(function, f -> new LogRing())
                .add(new LogLine(seq.incrementAndGet(), time, nodeId, function, callId, traceId, level, kept));
    }

    /**
     * @param function a function
     * @param since    the earliest time wanted, epoch milliseconds
     * @param after    only lines numbered above this
     * @param limit    most lines
     * @return its lines on this node, oldest first
     */
    public List<LogLine> lines(String function, long since, long after, int limit) {
        LogRing ring = rings.get(function);
        return ring == null ? List.of() : ring.since(since, after, limit);
    }

    /**
     * @param function a function
     * @param callId   one of its calls
     * @param limit    most lines, the newest
     * @return the call's lines on this node, oldest first
     */
    public List<LogLine> callLines(String function, String callId, int limit) {
        LogRing ring = rings.get(function);
        return ring == null ? List.of() : ring.ofCall(callId, limit);
    }

    /**
     * @param function a function
     * @return how many lines this node keeps for it
     */
    public int keptLines(String function) {
        LogRing ring = rings.get(function);
        return ring == null ? 0 : ring.size();
    }

    /**
     * @param function a function
     * @return the memory (estimated) its kept lines take
     */
    public int keptBytes(String function) {
        LogRing ring = rings.get(function);
        return ring == null ? 0 : ring.bytes();
    }

    private void answer(Message<JsonObject> query) {
        query.reply(answer(query.body()));
    }

    /**
     * @param query what a gateway asks: {@code function}, and {@code since} and {@code after}, or {@code callId};
     *     {@code limit}
     * @return this node's answer: {@code node} and its {@code lines}
     */
    JsonObject answer(JsonObject query) {
        JsonArray lines = new JsonArray();
        String callId = query.getString("callId");
        int limit = Math.min(query.getInteger("limit", MAX_QUERY_LINES), MAX_QUERY_LINES);
        List<LogLine> found = callId == null
                ? lines(query.getString("function"), query.getLong("since", 0L), query.getLong("after", 0L), limit)
                : callLines(query.getString("function"), callId, limit);
        found.forEach(line -> lines.add(line.toJson()));
        return new JsonObject().put("node", nodeId).put("lines", lines);
    }

    /** @return the id of the node whose logs these are */
    String nodeId() {
        return nodeId;
    }
}
