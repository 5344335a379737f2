package io.vfn.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The CPU time a server process used so far (user + system), read from {@code /proc/PID/stat}: the process named by
 * {@code -Dbench.serverPid}, in clock ticks of {@code -Dbench.clockTicks} per second (default 100, see
 * {@code getconf CLK_TCK}). Unknown (-1) when no process is named or Linux's proc file is missing.
 */
final class ServerCpu {

    private final Path stat;
    private final long nanosPerTick;

    private ServerCpu(Path stat, long ticksPerSecond) {
        this.stat = stat;
        this.nanosPerTick = 1_000_000_000L / ticksPerSecond;
    }

    static ServerCpu fromProperty() {
        String pid = System.getProperty("bench.serverPid");
        long ticks = Long.getLong("bench.clockTicks", 100L);
        return new ServerCpu(pid == null || pid.isBlank() ? null : Path.of("/proc", pid.trim(), "stat"), ticks);
    }

    boolean known() {
        return stat != null && Files.isReadable(stat);
    }

    /** @return CPU nanoseconds used so far, or -1 when unknown */
    long nanos() {
        if (!known()) {
            return -1;
        }
        try {
            String line = Files.readString(stat);
            // Fields after the command (in parentheses, which may hold spaces): state is field 3, utime 14, stime 15.
            String[] fields = line.substring(line.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * nanosPerTick;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
