package io.vfn.logs;

import java.text.MessageFormat;
import java.util.logging.LogRecord;

/** A JUL record's message as one line: parameters filled in, and the logged throwable's type and message. */
final class LogText {

    private LogText() {}

    static String message(LogRecord record) {
        String message = record.getMessage() == null ? "" : record.getMessage();
        Object[] parameters = record.getParameters();
        if (parameters != null && parameters.length > 0 && message.contains("{")) {
            try {
                message = MessageFormat.format(message, parameters);
            } catch (IllegalArgumentException e) {
                // Not a MessageFormat pattern after all: keep the message as it was logged.
            }
        }
        Throwable thrown = record.getThrown();
        return thrown == null ? message : message + ": " + thrown;
    }
}
