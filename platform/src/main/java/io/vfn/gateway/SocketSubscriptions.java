package io.vfn.gateway;

import io.vertx.core.Future;
import io.vfn.Failure;
import io.vfn.scheduler.CallRecord;
import io.vfn.scheduler.CallSubscriptions;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The subscriptions one WebSocket holds: at most {@link #MAX} waiting at once (a {@code subscribe} or
 * {@code invokeAsync} beyond gets an {@code error} frame, {@code 429}), each one gone once its call's end was pushed,
 * and all of them removed from the node when the socket closes, so a socket cannot leave waiters behind.
 */
final class SocketSubscriptions {

    /** The most subscriptions one socket holds at once. */
    static final int MAX = 1_000;

    private final CallSubscriptions node;
    /** Subscriber → its call id; ends are pushed from other threads. */
    private final Map<Consumer<CallRecord>, String> held = new ConcurrentHashMap<>();

    private volatile boolean closed;

    /**
     * @param node the node's subscriptions
     */
    SocketSubscriptions(CallSubscriptions node) {
        this.node = node;
    }

    /** Throws the {@code 429} a frame gets when the socket holds its bound. */
    void requireRoom() {
        if (held.size() >= MAX) {
            throw Failure.TOO_MANY_CALLS.exception("this socket waits for " + MAX
                    + " calls' ends, the most one socket may; subscribe again once some ended, or open another socket");
        }
    }

    /**
     * @param callId the call
     * @param pushed gets the ended call, once
     * @return whether the call exists
     */
    Future<Boolean> subscribe(String callId, Consumer<CallRecord> pushed) {
        if (closed) {
            return Future.succeededFuture(true);
        }
        Consumer<CallRecord> subscriber = new Consumer<>() {
            @Override
            public void accept(CallRecord ended) {
                held.remove(this);
                pushed.accept(ended);
            }
        };
        held.put(subscriber, callId);
        return node.subscribe(callId, subscriber).andThen(exists -> {
            if (exists.failed() || !exists.result()) {
                held.remove(subscriber);
            }
            if (closed) {
                // Closed while the store answered: closeAll may have run before this subscriber was held.
                node.unsubscribe(callId, subscriber);
            }
        });
    }

    /** Removes every subscription of the socket from the node: the socket closed. */
    void closeAll() {
        closed = true;
        held.forEach((subscriber, callId) -> node.unsubscribe(callId, subscriber));
        held.clear();
    }
}
