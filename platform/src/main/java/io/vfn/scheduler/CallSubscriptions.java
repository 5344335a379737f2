package io.vfn.scheduler;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The WebSocket subscriptions held on this node: call id → who waits for its end. One consumer of the
 * cluster-wide {@link CallEvents#ENDED} event fetches an ended call once and hands it to its subscribers, so a
 * call accepted on any node is pushed to a socket held on this one. A verticle: deploy it before anything subscribes.
 */
public final class CallSubscriptions extends VerticleBase {

    private final CallStore store;
    private final Map<String, List<Consumer<CallRecord>>> waiting = new ConcurrentHashMap<>();
    private MessageConsumer<JsonObject> consumer;
    private MessageConsumer<JsonObject> previousRelease;

    /**
     * @param store the calls
     */
    public CallSubscriptions(CallStore store) {
        this.store = store;
    }

    /** Starts listening for ended calls. */
    @Override
    public Future<?> start() {
        consumer = vertx.eventBus().consumer(CallEvents.ENDED, this::ended);
        previousRelease = vertx.eventBus().consumer(CallEvents.ENDED_ONE_BY_ONE, this::ended);
        return Future.all(consumer.completion(), previousRelease.completion());
    }

    private void ended(Message<JsonObject> message) {
        for (String callId : CallEvents.callIds(message.body())) {
            List<Consumer<CallRecord>> subscribers = waiting.remove(callId);
            if (subscribers != null) {
                vertx.executeBlocking(() -> store.get(callId), false)
                        .onSuccess(found -> found.ifPresent(call -> subscribers.forEach(s -> s.accept(call))));
            }
        }
    }

    /**
     * Waits for a call's end; answers at once when it already ended. Only the call's status is read to decide (its
     * bodies are neither parsed nor sent); the whole record is read once, when it ended.
     *
     * @param callId     the call
     * @param subscriber gets the ended call, once
     * @return completes with whether the call exists
     */
    public Future<Boolean> subscribe(String callId, Consumer<CallRecord> subscriber) {
        waiting.computeIfAbsent(callId, id -> new CopyOnWriteArrayList<>()).add(subscriber);
        // Read after registering: an end published in between is then seen either here or by the consumer.
        return Future.fromCompletionStage(store.briefAsync(callId), vertx.getOrCreateContext())
                .compose(brief -> {
                    if (brief == null) {
                        unsubscribe(callId, subscriber);
                        return Future.succeededFuture(false);
                    }
                    if (!brief.status().ended() || !unsubscribe(callId, subscriber)) {
                        return Future.succeededFuture(true);
                    }
                    return Future.fromCompletionStage(store.getAsync(callId), vertx.getOrCreateContext())
                            .map(ended -> {
                                if (ended != null) {
                                    subscriber.accept(ended);
                                }
                                // Gone in between (its time to live ran out): as if it never was.
                                return ended != null;
                            });
                })
                .onFailure(e -> unsubscribe(callId, subscriber));
    }

    /**
     * @param callId     a call
     * @param subscriber a subscriber of it
     * @return whether it was still waiting (and so had not been answered)
     */
    public boolean unsubscribe(String callId, Consumer<CallRecord> subscriber) {
        List<Consumer<CallRecord>> subscribers = waiting.get(callId);
        boolean removed = subscribers != null && subscribers.remove(subscriber);
        if (subscribers != null && subscribers.isEmpty()) {
            waiting.remove(callId, subscribers);
        }
        return removed;
    }

    /** @return the subscribers waiting on this node */
    public int waiting() {
        return waiting.values().stream().mapToInt(List::size).sum();
    }

    /** Stops listening. */
    @Override
    public Future<?> stop() {
        return Future.all(consumer.unregister(), previousRelease.unregister());
    }
}
