package io.vfn.sdk.testing;

import java.text.MessageFormat;
import java.util.List;
import java.util.Optional;
import java.util.ResourceBundle;
import java.util.concurrent.CopyOnWriteArrayList;

/** A {@link System.Logger} that keeps every line at every level, for a test to read back. */
final class RecordingLogger implements System.Logger {

    private final String name;
    private final List<LogLine> lines = new CopyOnWriteArrayList<>();

    RecordingLogger(String name) {
        this.name = name;
    }

    /** @return the lines logged so far, oldest first */
    List<LogLine> lines() {
        return List.copyOf(lines);
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public boolean isLoggable(Level level) {
        return level != Level.OFF;
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String message, Throwable thrown) {
        lines.add(new LogLine(level, String.valueOf(message), Optional.ofNullable(thrown)));
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String format, Object... params) {
        String message =
                params == null || params.length == 0 ? String.valueOf(format) : MessageFormat.format(format, params);
        lines.add(new LogLine(level, message, Optional.empty()));
    }
}
