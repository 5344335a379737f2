package io.vfn.logs;

import io.vertx.core.json.JsonObject;
import io.vfn.config.LogFormat;
import io.vfn.sdk.impl.CallTag;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.Optional;
import java.util.logging.ConsoleHandler;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * The node's console lines, one line each (a stack trace follows in text): time, level, logger, and for a
 * function's lines its name, call id and trace id, so that a log collector can tell them apart; in JSON for collectors that
 * read structured lines ({@code --log-format json}).
 */
public final class ConsoleFormat extends Formatter {

    private final LogFormat format;

    private ConsoleFormat(LogFormat format) {
        this.format = format;
    }

    /**
     * Sets the format of the root logger's console handlers (the JVM's whole console output through JUL).
     *
     * @param format text or JSON
     */
    public static void install(LogFormat format) {
        for (Handler handler : Logger.getLogger("").getHandlers()) {
            if (handler instanceof ConsoleHandler) {
                handler.setFormatter(new ConsoleFormat(format));
            }
        }
    }

    @Override
    public String format(LogRecord record) {
        Optional<CallTag> tag = CallTag.current();
        String message = LogText.message(record);
        if (format == LogFormat.JSON) {
            JsonObject line = new JsonObject()
                    .put("time", Instant.ofEpochMilli(record.getMillis()).toString())
                    .put("level", record.getLevel().getName())
                    .put("logger", record.getLoggerName())
                    .put("message", message);
            tag.ifPresent(t -> {
                line.put("function", t.function()).put("callId", t.callId());
                t.trace().ifPresent(trace -> line.put("traceId", trace.traceId()));
            });
            if (record.getThrown() != null) {
                line.put("stackTrace", stackTrace(record.getThrown()));
            }
            return line.encode() + System.lineSeparator();
        }
        StringBuilder line = new StringBuilder()
                .append(Instant.ofEpochMilli(record.getMillis()))
                .append(' ')
                .append(record.getLevel().getName())
                .append(' ')
                .append(record.getLoggerName());
        tag.ifPresent(t -> line.append(" [function=")
                .append(t.function())
                .append(t.callId().isEmpty() ? "" : " call=" + t.callId())
                .append(t.trace().isEmpty() ? "" : " trace=" + t.traceId())
                .append(']'));
        line.append(": ").append(message).append(System.lineSeparator());
        if (record.getThrown() != null) {
            line.append(stackTrace(record.getThrown()));
        }
        return line.toString();
    }

    private static String stackTrace(Throwable thrown) {
        StringWriter trace = new StringWriter();
        thrown.printStackTrace(new PrintWriter(trace));
        return trace.toString();
    }
}
