package io.vfn.launcher;

import sun.misc.Signal;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Stops a node the way an orchestrator expects: on SIGTERM (or SIGINT) it drains (not-ready, no new calls, calls
 * in flight finished up to the drain grace, async leases handed back), leaves the cluster and exits 0. A JVM
 * shutdown hook alone would exit 143; it stays as the fallback for other ways the JVM ends.
 */
final class Shutdown {

    private static final AtomicBoolean STOPPING = new AtomicBoolean();

    private Shutdown() {
    }

    static void install(VfnNode node) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> drain(node), "vfn-shutdown"));
        for (String signal : new String[] {"TERM", "INT"}) {
            try {
                Signal.handle(new Signal(signal), received -> new Thread(() -> {
                    drain(node);
                    System.exit(0);
                }, "vfn-drain").start());
            } catch (IllegalArgumentException e) {
                // this platform has no such signal: the shutdown hook covers it
            }
        }
    }

    private static void drain(VfnNode node) {
        if (!STOPPING.compareAndSet(false, true)) {
            return;
        }
        System.out.println("vfn draining (up to " + node.context().options().drainGrace().toSeconds() + " s)");
        long waitMs = node.context().options().drainGrace().toMillis() + 15_000;
        try {
            node.close().await(waitMs, TimeUnit.MILLISECONDS);
            System.out.println("vfn stopped");
        } catch (Exception e) {
            System.err.println("vfn did not stop cleanly: " + e.getMessage());
        }
    }
}
