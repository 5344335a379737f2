package io.vfn.bench;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Offers async calls of {@code echo} at a fixed rate for a time, whatever the answers (an open loop: a slow server
 * does not slow the callers down), then waits for a sample of the accepted calls to end and reports accept → result
 * latency from their records. Prints {@code RESULT async-open-loop …}.
 */
final class OpenLoop {

    private static final int MAX_SAMPLES = 2_000;
    private static final long TICK_MS = 1;

    private final Vertx vertx;
    private final HttpClient client;
    private final Function<String, Future<JsonObject>> awaitEnd;
    private final List<String> accepted = new ArrayList<>();
    private final AtomicInteger refused = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();

    OpenLoop(Vertx vertx, HttpClient client, Function<String, Future<JsonObject>> awaitEnd) {
        this.vertx = vertx;
        this.client = client;
        this.awaitEnd = awaitEnd;
    }

    void run(double share, double rate, int seconds) throws Exception {
        Promise<Integer> offered = Promise.promise();
        long start = System.nanoTime();
        long end = start + TimeUnit.SECONDS.toNanos(seconds);
        int[] sent = {0};
        vertx.runOnContext(v -> vertx.setPeriodic(TICK_MS, id -> {
            long now = System.nanoTime();
            // As many calls as the rate asks for by now: a late tick catches up, the rate holds on average.
            long due = (long) (Math.min(now, end) - start) * (long) (rate * 1000) / 1_000_000_000_000L;
            while (sent[0] < due) {
                sent[0]++;
                submit(sent[0]);
            }
            if (now >= end) {
                vertx.cancelTimer(id);
                offered.complete(sent[0]);
            }
        }));
        int total = offered.future().await(seconds + 60L, TimeUnit.SECONDS);
        // Wait for the answers to what was sent, then for a sample of the accepted calls to end.
        long answeredBy = System.currentTimeMillis() + 60_000;
        while (answered() < total && System.currentTimeMillis() < answeredBy) {
            Thread.sleep(20);
        }
        List<String> sample = sample();
        long[] latencies = new long[sample.size()];
        List<Future<Void>> waits = new ArrayList<>();
        for (int i = 0; i < sample.size(); i++) {
            int n = i;
            waits.add(awaitEnd.apply(sample.get(i)).map(record -> {
                latencies[n] = record.getLong("endedAt") - record.getLong("createdAt");
                return null;
            }));
        }
        Future.join(waits).await(5, TimeUnit.MINUTES);
        Arrays.sort(latencies);
        System.out.printf("RESULT async-open-loop capacity_share=%.2f offered_per_s=%.0f accepted_per_s=%.0f refused=%d failed=%d"
                + " sampled=%d p50_ms=%d p99_ms=%d%n", share, rate, acceptedCount() / (double) seconds, refused.get(), failed.get(),
            sample.size(), AsyncBench.percentile(latencies, 0.5), AsyncBench.percentile(latencies, 0.99));
    }

    private void submit(int n) {
        client.request(new RequestOptions().setMethod(HttpMethod.POST).setURI("/async-function/echo")
                .putHeader("Content-Type", "text/plain"))
            .compose(request -> request.send(Buffer.buffer("open-" + n + "-" + "x".repeat(90))))
            .compose(response -> response.body().map(body -> {
                if (response.statusCode() == 202) {
                    synchronized (accepted) {
                        accepted.add(body.toJsonObject().getString("callId"));
                    }
                } else {
                    refused.incrementAndGet();
                }
                return null;
            }))
            .onFailure(e -> failed.incrementAndGet());
    }

    private int answered() {
        return acceptedCount() + refused.get() + failed.get();
    }

    private int acceptedCount() {
        synchronized (accepted) {
            return accepted.size();
        }
    }

    /** Evenly spread over the run, the last accepted call included. */
    private List<String> sample() {
        synchronized (accepted) {
            List<String> sample = new ArrayList<>();
            int step = Math.max(1, accepted.size() / MAX_SAMPLES);
            for (int i = accepted.size() - 1; i >= 0; i -= step) {
                sample.add(accepted.get(i));
            }
            return sample;
        }
    }
}
