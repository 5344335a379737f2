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
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The async benchmark against a running vfn node, printing {@code RESULT …} lines:
 * <ol>
 *   <li>warm-up: {@value #WARM_UP_ROUNDS} rounds of {@code CALLS} (at most {@value #WARM_UP_ROUND_CALLS} each)
 *       submitted and awaited the same way, not reported, so the figures are those of a node whose JIT has compiled
 *       the path (after a single round of 3,000 calls, the next 12,000 cost 1.5-1.8 times the CPU per call of
 *       those after 27,000, and the JIT compiler still took a third of the node's CPU);</li>
 *   <li>closed loop: the accept rate of {@code /async-function/echo} with {@code submitters} concurrent submitters
 *       (each sends its next call when the last was answered), then the end-to-end completion rate and latency of
 *       those calls (accept to result stored, from the records' {@code createdAt} and {@code endedAt}). The
 *       completion rate is the node's async capacity;</li>
 *   <li>open loop (when {@code OPEN_SECONDS} > 0): calls offered at a fixed rate, whatever the answers, at 25, 50 and
 *       75 % of that capacity, each for {@code OPEN_SECONDS}: the rate accepted, the calls refused, and accept → result
 *       latency p50/p99 over a sample of the accepted calls. This is the latency a caller sees while the queue is not
 *       filling;</li>
 *   <li>WebSocket {@code invoke} round trips/s over {@code submitters} sockets (when {@code WS_SECONDS} > 0).</li>
 * </ol>
 *
 * <pre>java -cp vfn-bench.jar io.vfn.bench.AsyncBench 127.0.0.1 8080 64 5000 10 10</pre>
 */
public final class AsyncBench {

    static final int WARM_UP_ROUNDS = 3;
    static final int WARM_UP_ROUND_CALLS = 8_000;
    private static final long REQUEST_IDLE_TIMEOUT_MS = 30_000;

    private final Vertx vertx = Vertx.vertx();
    private final String host;
    private final int port;
    private final int submitters;
    private final HttpClient client;
    /** Requests that got no answer (a timeout, a connection closed): printed, never hidden. */
    private final AtomicInteger failedRequests = new AtomicInteger();

    private AsyncBench(String host, int port, int submitters) {
        this.host = host;
        this.port = port;
        this.submitters = submitters;
        this.client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setTcpNoDelay(true)
            .setDefaultHost(host).setDefaultPort(port), new PoolOptions().setHttp1MaxSize(submitters));
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 5) {
            System.err.println("usage: AsyncBench HOST PORT SUBMITTERS CALLS WEBSOCKET_SECONDS [OPEN_SECONDS [CAPACITY]]");
            System.exit(2);
        }
        AsyncBench bench = new AsyncBench(args[0], Integer.parseInt(args[1]), Integer.parseInt(args[2]));
        int calls = Integer.parseInt(args[3]);
        for (int round = 0; round < WARM_UP_ROUNDS; round++) {
            bench.asyncCalls(Math.min(calls, WARM_UP_ROUND_CALLS), false);
        }
        double capacity = bench.asyncCalls(calls, true);
        int openSeconds = args.length > 5 ? Integer.parseInt(args[5]) : 0;
        if (args.length > 6) {
            capacity = Double.parseDouble(args[6]);
        }
        for (double share : new double[] {0.25, 0.5, 0.75}) {
            if (openSeconds > 0) {
                new OpenLoop(bench.vertx, bench.client, bench::awaitEnd).run(share, capacity * share, openSeconds);
            }
        }
        if (Integer.parseInt(args[4]) > 0) {
            bench.webSocketInvokes(Integer.parseInt(args[4]));
        }
        bench.vertx.close().await(30, TimeUnit.SECONDS);
    }

    /**
     * @param report whether to print the figures (not for the warm-up)
     * @return the completion rate: calls/s from the first accept to the last result stored
     */
    private double asyncCalls(int calls, boolean report) throws Exception {
        ServerCpu cpu = ServerCpu.fromProperty();
        long cpuStart = cpu.nanos();
        ConcurrentLinkedQueue<String> accepted = new ConcurrentLinkedQueue<>();
        AtomicInteger next = new AtomicInteger();
        AtomicInteger rejected = new AtomicInteger();
        long start = System.nanoTime();
        List<Future<Void>> loops = new ArrayList<>();
        for (int i = 0; i < submitters; i++) {
            loops.add(each(next, calls, n -> send(HttpMethod.POST, "/async-function/echo", Buffer.buffer("call-" + n))
                .map(response -> {
                    if (response.statusCode() == 202) {
                        accepted.add(response.body.toJsonObject().getString("callId"));
                    } else {
                        rejected.incrementAndGet();
                    }
                    return null;
                })));
        }
        Future.join(loops).await(10, TimeUnit.MINUTES);
        double seconds = (System.nanoTime() - start) / 1e9;
        if (report) {
            System.out.printf("RESULT async-accept calls=%d accepted=%d rejected=%d seconds=%.2f accepts_per_s=%.0f%n",
                calls, accepted.size(), rejected.get(), seconds, accepted.size() / seconds);
        }

        List<String> ids = new ArrayList<>(accepted);
        long[] latencies = new long[ids.size()];
        long[] window = {Long.MAX_VALUE, 0};
        AtomicInteger polled = new AtomicInteger();
        loops.clear();
        for (int i = 0; i < submitters; i++) {
            loops.add(each(polled, ids.size(), n -> awaitEnd(ids.get(n)).map(record -> {
                synchronized (latencies) {
                    latencies[n] = record.getLong("endedAt") - record.getLong("createdAt");
                    window[0] = Math.min(window[0], record.getLong("createdAt"));
                    window[1] = Math.max(window[1], record.getLong("endedAt"));
                }
                return null;
            })));
        }
        Future.join(loops).await(10, TimeUnit.MINUTES);
        long cpuUsed = cpu.nanos() - cpuStart;
        Arrays.sort(latencies);
        if (report && cpu.known() && !ids.isEmpty()) {
            // Accept, run and store each call, plus the polling of its record by this benchmark (a GET per 50 ms).
            System.out.printf("RESULT async-server-cpu calls=%d cpu_us_per_call=%.0f%n", ids.size(), cpuUsed / 1e3 / ids.size());
        }
        double completions = ids.size() * 1000.0 / Math.max(1, window[1] - window[0]);
        if (report) {
            System.out.printf("RESULT async-end-to-end calls=%d completions_per_s=%.0f p50_ms=%d p99_ms=%d max_ms=%d"
                    + " failed_requests=%d%n", ids.size(),
            completions, percentile(latencies, 0.5), percentile(latencies, 0.99),
                latencies.length == 0 ? 0 : latencies[latencies.length - 1], failedRequests.get());
        }
        return completions;
    }

    private void webSocketInvokes(int seconds) throws Exception {
        WebSocketClient sockets = vertx.createWebSocketClient();
        long[] samples = new long[10_000_000];
        AtomicInteger count = new AtomicInteger();
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        List<Future<Void>> loops = new ArrayList<>();
        for (int i = 0; i < submitters; i++) {
            loops.add(sockets.connect(new WebSocketConnectOptions().setHost(host).setPort(port).setURI("/ws"))
                .compose(socket -> invokeLoop(socket, until, samples, count)));
        }
        long start = System.nanoTime();
        Future.join(loops).await(seconds + 60L, TimeUnit.SECONDS);
        double elapsed = (System.nanoTime() - start) / 1e9;
        long[] sorted = Arrays.copyOf(samples, Math.min(count.get(), samples.length));
        Arrays.sort(sorted);
        System.out.printf("RESULT ws-invoke sockets=%d round_trips_per_s=%.0f p50_ms=%.3f p99_ms=%.3f%n", submitters,
            count.get() / elapsed, percentile(sorted, 0.5) / 1e6, percentile(sorted, 0.99) / 1e6);
    }

    /** One socket, one invoke frame at a time, until the time is up. */
    private Future<Void> invokeLoop(WebSocket socket, long until, long[] samples, AtomicInteger count) {
        Promise<Void> done = Promise.promise();
        long[] sent = {0};
        String frame = new JsonObject().put("op", "invoke").put("id", "b").put("function", "echo").put("body", "ping").encode();
        Runnable send = () -> {
            sent[0] = System.nanoTime();
            socket.writeTextMessage(frame);
        };
        socket.textMessageHandler(answer -> {
            int n = count.getAndIncrement();
            if (n < samples.length) {
                samples[n] = System.nanoTime() - sent[0];
            }
            if (System.nanoTime() < until) {
                send.run();
            } else {
                socket.close().onComplete(v -> done.tryComplete());
            }
        });
        send.run();
        return done.future();
    }

    /** Polls a call until it ended. */
    Future<JsonObject> awaitEnd(String callId) {
        return send(HttpMethod.GET, "/calls/" + callId, Buffer.buffer()).compose(response -> {
            JsonObject record = response.body.toJsonObject();
            String status = record.getString("status", "");
            if (status.equals("queued") || status.equals("running")) {
                Promise<Void> later = Promise.promise();
                vertx.setTimer(50, id -> later.complete());
                return later.future().compose(v -> awaitEnd(callId));
            }
            return Future.succeededFuture(record);
        });
    }

    /** Runs {@code step} for the next index until {@code total} are taken: one closed loop of many. */
    private static Future<Void> each(AtomicInteger next, int total, java.util.function.IntFunction<Future<Void>> step) {
        int n = next.getAndIncrement();
        if (n >= total) {
            return Future.succeededFuture();
        }
        return step.apply(n).transform(ignored -> each(next, total, step));
    }

    private Future<Answer> send(HttpMethod method, String uri, Buffer body) {
        return client.request(new RequestOptions().setMethod(method).setURI(uri).putHeader("Content-Type", "text/plain")
                // A request the node never answers fails the benchmark's count instead of hanging the run.
                .setIdleTimeout(REQUEST_IDLE_TIMEOUT_MS))
            .compose(request -> request.send(body))
            .compose(response -> response.body().map(b -> new Answer(response.statusCode(), b)))
            .onFailure(e -> failedRequests.incrementAndGet());
    }

    static long percentile(long[] sorted, double p) {
        return sorted.length == 0 ? 0 : sorted[(int) Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
    }

    private record Answer(int statusCode, Buffer body) {
    }
}
