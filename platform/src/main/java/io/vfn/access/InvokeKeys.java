package io.vfn.access;

import com.hazelcast.core.EntryEvent;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.LifecycleEvent;
import com.hazelcast.map.IMap;
import com.hazelcast.map.listener.EntryAddedListener;
import com.hazelcast.map.listener.EntryEvictedListener;
import com.hazelcast.map.listener.EntryRemovedListener;
import com.hazelcast.map.listener.EntryUpdatedListener;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vfn.Failure;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-function invoke keys, kept cluster-wide in the {@value #MAP} map (id → {@link InvokeKey} JSON) as SHA-256
 * hashes only. A key reads {@code vfk_<16 hex id>_<43 base64url secret>}; its id finds its record.
 *
 * <p>Checks run on the gateway's hot path, so each member keeps a copy of the map, fed by an entry listener: a key
 * created or revoked on any member counts on every member as soon as the cluster's event arrives (milliseconds),
 * and at once on the member that made the change.
 */
public final class InvokeKeys {

    /** The cluster map of keys. */
    public static final String MAP = "vfn.keys";

    private static final String KEY_PREFIX = "vfk_";
    private static final int ID_BYTES = 8;
    private static final int SECRET_BYTES = 32;
    private static final int PREFIX_LENGTH = KEY_PREFIX.length() + 2 * ID_BYTES;
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Compared against when no key has the presented id, so an unknown id costs what a wrong secret costs. */
    private static final byte[] NO_HASH = new byte[32];

    private final Vertx vertx;
    private final HazelcastInstance hazelcast;
    private final IMap<String, String> stored;
    private final Map<String, InvokeKey> byId = new ConcurrentHashMap<>();

    /**
     * @param vertx     the node
     * @param hazelcast the cluster
     */
    public InvokeKeys(Vertx vertx, HazelcastInstance hazelcast) {
        this.vertx = vertx;
        this.hazelcast = hazelcast;
        this.stored = hazelcast.getMap(MAP);
    }

    /** @return completes once this member follows the cluster's keys */
    public Future<Void> start() {
        return vertx.executeBlocking(
                () -> {
                    stored.addEntryListener(new Listener(), true);
                    // After this member's cluster merged into another, the other side's keys sent no event.
                    hazelcast.getLifecycleService().addLifecycleListener(event -> {
                        if (event.getState() == LifecycleEvent.LifecycleState.MERGED) {
                            vertx.executeBlocking(
                                    () -> {
                                        stored.values().forEach(json -> remember(InvokeKey.fromJson(json)));
                                        return null;
                                    },
                                    false);
                        }
                    });
                    stored.values().forEach(json -> remember(InvokeKey.fromJson(json)));
                    return null;
                },
                false);
    }

    /**
     * A new key, created and answered once in clear.
     *
     * @param key  its record
     * @param text the key itself: shown to the caller now, never kept
     */
    public record Created(InvokeKey key, String text) {}

    /**
     * @param function the function it opens
     * @return the new key
     */
    public Future<Created> create(String function) {
        return vertx.executeBlocking(
                () -> {
                    String id = HexFormat.of().formatHex(random(ID_BYTES));
                    String text = KEY_PREFIX + id + "_"
                            + Base64.getUrlEncoder().withoutPadding().encodeToString(random(SECRET_BYTES));
                    InvokeKey key = new InvokeKey(
                            id,
                            function,
                            text.substring(0, PREFIX_LENGTH),
                            sha256(text),
                            hazelcast.getCluster().getClusterTime());
                    stored.set(id, key.toJson().encode());
                    remember(key);
                    return new Created(key, text);
                },
                false);
    }

    /**
     * @param function a function
     * @return its keys, oldest first
     */
    public Future<List<InvokeKey>> list(String function) {
        return vertx.executeBlocking(
                () -> stored.values().stream()
                        .map(InvokeKey::fromJson)
                        .filter(key -> key.function().equals(function))
                        .sorted(Comparator.comparingLong(InvokeKey::created))
                        .toList(),
                false);
    }

    /**
     * Revokes a key everywhere.
     *
     * @param function the function it opens
     * @param id       its id
     * @return completes once revoked; fails with {@code 404} when the function has no key of that id
     */
    public Future<Void> revoke(String function, String id) {
        return vertx.executeBlocking(
                () -> {
                    String json = stored.get(id);
                    if (json == null || !InvokeKey.fromJson(json).function().equals(function)) {
                        throw Failure.KEY_NOT_FOUND.exception(
                                "function '" + function + "' has no key with id '" + id + "'");
                    }
                    stored.delete(id);
                    byId.remove(id);
                    return null;
                },
                false);
    }

    /**
     * Revokes every key of a function: a function deleted and later deployed again under its name starts keyless.
     *
     * @param function the function
     * @return completes once revoked
     */
    public Future<Void> revokeAll(String function) {
        return vertx.executeBlocking(
                () -> {
                    for (Map.Entry<String, String> entry : stored.entrySet()) {
                        if (InvokeKey.fromJson(entry.getValue()).function().equals(function)) {
                            stored.delete(entry.getKey());
                            byId.remove(entry.getKey());
                        }
                    }
                    return null;
                },
                false);
    }

    /**
     * Whether a presented key opens a function. Constant time in the secret: the hashes are compared with
     * {@link MessageDigest#isEqual}.
     *
     * @param function the function
     * @param text     the presented key
     * @return whether it is one of the function's current keys
     */
    public boolean opens(String function, String text) {
        String id = text.length() > PREFIX_LENGTH && text.startsWith(KEY_PREFIX)
                ? text.substring(KEY_PREFIX.length(), PREFIX_LENGTH)
                : "";
        InvokeKey key = byId.get(id);
        boolean matches = MessageDigest.isEqual(sha256(text), key == null ? NO_HASH : key.sha256());
        return matches && key.function().equals(function);
    }

    private void remember(InvokeKey key) {
        byId.put(key.id(), key);
    }

    private static byte[] random(int bytes) {
        byte[] value = new byte[bytes];
        RANDOM.nextBytes(value);
        return value;
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** Keeps this member's copy in step with the cluster's map; events arrive on Hazelcast's threads. */
    private final class Listener
            implements EntryAddedListener<String, String>,
                    EntryUpdatedListener<String, String>,
                    EntryRemovedListener<String, String>,
                    EntryEvictedListener<String, String> {

        @Override
        public void entryAdded(EntryEvent<String, String> event) {
            remember(InvokeKey.fromJson(event.getValue()));
        }

        @Override
        public void entryUpdated(EntryEvent<String, String> event) {
            remember(InvokeKey.fromJson(event.getValue()));
        }

        @Override
        public void entryRemoved(EntryEvent<String, String> event) {
            byId.remove(event.getKey());
        }

        @Override
        public void entryEvicted(EntryEvent<String, String> event) {
            byId.remove(event.getKey());
        }
    }
}
