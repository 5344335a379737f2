package io.vfn.logs;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The log lines an async call's record carries: the newest lines of all its attempts, at most {@link #MAX_LINES}
 * lines and {@link #MAX_CHARS} message characters (like the activation logs of other FaaS platforms). They are kept
 * with the record when an attempt ends, so they outlive the nodes' bounded buffers and the nodes themselves. In the
 * record a line leaves out what the record already says (function, call id).
 */
public final class CallLines {

    /** Most lines a call keeps: its newest. */
    public static final int MAX_LINES = 100;
    /** Most message characters a call keeps: its newest lines. */
    public static final int MAX_CHARS = 16 * 1024;

    private CallLines() {}

    /**
     * @param kept  the lines a record holds, as {@link #merge} wrote them
     * @param fresh lines of the call read from the nodes
     * @return both, each line once, the newest within the bounds, oldest first, as a record holds them
     */
    public static JsonArray merge(JsonArray kept, List<LogLine> fresh) {
        Map<String, LogLine> lines = new LinkedHashMap<>();
        of(kept, "", "").forEach(line -> lines.put(line.node() + "/" + line.seq(), line));
        fresh.forEach(line -> lines.put(line.node() + "/" + line.seq(), line));
        List<LogLine> ordered = new ArrayList<>(lines.values());
        ordered.sort(LogLine.ORDER);
        JsonArray merged = new JsonArray();
        for (LogLine line : newest(ordered)) {
            JsonObject json = line.toJson();
            json.remove("function");
            json.remove("callId");
            merged.add(json);
        }
        return merged;
    }

    /**
     * @param kept     the lines a record holds
     * @param function the record's function
     * @param callId   the record's call id
     * @return the lines, as the logs routes show them
     */
    public static List<LogLine> of(JsonArray kept, String function, String callId) {
        List<LogLine> lines = new ArrayList<>(kept.size());
        for (Object value : kept) {
            JsonObject line = (JsonObject) value;
            lines.add(new LogLine(
                    line.getLong("seq"),
                    Instant.parse(line.getString("time")).toEpochMilli(),
                    line.getString("node"),
                    function,
                    callId,
                    line.getString("traceId", ""),
                    line.getString("level"),
                    line.getString("message")));
        }
        return lines;
    }

    /**
     * @param lines lines in time order
     * @return the newest of them within {@link #MAX_LINES} and {@link #MAX_CHARS}, oldest first
     */
    static List<LogLine> newest(List<LogLine> lines) {
        int from = lines.size();
        int chars = 0;
        while (from > 0
                && lines.size() - from < MAX_LINES
                && chars + lines.get(from - 1).message().length() <= MAX_CHARS) {
            chars += lines.get(--from).message().length();
        }
        return lines.subList(from, lines.size());
    }
}
