package io.vfn.logs;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The recent lines of one function on one node: the oldest go first once it holds {@link #MAX_LINES} lines or
 * {@link #MAX_BYTES} bytes, so a function that logs in a loop costs a bounded amount of memory.
 */
final class LogRing {

    /** Most lines kept per function and node. */
    static final int MAX_LINES = 1_000;
    /** Most memory (estimated) kept per function and node. */
    static final int MAX_BYTES = 512 * 1024;
    /** Longest message kept; the rest is cut. */
    static final int MAX_LINE_CHARS = 8 * 1024;

    private final ArrayDeque<LogLine> lines = new ArrayDeque<>();
    private int bytes;

    synchronized void add(LogLine line) {
        lines.addLast(line);
        bytes += line.size();
        while (lines.size() > MAX_LINES || bytes > MAX_BYTES) {
            bytes -= lines.removeFirst().size();
        }
    }

    /**
     * @param since  the earliest time wanted, epoch milliseconds
     * @param after  only lines numbered above this
     * @param limit  most lines, the newest of those wanted
     * @return the lines, oldest first
     */
    synchronized List<LogLine> since(long since, long after, int limit) {
        return newest(line -> line.time() >= since && line.seq() > after, limit);
    }

    /**
     * @param callId a call
     * @param limit  most lines, the newest of its lines
     * @return its lines, oldest first
     */
    synchronized List<LogLine> ofCall(String callId, int limit) {
        return newest(line -> line.callId().equals(callId), limit);
    }

    private List<LogLine> newest(Predicate<LogLine> wanted, int limit) {
        List<LogLine> found = new ArrayList<>();
        for (LogLine line : lines) {
            if (wanted.test(line)) {
                found.add(line);
            }
        }
        return found.size() <= limit ? found : new ArrayList<>(found.subList(found.size() - limit, found.size()));
    }

    synchronized int size() {
        return lines.size();
    }

    synchronized int bytes() {
        return bytes;
    }
}
