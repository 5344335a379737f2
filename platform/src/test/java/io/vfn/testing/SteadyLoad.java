package io.vfn.testing;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.WebClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;

/**
 * A steady load of sync and async calls against a cluster, from a few concurrent callers, until stopped (and at
 * most a bounded count). Each call goes to the gateway port the caller is told to use at that moment.
 */
public final class SteadyLoad implements AutoCloseable {

    private static final int MAX_CALLS = 200_000;
    private static final long ASYNC_PACE_MS = 10;

    private final Vertx vertx = Vertx.vertx();
    private final WebClient client = WebClient.create(vertx);
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicInteger calls = new AtomicInteger();
    private final AtomicInteger syncOk = new AtomicInteger();
    private final Map<String, AtomicInteger> syncFailures = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<String> acceptedAsync = new ConcurrentLinkedQueue<>();
    private final AtomicInteger asyncRejected = new AtomicInteger();
    private final List<Future<Void>> callers = new ArrayList<>();

    /**
     * @param function the function to call
     * @param query    query of each call, e.g. {@code ?ms=20}
     * @param callers  concurrent callers
     * @param port     the gateway port to use now
     */
    public SteadyLoad(String function, String query, int callers, IntSupplier port) {
        for (int i = 0; i < callers; i++) {
            Promise<Void> done = Promise.promise();
            boolean async = i % 2 == 1;
            vertx.runOnContext(v -> loop(function, query, async, port, done));
            this.callers.add(done.future());
        }
    }

    private void loop(String function, String query, boolean async, IntSupplier port, Promise<Void> done) {
        if (!running.get() || calls.incrementAndGet() > MAX_CALLS) {
            done.complete();
            return;
        }
        String uri = (async ? "/async-function/" : "/function/") + function + query;
        client.post(port.getAsInt(), "127.0.0.1", uri)
                .timeout(60_000)
                .sendBuffer(Buffer.buffer("load"))
                .onComplete(response -> {
                    if (async) {
                        if (response.succeeded() && response.result().statusCode() == 202) {
                            acceptedAsync.add(response.result().getHeader("X-Call-Id"));
                        } else {
                            asyncRejected.incrementAndGet();
                        }
                        // Paced: submitting as fast as accepts come back would only grow the queues.
                        vertx.setTimer(ASYNC_PACE_MS, id -> loop(function, query, true, port, done));
                        return;
                    } else if (response.succeeded() && response.result().statusCode() == 200) {
                        syncOk.incrementAndGet();
                    } else {
                        String why = response.succeeded()
                                ? "status " + response.result().statusCode()
                                : response.cause().getClass().getSimpleName();
                        syncFailures
                                .computeIfAbsent(why, k -> new AtomicInteger())
                                .incrementAndGet();
                    }
                    loop(function, query, async, port, done);
                });
    }

    /** Stops calling and waits for the calls under way. */
    public void stop() {
        running.set(false);
        Await.result(Future.join(callers), 120);
    }

    /** @return sync calls answered 200 */
    public int syncOk() {
        return syncOk.get();
    }

    /** @return failed sync calls by reason */
    public Map<String, AtomicInteger> syncFailures() {
        return syncFailures;
    }

    /** @return how many sync calls failed */
    public int syncFailed() {
        return syncFailures.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    /** @return the ids of the accepted async calls */
    public List<String> acceptedAsync() {
        return List.copyOf(acceptedAsync);
    }

    /** @return async submissions that were not accepted (refused connection, 503 …) */
    public int asyncRejected() {
        return asyncRejected.get();
    }

    @Override
    public void close() {
        running.set(false);
        Await.result(vertx.close(), 30);
    }
}
