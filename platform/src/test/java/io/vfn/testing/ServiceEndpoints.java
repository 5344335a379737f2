package io.vfn.testing;

import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;

/**
 * Spreads calls over nodes the way a Kubernetes Service does: a node enters the rotation once its readiness probe
 * answers 200, and leaves it only a propagation delay after the probe first answered otherwise (endpoints and
 * kube-proxy rules take that long to update everywhere). Meanwhile calls still go to it.
 */
public final class ServiceEndpoints implements IntSupplier, AutoCloseable {

    private static final long PROBE_MS = 200;

    private final Vertx vertx = Vertx.vertx();
    private final WebClient client = WebClient.create(vertx);
    private final Duration propagation;
    /** Gateway port → when its probe first failed (nanos), or {@code Long.MAX_VALUE} while it answers ready. */
    private final Map<Integer, Long> notReadySince = new ConcurrentHashMap<>();

    private final Map<Integer, Boolean> inRotation = new ConcurrentHashMap<>();
    private final AtomicInteger next = new AtomicInteger();

    /**
     * @param propagation how long after a failed readiness probe calls still go to that node
     * @param ports       the gateway ports to probe
     */
    public ServiceEndpoints(Duration propagation, List<Integer> ports) {
        this.propagation = propagation;
        ports.forEach(this::add);
        vertx.setPeriodic(PROBE_MS, id -> notReadySince.keySet().forEach(this::probe));
    }

    /** @param port a gateway port to probe from now on (a new pod) */
    public void add(int port) {
        notReadySince.put(port, Long.MAX_VALUE);
    }

    /** @param port a gateway port to forget (a pod that is gone) */
    public void remove(int port) {
        notReadySince.remove(port);
        inRotation.remove(port);
    }

    /** @return whether calls go to that port now */
    public boolean inRotation(int port) {
        return inRotation.getOrDefault(port, false);
    }

    /** @return the port of the next call, round robin over the nodes in rotation */
    @Override
    public int getAsInt() {
        List<Integer> ports = inRotation.entrySet().stream()
                .filter(Map.Entry::getValue)
                .map(Map.Entry::getKey)
                .sorted()
                .toList();
        if (ports.isEmpty()) {
            throw new IllegalStateException("no node in rotation");
        }
        return ports.get(Math.floorMod(next.getAndIncrement(), ports.size()));
    }

    private void probe(int port) {
        client.get(port, "127.0.0.1", "/health/ready").timeout(1_000).send().onComplete(answer -> {
            if (!notReadySince.containsKey(port)) {
                return;
            }
            if (answer.succeeded() && answer.result().statusCode() == 200) {
                notReadySince.put(port, Long.MAX_VALUE);
                inRotation.put(port, true);
                return;
            }
            long now = System.nanoTime();
            long since = notReadySince.merge(port, now, (was, failedNow) -> was == Long.MAX_VALUE ? failedNow : was);
            if (now - since >= propagation.toNanos()) {
                inRotation.put(port, false);
            }
        });
    }

    @Override
    public void close() {
        Await.result(vertx.close(), 30);
    }
}
