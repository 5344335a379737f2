package io.vfn.logs;

import io.vfn.sdk.impl.CallTag;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Files every line logged while a function's code runs (its {@code FunctionContext} logger, {@code System.Logger},
 * JUL, or SLF4J bound to JUL) under that function and call, in the logs of the node it runs on. One per JVM, on the
 * root logger, beside the console's handler.
 */
final class FunctionLogHandler extends Handler {

    private static final AtomicBoolean INSTALLED = new AtomicBoolean();

    private FunctionLogHandler() {}

    /** Adds the handler to the root logger, once per JVM (test JVMs run several nodes). */
    static void install() {
        if (INSTALLED.compareAndSet(false, true)) {
            Logger.getLogger("").addHandler(new FunctionLogHandler());
        }
    }

    @Override
    public void publish(LogRecord record) {
        if (!isLoggable(record)) {
            return;
        }
        CallTag.current().ifPresent(tag -> {
            NodeLogs logs = NodeLogs.of(tag.vertx());
            if (logs != null) {
                logs.append(
                        tag.function(),
                        tag.callId(),
                        tag.traceId(),
                        record.getLevel().getName(),
                        record.getMillis(),
                        LogText.message(record));
            }
        });
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
}
