package io.vfn.testing;

import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A real WebSocket client of a node's {@code /ws}, reading frames as JSON, blocking for test readability. */
public final class SocketClient implements AutoCloseable {

    private final Vertx vertx = Vertx.vertx();
    private final WebSocket socket;
    private final BlockingQueue<JsonObject> frames = new LinkedBlockingQueue<>();

    /**
     * @param port the node's gateway port
     */
    public SocketClient(int port) {
        WebSocketClient client = vertx.createWebSocketClient();
        socket = Await.result(client.connect(port, "127.0.0.1", "/ws"), 30);
        socket.textMessageHandler(text -> frames.add(new JsonObject(text)));
    }

    /** @param frame a frame to send */
    public void send(JsonObject frame) {
        Await.result(socket.writeTextMessage(frame.encode()), 30);
    }

    /** @param text raw text to send */
    public void sendRaw(String text) {
        Await.result(socket.writeTextMessage(text), 30);
    }

    /**
     * @param seconds the most to wait
     * @return the next frame
     */
    public JsonObject next(long seconds) {
        try {
            JsonObject frame = frames.poll(seconds, TimeUnit.SECONDS);
            if (frame == null) {
                throw new AssertionError("no frame within " + seconds + " s");
            }
            return frame;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** @return whether the socket is still open */
    public boolean isOpen() {
        return !socket.isClosed();
    }

    @Override
    public void close() {
        // The close handshake first: left to Vert.x's own shutdown, an open socket sometimes held it for its whole 30
        // s.
        Await.result(socket.close(), 10);
        Await.result(vertx.close(), 30);
    }
}
