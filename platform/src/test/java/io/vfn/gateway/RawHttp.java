package io.vfn.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** One HTTP/1.1 exchange written byte for byte, for requests a well-behaved client refuses to send. */
final class RawHttp {

    private RawHttp() {}

    /**
     * @param port    the gateway's port on loopback
     * @param request the whole request, with {@code Connection: close}
     * @return the whole answer, as text
     */
    static String exchange(int port, String request) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(30_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
