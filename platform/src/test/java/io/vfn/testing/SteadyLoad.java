package io.vfn.testing;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.WebClient;
import java.time.Duration;
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
 * most a bounded count). Each call goes to the gateway port the caller is told to use at that moment. Sync callers
 * call again as soon as they are answered; async callers wait a pace between submissions, so that the cluster keeps
 * up with them: every node runs some of their calls at any moment, and the accepted calls number hundreds, each
 * checked at the end, not a backlog of thousands that keeps the machine busy long after the load stopped.
 */
public final class SteadyLoad implements AutoCloseable {

    private static final int MAX_CALLS = 200_000;

    private final Vertx vertx = Vertx.vertx();
    private final WebClient client = WebClient.create(vertx);
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final AtomicInteger calls = new AtomicInteger();
    private final AtomicInteger syncOk = new AtomicInteger();
    private final Map<String, AtomicInteger> syncFailures = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<String> acceptedAsync = new ConcurrentLinkedQueue<>();
    private final AtomicInteger asyncRejected = new AtomicInteger();
    private final List<Future<Void>> callers = new ArrayList<>();
    private final IntSupplier port;

    /**
     * @param function   the function to call
     * @param syncQuery  query of each sync call, e.g. {@code ?ms=20}
     * @param asyncQuery query of each async call
     * @param asyncPace  how long each async caller waits after an answer before it submits again
     * @param callers    concurrent callers: every other one sync, the rest async
     * @param port       the gateway port to use now
     */
    public SteadyLoad(
            String function, String syncQuery, String asyncQuery, Duration asyncPace, int callers, IntSupplier port) {
        this.port = port;
        for (int i = 0; i < callers; i++) {
            Promise<Void> done = Promise.promise();
            boolean async = i % 2 == 1;
            String uri = async ? "/async-function/" + function + asyncQuery : "/function/" + function + syncQuery;
            vertx.runOnContext(v -> loop(uri, async, asyncPace.toMillis(), done));
            this.callers.add(done.future());
        }
    }

    private void loop(String uri, boolean async, long paceMs, Promise<Void> done) {
        if (!running.get() || calls.incrementAndGet() > MAX_CALLS) {
            done.complete();
            return;
        }
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
                        vertx.setTimer(Math.max(1, paceMs), id -> loop(uri, async, paceMs, done));
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
                    loop(uri, async, paceMs, done);
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
