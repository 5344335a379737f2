package io.vfn.launcher;

import io.vfn.cluster.NodeState;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import sun.misc.Signal;

/**
 * Stops a node the way an orchestrator expects: on SIGTERM (or SIGINT) it first keeps serving while it reports
 * not-ready for {@code --shutdown-delay} (load balancers and Kubernetes endpoints take that long to stop sending to
 * it), then drains (no new calls, calls in flight finished up to the drain grace, async leases handed back), leaves
 * the cluster and exits 0. A JVM shutdown hook alone would exit 143; it stays as the fallback for other ways the JVM
 * ends.
 */
final class Shutdown {

    private static final AtomicBoolean STOPPING = new AtomicBoolean();

    private Shutdown() {}

    static void install(VfnNode node) {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> drain(node), "vfn-shutdown"));
        for (String signal : new String[] {"TERM", "INT"}) {
            try {
                Signal.handle(
                        new Signal(signal),
                        received -> new Thread(
                                        () -> {
                                            drain(node);
                                            System.exit(0);
                                        },
                                        "vfn-drain")
                                .start());
            } catch (IllegalArgumentException e) {
                // this platform has no such signal: the shutdown hook covers it
            }
        }
    }

    private static void drain(VfnNode node) {
        if (!STOPPING.compareAndSet(false, true)) {
            return;
        }
        try {
            leave(node.context().state(), node.context().options().shutdownDelay());
            System.out.println("vfn draining (up to "
                    + node.context().options().drainGrace().toSeconds() + " s)");
            long waitMs = node.context().options().drainGrace().toMillis() + 15_000;
            node.close().await(waitMs, TimeUnit.MILLISECONDS);
            System.out.println("vfn stopped");
        } catch (Exception e) {
            System.err.println("vfn did not stop cleanly: " + e);
        }
    }

    /** Reports not-ready while still serving, for the delay; a thread of its own, so it may sleep. */
    private static void leave(NodeState state, Duration delay) throws InterruptedException {
        if (delay.isZero()) {
            return;
        }
        state.leaving();
        System.out.println("vfn not ready, still serving for " + delay.toMillis() + " ms (--shutdown-delay)");
        Thread.sleep(delay.toMillis());
    }
}
