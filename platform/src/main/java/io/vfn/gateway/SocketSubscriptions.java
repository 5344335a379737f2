package io.vfn.gateway;

import io.vertx.core.Future;
import io.vfn.Failure;
import io.vfn.scheduler.CallRecord;
import io.vfn.scheduler.CallSubscriptions;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The subscriptions one WebSocket holds: at most {@link #MAX} waiting at once (a {@code subscribe} or
 * {@code invokeAsync} beyond gets an {@code error} frame, {@code 429}), each one gone once its call's end was pushed,
 * and all of them removed from the node when the socket closes, so a socket cannot leave waiters behind. Room is
 * taken when a frame is read ({@link #take}), before the store answers, so a burst of frames cannot pass the bound.
 */
final class SocketSubscriptions {

    /** The most subscriptions one socket holds at once. */
    static final int MAX = 1_000;

    private final CallSubscriptions node;
    /** Subscriber → its call id; ends are pushed from other threads. */
    private final Map<Consumer<CallRecord>, String> held = new ConcurrentHashMap<>();
    /** Room taken: subscriptions held, and those whose frames wait for the store. */
    private final AtomicInteger taken = new AtomicInteger();

    private volatile boolean closed;

    /**
     * @param node the node's subscriptions
     */
    SocketSubscriptions(CallSubscriptions node) {
        this.node = node;
    }

    /** Takes room for one subscription, or throws the {@code 429} a frame gets when the socket holds its bound. */
    void take() {
        if (taken.incrementAndGet() > MAX) {
            taken.decrementAndGet();
            throw Failure.TOO_MANY_CALLS.exception("this socket waits for " + MAX
                    + " calls' ends, the most one socket may; subscribe again once some ended, or open another socket");
        }
    }

    /** Gives back the room {@link #take} took for a subscription that was not made. */
    void giveBack() {
        taken.decrementAndGet();
    }

    /**
     * Subscribes in the room {@link #take} took.
     *
     * @param callId the call
     * @param pushed gets the ended call, once
     * @return whether the call exists
     */
    Future<Boolean> subscribe(String callId, Consumer<CallRecord> pushed) {
        Consumer<CallRecord> subscriber = new Consumer<>() {
            @Override
            public void accept(CallRecord ended) {
                forget(this);
                pushed.accept(ended);
            }
        };
        held.put(subscriber, callId);
        if (closed) {
            forget(subscriber);
            return Future.succeededFuture(true);
        }
        return node.subscribe(callId, subscriber).andThen(exists -> {
            if (exists.failed() || !exists.result()) {
                forget(subscriber);
            }
            if (closed) {
                // Closed while the store answered: closeAll may have run before this subscriber was held.
                node.unsubscribe(callId, subscriber);
            }
        });
    }

    private void forget(Consumer<CallRecord> subscriber) {
        if (held.remove(subscriber) != null) {
            taken.decrementAndGet();
        }
    }

    /** Removes every subscription of the socket from the node: the socket closed. */
    void closeAll() {
        closed = true;
        held.forEach((subscriber, callId) -> {
            node.unsubscribe(callId, subscriber);
            forget(subscriber);
        });
    }
}
