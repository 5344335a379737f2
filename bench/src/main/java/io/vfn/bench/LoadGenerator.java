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
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A closed-loop HTTP load generator: {@code connections} keep-alive connections, each sending the next request
 * as soon as the previous answered, for a warm-up and then a measured period. Prints requests/s and latency
 * percentiles as one line: {@code RESULT <label> rps=… p50_ms=… p99_ms=… errors=…}. With
 * {@code -Dbench.serverPid=PID[,PID…]} it also reads those processes' CPU time (user + system, from {@code /proc/PID/stat})
 * at the start and the end of the measured period and prints the server's CPU per request as {@code cpu_us=…}.
 *
 * <pre>java -cp vfn-bench.jar io.vfn.bench.LoadGenerator echo http://127.0.0.1:8080/function/echo 64 5 10 100 text/plain</pre>
 */
public final class LoadGenerator {

    private static final int MAX_SAMPLES = 8_000_000;

    private final long[] samples = new long[MAX_SAMPLES];
    private int count;
    private long errors;
    private volatile boolean measuring;
    private volatile boolean running = true;
    private volatile String firstError;

    public static void main(String[] args) throws Exception {
        if (args.length < 7) {
            System.err.println("usage: LoadGenerator LABEL URL[,URL…] CONNECTIONS WARMUP_S MEASURE_S BODY_BYTES CONTENT_TYPE [BODY]");
            System.exit(2);
        }
        String label = args[0];
        List<java.net.URI> uris = java.util.Arrays.stream(args[1].split(",")).map(java.net.URI::create).toList();
        int connections = Integer.parseInt(args[2]);
        int warmup = Integer.parseInt(args[3]);
        int measure = Integer.parseInt(args[4]);
        Buffer body = args.length > 7 ? Buffer.buffer(args[7]) : Buffer.buffer("x".repeat(Integer.parseInt(args[5])));
        String contentType = args[6];
        new LoadGenerator().run(label, uris, connections, warmup, measure, body, contentType);
    }

    /** Spreads the connections over the URLs (several gateways of one cluster): connection i uses URL i mod n. */
    private void run(String label, List<java.net.URI> uris, int connections, int warmupSeconds, int measureSeconds,
                     Buffer body, String contentType) throws Exception {
        Vertx vertx = Vertx.vertx();
        HttpClient client = vertx.createHttpClient(new HttpClientOptions().setKeepAlive(true).setTcpNoDelay(true),
            new PoolOptions().setHttp1MaxSize(connections));
        // (the pool is per host and port: each gateway gets its share of the connections)
        List<Future<Void>> loops = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
            java.net.URI uri = uris.get(i % uris.size());
            RequestOptions request = new RequestOptions().setMethod(HttpMethod.POST).setHost(uri.getHost()).setPort(uri.getPort())
                .setURI(uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()))
                .putHeader("Content-Type", contentType);
            Promise<Void> done = Promise.promise();
            vertx.runOnContext(v -> loop(client, request, body, done));
            loops.add(done.future());
        }
        Thread.sleep(TimeUnit.SECONDS.toMillis(warmupSeconds));
        ServerCpu cpu = ServerCpu.fromProperty();
        measuring = true;
        long start = System.nanoTime();
        long cpuStart = cpu.nanos();
        Thread.sleep(TimeUnit.SECONDS.toMillis(measureSeconds));
        long cpuUsed = cpu.nanos() - cpuStart;
        measuring = false;
        double elapsed = (System.nanoTime() - start) / 1e9;
        running = false;
        Future.join(loops).await(30, TimeUnit.SECONDS);
        vertx.close().await(30, TimeUnit.SECONDS);
        report(label, elapsed, cpu.known() ? cpuUsed : -1);
    }

    private void loop(HttpClient client, RequestOptions options, Buffer body, Promise<Void> done) {
        if (!running) {
            done.complete();
            return;
        }
        long sent = System.nanoTime();
        client.request(options)
            .compose(request -> request.send(body))
            .compose(response -> response.body().map(b -> response.statusCode()))
            .onComplete(result -> {
                if (firstError == null && (result.failed() || result.result() >= 400)) {
                    firstError = result.failed() ? result.cause().toString() : "status " + result.result();
                }
                record(sent, result.succeeded() && result.result() < 400);
                loop(client, options, body, done);
            });
    }

    private synchronized void record(long sentNanos, boolean ok) {
        if (!measuring) {
            return;
        }
        if (!ok) {
            errors++;
        }
        if (count < MAX_SAMPLES) {
            samples[count++] = System.nanoTime() - sentNanos;
        }
    }

    private synchronized void report(String label, double seconds, long cpuNanos) {
        long[] sorted = Arrays.copyOf(samples, count);
        Arrays.sort(sorted);
        String cpu = cpuNanos < 0 || count == 0 ? "" : String.format(" cpu_us=%.1f", cpuNanos / 1e3 / count);
        System.out.printf("RESULT %s rps=%.0f p50_ms=%.3f p99_ms=%.3f requests=%d errors=%d%s%n", label, count / seconds,
            percentile(sorted, 0.50), percentile(sorted, 0.99), count, errors, cpu);
        if (firstError != null) {
            System.out.println("FIRST-ERROR " + label + " " + firstError);
        }
    }

    private static double percentile(long[] sorted, double p) {
        return sorted.length == 0 ? Double.NaN : sorted[(int) Math.min(sorted.length - 1, Math.floor(p * sorted.length))] / 1e6;
    }
}
