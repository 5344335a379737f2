package io.vfn.bench;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * An async flood against a running node: {@code submitters} concurrent closed-loop submitters post {@code bodyBytes}
 * to {@code /async-function/echo} for {@code seconds}, whatever the answers; the node's heap in use is read from its
 * {@code /metrics} every 250 ms meanwhile. Prints the accept and refusal rates, the statuses, the peak heap, then
 * waits for every accepted call to end and prints how they ended. Measures the node, not the generator: one Vert.x
 * client, keep-alive connections, one shared body buffer.
 *
 * <pre>java -cp vfn-bench.jar io.vfn.bench.AsyncFlood 127.0.0.1 8080 64 30 1048576</pre>
 */
public final class AsyncFlood {

    private final Vertx vertx = Vertx.vertx();
    private final HttpClient client;

    private AsyncFlood(String host, int port, int connections) {
        client = vertx.createHttpClient(new HttpClientOptions().setDefaultHost(host).setDefaultPort(port).setKeepAlive(true),
            new PoolOptions().setHttp1MaxSize(connections + 2));
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 5) {
            System.err.println("usage: AsyncFlood HOST PORT SUBMITTERS SECONDS BODY_BYTES");
            System.exit(2);
        }
        int submitters = Integer.parseInt(args[2]);
        AsyncFlood flood = new AsyncFlood(args[0], Integer.parseInt(args[1]), submitters);
        flood.run(submitters, Integer.parseInt(args[3]), Integer.parseInt(args[4]));
        flood.vertx.close().await(30, TimeUnit.SECONDS);
    }

    private void run(int submitters, int seconds, int bodyBytes) throws Exception {
        Buffer body = Buffer.buffer(new byte[bodyBytes]);
        Map<Integer, AtomicLong> statuses = new TreeMap<>();
        AtomicLong errors = new AtomicLong();
        ConcurrentLinkedQueue<String> accepted = new ConcurrentLinkedQueue<>();
        AtomicLong peakHeap = new AtomicLong();
        long sampler = vertx.setPeriodic(250, id -> heap().onSuccess(h -> peakHeap.accumulateAndGet(h, Math::max)));
        long start = System.nanoTime();
        long until = start + TimeUnit.SECONDS.toNanos(seconds);
        List<Future<Void>> loops = new ArrayList<>();
        for (int i = 0; i < submitters; i++) {
            loops.add(loop(until, () -> send(HttpMethod.POST, "/async-function/echo", body).map(answer -> {
                synchronized (statuses) {
                    statuses.computeIfAbsent(answer.status, s -> new AtomicLong()).incrementAndGet();
                }
                if (answer.status == 202) {
                    accepted.add(answer.callId);
                }
                return (Void) null;
            }).otherwise(e -> {
                errors.incrementAndGet();
                return null;
            })));
        }
        Future.join(loops).await(seconds + 300L, TimeUnit.SECONDS);
        double elapsed = (System.nanoTime() - start) / 1e9;
        vertx.cancelTimer(sampler);
        long refused = count(statuses, 413) + count(statuses, 429) + count(statuses, 503);
        System.out.printf("RESULT async-flood submitters=%d body_bytes=%d seconds=%.1f accepted=%d accepted_per_s=%.0f refused=%d"
                + " refused_per_s=%.0f statuses=%s connection_errors=%d peak_heap_mib=%d%n", submitters, bodyBytes, elapsed,
            accepted.size(), accepted.size() / elapsed, refused, refused / elapsed, statuses, errors.get(), peakHeap.get() >> 20);

        Map<String, AtomicLong> ended = new TreeMap<>();
        List<String> ids = new ArrayList<>(accepted);
        AtomicLong next = new AtomicLong();
        long pollUntil = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
        loops.clear();
        for (int i = 0; i < submitters; i++) {
            loops.add(loop(pollUntil, () -> {
                int n = (int) next.getAndIncrement();
                if (n >= ids.size()) {
                    return Future.failedFuture("done");
                }
                return awaitEnd(ids.get(n)).map(status -> {
                    synchronized (ended) {
                        ended.computeIfAbsent(status, s -> new AtomicLong()).incrementAndGet();
                    }
                    return null;
                });
            }));
        }
        Future.join(loops).await(11, TimeUnit.MINUTES);
        long heapAfter = heap().await(30, TimeUnit.SECONDS);
        System.out.printf("RESULT async-flood-ended accepted=%d ended=%s heap_now_mib=%d%n", ids.size(), ended, heapAfter >> 20);
    }

    private static long count(Map<Integer, AtomicLong> statuses, int status) {
        AtomicLong n = statuses.get(status);
        return n == null ? 0 : n.get();
    }

    /** Runs a step again and again until the time is up or a step fails. */
    private static Future<Void> loop(long untilNanos, Supplier<Future<Void>> step) {
        if (System.nanoTime() >= untilNanos) {
            return Future.succeededFuture();
        }
        return step.get().transform(done -> done.failed() ? Future.succeededFuture() : loop(untilNanos, step));
    }

    private Future<String> awaitEnd(String callId) {
        return send(HttpMethod.GET, "/calls/" + callId, Buffer.buffer()).compose(answer -> {
            String status = answer.body.toJsonObject().getString("status", "");
            if (!status.equals("queued") && !status.equals("running")) {
                return Future.succeededFuture(status);
            }
            Promise<Void> later = Promise.promise();
            vertx.setTimer(100, id -> later.complete());
            return later.future().compose(v -> awaitEnd(callId));
        });
    }

    /** The node's heap in use, from its metrics. */
    private Future<Long> heap() {
        return send(HttpMethod.GET, "/metrics", Buffer.buffer()).map(answer -> answer.body.toString().lines()
            .filter(line -> line.startsWith("jvm_memory_used_bytes") && line.contains("area=\"heap\""))
            .mapToLong(line -> (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
            .sum());
    }

    private Future<Answer> send(HttpMethod method, String uri, Buffer body) {
        // A request the node never answers (its connection cut mid-body) counts as an error after 30 s, never hangs the run.
        return client.request(new RequestOptions().setMethod(method).setURI(uri).setIdleTimeout(30_000)
                .putHeader("Content-Type", "application/octet-stream"))
            .compose(request -> request.send(body))
            .compose(response -> response.body().map(b -> new Answer(response.statusCode(), response.getHeader("X-Call-Id"), b)));
    }

    private record Answer(int status, String callId, Buffer body) {
    }
}
