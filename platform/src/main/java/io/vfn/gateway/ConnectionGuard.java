package io.vfn.gateway;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Bounds the HTTP connections of one gateway instance (one event loop): how many the node keeps open (beyond
 * {@code --max-connections}, a new one is closed at once), how long one may sit without a request in progress
 * ({@code --http-idle-timeout}: an idle keep-alive connection, or one whose request headers have not all come), and how
 * long a request's body may take to arrive ({@code --request-read-timeout}). A call waiting for its function is not
 * idle: its function's timeout bounds it. A request answered before its body was read (refused) has its connection
 * closed at the next sweep, a moment after the answer. Upgraded WebSocket connections have bounds of their own.
 *
 * <p>One sweep a second checks every connection; a request costs one map lookup and a field write, no timer. All of it
 * runs on the instance's event loop.
 */
final class ConnectionGuard {

    private static final long SWEEP_MS = 1_000;

    private final AtomicInteger nodeConnections;
    private final int maxConnections;
    private final long idleTicks;
    private final long readTicks;
    private final Map<HttpConnection, Tracked> open = new IdentityHashMap<>();
    /** Seconds since start, advanced by the sweep: requests stamp it instead of reading a clock. */
    private long tick;

    /**
     * @param nodeConnections the node's open connections, shared by its gateway instances
     * @param maxConnections  the most the node keeps open
     * @param idleMs          the longest a connection may sit without a request in progress
     * @param readMs          the longest a request's body may take to arrive
     */
    ConnectionGuard(AtomicInteger nodeConnections, int maxConnections, long idleMs, long readMs) {
        this.nodeConnections = nodeConnections;
        this.maxConnections = maxConnections;
        this.idleTicks = Math.max(1, (idleMs + SWEEP_MS - 1) / SWEEP_MS);
        this.readTicks = Math.max(1, (readMs + SWEEP_MS - 1) / SWEEP_MS);
    }

    /**
     * Starts the sweep on the calling context.
     *
     * @param vertx the instance's Vert.x
     * @return the sweep's timer id
     */
    long start(Vertx vertx) {
        return vertx.setPeriodic(SWEEP_MS, id -> sweep());
    }

    /** @param connection a connection just accepted */
    void opened(HttpConnection connection) {
        if (nodeConnections.incrementAndGet() > maxConnections) {
            nodeConnections.decrementAndGet();
            connection.close();
            return;
        }
        Tracked tracked = new Tracked(connection, tick);
        open.put(connection, tracked);
        connection.closeHandler(v -> {
            if (open.remove(connection) != null) {
                nodeConnections.decrementAndGet();
            }
        });
    }

    /** @param request a request whose headers arrived */
    void started(HttpServerRequest request) {
        Tracked tracked = open.get(request.connection());
        if (tracked != null) {
            tracked.request = request;
            tracked.startedTick = tick;
            tracked.idleSinceTick = -1;
        }
    }

    /**
     * Exempts a connection that becomes a WebSocket from the HTTP deadlines.
     *
     * @param remote the handshake's peer
     */
    void upgraded(SocketAddress remote) {
        Tracked tracked = find(remote);
        if (tracked != null) {
            tracked.upgraded = true;
        }
    }

    /**
     * Forgets a WebSocket's connection: once upgraded, its HTTP connection no longer tells it closed.
     *
     * @param remote the socket's peer
     */
    void webSocketClosed(SocketAddress remote) {
        Tracked tracked = find(remote);
        if (tracked != null && open.remove(tracked.connection) != null) {
            nodeConnections.decrementAndGet();
        }
    }

    private Tracked find(SocketAddress remote) {
        for (Tracked tracked : open.values()) {
            if (remote.equals(tracked.connection.remoteAddress())) {
                return tracked;
            }
        }
        return null;
    }

    private void sweep() {
        tick++;
        List<HttpConnection> expired = new ArrayList<>();
        for (Tracked tracked : open.values()) {
            if (!tracked.upgraded && tracked.expired(tick, idleTicks, readTicks)) {
                expired.add(tracked.connection);
            }
        }
        expired.forEach(HttpConnection::close);
    }

    /** One open connection and its request in progress. */
    private static final class Tracked {
        final HttpConnection connection;
        HttpServerRequest request;
        long startedTick;
        long idleSinceTick;
        boolean upgraded;

        Tracked(HttpConnection connection, long tick) {
            this.connection = connection;
            this.idleSinceTick = tick;
        }

        boolean expired(long tick, long idleTicks, long readTicks) {
            if (request != null && request.response().ended() && !request.isEnded()) {
                // Answered before its body was read (refused): the body will not be read, the connection goes.
                return true;
            }
            if (request != null && !request.response().ended()) {
                idleSinceTick = -1;
                return !request.isEnded() && tick - startedTick > readTicks;
            }
            request = null;
            if (idleSinceTick < 0) {
                idleSinceTick = tick;
            }
            return tick - idleSinceTick > idleTicks;
        }
    }
}
