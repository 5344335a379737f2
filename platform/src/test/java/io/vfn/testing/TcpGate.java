package io.vfn.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A network link between two loopback ports that is cut until {@link #open()}: connections to {@link #port()} are
 * refused while it is closed, and forwarded to the target port once it is open. Nodes that know each other only
 * through gates form clusters apart, and find each other when the gates open, as after a partition heals.
 */
public final class TcpGate implements AutoCloseable {

    private final int port;
    private final int target;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private ServerSocket server;

    private TcpGate(int port, int target) {
        this.port = port;
        this.target = target;
    }

    /**
     * @param target the loopback port the gate leads to
     * @return a closed gate on a port of its own
     */
    public static TcpGate closedTo(int target) {
        return new TcpGate(TestNode.freePort(), target);
    }

    /** @return the port that leads to the target once the gate is open */
    public int port() {
        return port;
    }

    /** Opens the gate: from now on, connections to {@link #port()} reach the target. */
    public synchronized void open() {
        try {
            server = new ServerSocket(port, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread accepting = new Thread(this::accept, "gate-" + port);
        accepting.setDaemon(true);
        accepting.start();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket in = server.accept();
                Socket out = new Socket(InetAddress.getLoopbackAddress(), target);
                sockets.add(in);
                sockets.add(out);
                pump(in, out);
                pump(out, in);
            } catch (IOException e) {
                // Closed, or the target refused this one connection: the gate goes on while it is open.
            }
        }
    }

    /** Copies one direction until its end, then ends the other side's output (a half-close, as TCP has). */
    private static void pump(Socket from, Socket to) {
        Thread copying = new Thread(
                () -> {
                    try (InputStream in = from.getInputStream()) {
                        OutputStream out = to.getOutputStream();
                        in.transferTo(out);
                        to.shutdownOutput();
                    } catch (IOException e) {
                        closeQuietly(to);
                    }
                },
                "gate-pump");
        copying.setDaemon(true);
        copying.start();
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            closeQuietly(server);
        }
        sockets.forEach(TcpGate::closeQuietly);
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // Closing: nothing left to do with it.
        }
    }
}
