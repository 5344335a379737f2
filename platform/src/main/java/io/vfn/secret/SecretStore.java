package io.vfn.secret;

import com.hazelcast.core.EntryEvent;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.map.listener.EntryAddedListener;
import com.hazelcast.map.listener.EntryUpdatedListener;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vfn.Failure;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Function secrets, sealed: in the cluster's {@code vfn.secrets} map (name → sealed JSON) and in each member's data
 * directory. Values are sealed by the member that takes them and opened only where a function that names them
 * runs; no route reads a value back. Every change, made on any member, reaches {@code onChange} on every member.
 */
public final class SecretStore {

    /** Longest secret value accepted, in bytes. */
    public static final int MAX_VALUE_BYTES = 64 * 1024;

    private static final System.Logger LOG = System.getLogger(SecretStore.class.getName());

    private final Vertx vertx;
    private final Context context;
    private final HazelcastInstance hazelcast;
    private final IMap<String, String> secrets;
    private final SecretCipher cipher;
    private final SecretFiles files;
    private Consumer<String> onChange = name -> {};

    /**
     * @param vertx     the node
     * @param hazelcast the cluster
     * @param dataDir   the node's data directory
     * @param keyText   the operator's secrets key
     */
    public SecretStore(Vertx vertx, HazelcastInstance hazelcast, Path dataDir, String keyText) {
        this.vertx = vertx;
        this.context = vertx.getOrCreateContext();
        this.hazelcast = hazelcast;
        this.secrets = hazelcast.getMap("vfn.secrets");
        this.cipher = new SecretCipher(keyText);
        this.files = new SecretFiles(dataDir);
    }

    /**
     * Merges this member's persisted secrets into the cluster's, brings its own copies up to date, and starts
     * listening.
     *
     * @param onChange told a secret's name, on the store's context, whenever it is set or deleted anywhere
     * @return completes once merged
     */
    public Future<Void> start(Consumer<String> onChange) {
        this.onChange = onChange;
        return vertx.executeBlocking(
                () -> {
                    for (SealedSecret local : files.readAll()) {
                        mergeIntoCluster(local);
                    }
                    secrets.addEntryListener(new Listener(), true);
                    secrets.values().forEach(json -> files.write(parse(json)));
                    return null;
                },
                false);
    }

    /**
     * A secret as listed: its name and when it last changed, never its value.
     *
     * @param name    the name
     * @param updated cluster time of its last change
     */
    public record SecretInfo(String name, long updated) {
        /** @return this as JSON */
        public JsonObject toJson() {
            return new JsonObject()
                    .put("name", name)
                    .put("updated", java.time.Instant.ofEpochMilli(updated).toString());
        }
    }

    /**
     * Sets a secret: creates it or rotates its value.
     *
     * @param name  its name
     * @param value its value
     * @return whether it is new
     */
    public Future<Boolean> put(String name, String value) {
        SecretNames.require(name);
        return vertx.executeBlocking(
                () -> {
                    SealedSecret sealed =
                            cipher.seal(name, value, hazelcast.getCluster().getClusterTime());
                    Optional<SealedSecret> previous = Optional.ofNullable(
                                    secrets.put(name, sealed.toJson().encode()))
                            .map(SecretStore::parse);
                    files.write(sealed);
                    return previous.isEmpty() || previous.get().deleted();
                },
                false);
    }

    /**
     * Deletes a secret everywhere (a tombstone stays).
     *
     * @param name its name
     * @return completes once deleted
     */
    public Future<Void> delete(String name) {
        return vertx.executeBlocking(
                () -> {
                    live(name).orElseThrow(() -> notFound(name));
                    SealedSecret tombstone =
                            SealedSecret.tombstone(name, hazelcast.getCluster().getClusterTime());
                    secrets.set(name, tombstone.toJson().encode());
                    files.write(tombstone);
                    return null;
                },
                false);
    }

    /**
     * @param name a secret's name
     * @return its listing
     */
    public Future<SecretInfo> info(String name) {
        return vertx.executeBlocking(
                () -> live(name).map(s -> new SecretInfo(s.name(), s.updated())).orElseThrow(() -> notFound(name)),
                false);
    }

    /** @return every secret's listing, by name */
    public Future<List<SecretInfo>> list() {
        return vertx.executeBlocking(
                () -> secrets.values().stream()
                        .map(SecretStore::parse)
                        .filter(s -> !s.deleted())
                        .map(s -> new SecretInfo(s.name(), s.updated()))
                        .sorted((a, b) -> a.name().compareTo(b.name()))
                        .toList(),
                false);
    }

    /**
     * @param names names a spec refers to
     * @return those that name no secret, in order
     */
    public Future<List<String>> missing(Collection<String> names) {
        if (names.isEmpty()) {
            return Future.succeededFuture(List.of());
        }
        return vertx.executeBlocking(
                () -> names.stream()
                        .filter(name -> live(name).isEmpty())
                        .sorted()
                        .toList(),
                false);
    }

    /**
     * A secret's value, opened. Blocking.
     *
     * @param name its name
     * @return its value; empty when there is no such secret
     * @throws io.vfn.VfnException when it cannot be opened with this member's key
     */
    public Optional<String> value(String name) {
        return live(name).map(cipher::open);
    }

    private Optional<SealedSecret> live(String name) {
        return Optional.ofNullable(secrets.get(name)).map(SecretStore::parse).filter(s -> !s.deleted());
    }

    private void mergeIntoCluster(SealedSecret local) {
        while (true) {
            String clusterJson = secrets.get(local.name());
            if (clusterJson != null && !local.newerThan(parse(clusterJson))) {
                return;
            }
            boolean stored = clusterJson == null
                    ? secrets.putIfAbsent(local.name(), local.toJson().encode()) == null
                    : secrets.replace(local.name(), clusterJson, local.toJson().encode());
            if (stored) {
                return;
            }
        }
    }

    private static io.vfn.VfnException notFound(String name) {
        return Failure.SECRET_NOT_FOUND.exception("no secret named '" + name + "'");
    }

    private static SealedSecret parse(String json) {
        return SealedSecret.fromJson(new JsonObject(json));
    }

    /** Hazelcast's events arrive on its threads: the copy is written on a worker, the change told on the context. */
    private final class Listener implements EntryAddedListener<String, String>, EntryUpdatedListener<String, String> {
        @Override
        public void entryAdded(EntryEvent<String, String> event) {
            onEvent(event.getValue());
        }

        @Override
        public void entryUpdated(EntryEvent<String, String> event) {
            onEvent(event.getValue());
        }

        private void onEvent(String json) {
            SealedSecret secret = parse(json);
            context.executeBlocking(() -> {
                        files.write(secret);
                        return null;
                    })
                    .onFailure(e -> LOG.log(
                            System.Logger.Level.WARNING, "cannot keep secret " + secret.name() + ": " + e.getMessage()))
                    .onComplete(v -> onChange.accept(secret.name()));
        }
    }
}
