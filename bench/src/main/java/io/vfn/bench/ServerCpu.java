package io.vfn.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The CPU time server processes used so far (user + system), read from {@code /proc/PID/stat}: the processes named by
 * {@code -Dbench.serverPid} (one pid, or several separated by commas: the nodes of a cluster, summed), in clock ticks
 * of {@code -Dbench.clockTicks} per second (default 100, see {@code getconf CLK_TCK}). Unknown (-1) when no process is
 * named or a named process's proc file is missing.
 */
final class ServerCpu {

    private final List<Path> stats;
    private final long nanosPerTick;

    private ServerCpu(List<Path> stats, long ticksPerSecond) {
        this.stats = stats;
        this.nanosPerTick = 1_000_000_000L / ticksPerSecond;
    }

    static ServerCpu fromProperty() {
        String pids = System.getProperty("bench.serverPid", "");
        long ticks = Long.getLong("bench.clockTicks", 100L);
        List<Path> stats = Arrays.stream(pids.split(","))
                .map(String::trim)
                .filter(pid -> !pid.isEmpty())
                .map(pid -> Path.of("/proc", pid, "stat"))
                .toList();
        return new ServerCpu(stats, ticks);
    }

    boolean known() {
        return !stats.isEmpty() && stats.stream().allMatch(Files::isReadable);
    }

    /** @return CPU nanoseconds used so far by all the named processes, or -1 when unknown */
    long nanos() {
        if (!known()) {
            return -1;
        }
        long ticks = 0;
        for (Path stat : stats) {
            try {
                String line = Files.readString(stat);
                // Fields after the command (in parentheses, which may hold spaces): state is field 3, utime 14, stime
                // 15.
                String[] fields = line.substring(line.lastIndexOf(')') + 2).split(" ");
                ticks += Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
            } catch (IOException | RuntimeException e) {
                return -1;
            }
        }
        return ticks * nanosPerTick;
    }
}
