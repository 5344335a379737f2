package io.vfn.sdk.cli;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** A progress line on stderr during long waits, shown only when a person watches a terminal. */
final class Progress implements AutoCloseable {

    private final Terminal terminal;
    private final ScheduledExecutorService ticker;

    private Progress(Terminal terminal, String message) {
        this.terminal = terminal;
        if (!terminal.interactive()) {
            this.ticker = null;
            return;
        }
        long start = System.nanoTime();
        this.ticker = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "vfn-progress");
            thread.setDaemon(true);
            return thread;
        });
        ticker.scheduleAtFixedRate(
                () -> terminal.err()
                        .print("\r" + message + " " + TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start) + "s "),
                1,
                1,
                TimeUnit.SECONDS);
    }

    /**
     * @param terminal where to show it
     * @param message  what is awaited, e.g. {@code waiting for call 1234}
     * @return the running line; close it when the wait ends
     */
    static Progress start(Terminal terminal, String message) {
        return new Progress(terminal, message);
    }

    @Override
    public void close() {
        if (ticker != null) {
            ticker.shutdownNow();
            terminal.err().print("\r\033[K");
            terminal.err().flush();
        }
    }
}
