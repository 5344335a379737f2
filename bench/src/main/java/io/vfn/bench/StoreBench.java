package io.vfn.bench;

import com.hazelcast.collection.IQueue;
import com.hazelcast.config.Config;
import com.hazelcast.config.IndexConfig;
import com.hazelcast.config.IndexType;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.MapConfig;
import com.hazelcast.config.QueueConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastJsonValue;
import com.hazelcast.map.IMap;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The store's own limit, the ceiling of vfn's async accept path: what an async accept writes (a call record of
 * about 500 bytes into a map, its id into a queue, both with one synchronous backup, as vfn configures them),
 * written straight to Hazelcast by {@code THREADS} threads, on 1 or 2 members started in this JVM (the second one
 * holds the backups and half the partitions, over loopback TCP as between two nodes). Two ways:
 * <ul>
 *   <li>{@code single}: one {@code IMap.set} + one {@code IQueue.offer} per call (what an accept costs today);</li>
 *   <li>{@code batch-B}: {@code IMap.putAll} of B records + {@code IQueue.addAll} of their B ids (group commit).</li>
 * </ul>
 * A drainer empties the queue meanwhile and keys repeat over a bounded set, so memory stays flat.
 * Prints {@code RESULT store-… members=… calls_per_s=…} lines.
 *
 * <pre>java -cp vfn-bench.jar io.vfn.bench.StoreBench MEMBERS THREADS SECONDS BATCH</pre>
 */
public final class StoreBench {

    private static final int KEYS = 20_000;

    public static void main(String[] args) throws Exception {
        if (args.length < 4) {
            System.err.println("usage: StoreBench MEMBERS(1|2) THREADS SECONDS BATCH");
            System.exit(2);
        }
        int members = Integer.parseInt(args[0]);
        int threads = Integer.parseInt(args[1]);
        int seconds = Integer.parseInt(args[2]);
        int batch = Integer.parseInt(args[3]);
        Logger.getLogger("com.hazelcast").setLevel(Level.WARNING);
        String cluster = "bench-store-" + UUID.randomUUID();
        List<HazelcastInstance> instances = new ArrayList<>();
        for (int i = 0; i < members; i++) {
            instances.add(Hazelcast.newHazelcastInstance(config(cluster, 18901)));
        }
        try {
            HazelcastInstance hz = instances.get(0);
            String[] ids = new String[KEYS];
            for (int i = 0; i < KEYS; i++) {
                ids[i] = UUID.randomUUID().toString();
            }
            String record = record(ids[0]);
            run(hz, members, threads, 2, 1, ids, record, false);
            run(hz, members, threads, seconds, 1, ids, record, true);
            if (batch > 1) {
                run(hz, members, threads, 2, batch, ids, record, false);
                run(hz, members, threads, seconds, batch, ids, record, true);
            }
        } finally {
            instances.forEach(HazelcastInstance::shutdown);
        }
    }

    private static void run(HazelcastInstance hz, int members, int threads, int seconds, int batch, String[] ids, String record,
                            boolean report) throws InterruptedException {
        IMap<String, HazelcastJsonValue> calls = hz.getMap("vfn.calls");
        IQueue<String> queue = hz.getQueue("vfn.queue.echo");
        HazelcastJsonValue value = new HazelcastJsonValue(record);
        LongAdder done = new LongAdder();
        AtomicBoolean running = new AtomicBoolean(true);
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int offset = t * 997;
            workers.add(started(() -> {
                int n = offset;
                while (running.get()) {
                    if (batch == 1) {
                        String id = ids[n++ % KEYS];
                        calls.set(id, value);
                        queue.offer(id);
                    } else {
                        Map<String, HazelcastJsonValue> records = new HashMap<>();
                        List<String> queued = new ArrayList<>(batch);
                        for (int i = 0; i < batch; i++) {
                            String id = ids[n++ % KEYS];
                            records.put(id, value);
                            queued.add(id);
                        }
                        calls.putAll(records);
                        queue.addAll(queued);
                    }
                    done.add(batch);
                }
            }));
        }
        Thread drainer = started(() -> {
            List<String> sink = new ArrayList<>();
            while (running.get()) {
                sink.clear();
                if (queue.drainTo(sink, 10_000) == 0) {
                    sleep(5);
                }
            }
        });
        long start = System.nanoTime();
        Thread.sleep(seconds * 1000L);
        long count = done.sum();
        double elapsed = (System.nanoTime() - start) / 1e9;
        running.set(false);
        for (Thread worker : workers) {
            worker.join();
        }
        drainer.join();
        queue.clear();
        if (report) {
            System.out.printf("RESULT store-%s members=%d threads=%d record_bytes=%d calls_per_s=%.0f%n",
                batch == 1 ? "single" : "batch-" + batch, members, threads, record.length(), count / elapsed);
        }
    }

    /** A record shaped like an accepted call's (100-byte body, a few headers). */
    private static String record(String id) {
        JsonObject headers = new JsonObject().put("Content-Type", "text/plain").put("Content-Length", "100")
            .put("Host", "127.0.0.1:8080").put("User-Agent", "bench");
        long now = System.currentTimeMillis();
        return new JsonObject().put("callId", id).put("function", "echo").put("status", "queued").put("attempts", 0)
            .put("createdAt", now).put("updatedAt", now)
            .put("request", new JsonObject().put("method", "POST").put("path", "/").put("query", "").put("headers", headers)
                .put("body", Base64.getEncoder().encodeToString("x".repeat(100).getBytes())))
            .encode();
    }

    /** The parts of vfn's member configuration that matter here: one synchronous backup, the record indexes,
     * loopback, quick join. */
    private static Config config(String cluster, int port) {
        Config config = new Config().setClusterName(cluster);
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.logging.type", "jdk");
        config.setProperty("hazelcast.wait.seconds.before.join", "0");
        config.setProperty("hazelcast.max.wait.seconds.before.join", "0");
        // vfn indexes its call records by these fields: every write updates the indexes.
        config.addMapConfig(new MapConfig("vfn.calls").setBackupCount(1).setAsyncBackupCount(0)
            .addIndexConfig(new IndexConfig(IndexType.HASH, "status"))
            .addIndexConfig(new IndexConfig(IndexType.HASH, "function"))
            .addIndexConfig(new IndexConfig(IndexType.HASH, "callback.state")));
        config.addQueueConfig(new QueueConfig("vfn.queue.*").setBackupCount(1).setAsyncBackupCount(0));
        config.getNetworkConfig().setPort(port).setPortAutoIncrement(true).setPortCount(20);
        config.getNetworkConfig().getInterfaces().setEnabled(true).addInterface("127.0.0.1");
        JoinConfig join = config.getNetworkConfig().getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        join.getTcpIpConfig().setEnabled(true).setConnectionTimeoutSeconds(1).addMember("127.0.0.1:" + port)
            .addMember("127.0.0.1:" + (port + 1));
        return config;
    }

    private static Thread started(Runnable task) {
        Thread thread = new Thread(task);
        thread.start();
        return thread;
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
