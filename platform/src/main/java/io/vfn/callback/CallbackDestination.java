package io.vfn.callback;

import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * A callback URL together with the address the guard checked for it: the request goes to exactly that address,
 * while the {@code Host} header, TLS server name and certificate check use the URL's host.
 *
 * @param url     the callback URL
 * @param address the checked address to connect to
 */
public record CallbackDestination(URI url, InetAddress address) {

    /** @return whether the callback goes over TLS */
    public boolean ssl() {
        return "https".equalsIgnoreCase(url.getScheme());
    }

    /** @return the port to connect to */
    public int port() {
        return url.getPort() >= 0 ? url.getPort() : ssl() ? 443 : 80;
    }

    /** @return the checked address and port, where the connection goes */
    public SocketAddress server() {
        return SocketAddress.inetSocketAddress(new InetSocketAddress(address, port()));
    }

    /** @return the request: to {@link #server()}, with the URL's host, port, TLS and path (with query) */
    public RequestOptions requestOptions() {
        String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        return new RequestOptions()
                .setServer(server())
                .setHost(DestinationGuard.hostOf(url))
                .setPort(port())
                .setSsl(ssl())
                .setURI(url.getRawQuery() == null ? path : path + "?" + url.getRawQuery());
    }

    /** @return an {@code Authorization: Basic} value for credentials written into the URL, as curl sends them */
    public Optional<String> basicAuthorization() {
        return Optional.ofNullable(url.getUserInfo())
                .map(info -> "Basic " + Base64.getEncoder().encodeToString(info.getBytes(StandardCharsets.UTF_8)));
    }
}
