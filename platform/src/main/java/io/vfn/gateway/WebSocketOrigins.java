package io.vfn.gateway;

import io.netty.util.NetUtil;
import java.util.Locale;
import java.util.Set;

/**
 * Which WebSocket handshakes {@code /ws} accepts by their {@code Origin}. A browser sends the origin of the page
 * that opens the socket, and any page a developer visits could otherwise open {@code ws://localhost:8080/ws} and
 * invoke functions: only the operator's {@code --allowed-origins} may. A client that is not a browser sends no
 * {@code Origin} and is not affected, nor is one that names the gateway itself by address or as {@code localhost}
 * (Vert.x's WebSocket client does so by default; no page is served from the gateway's own origin). A name other
 * than {@code localhost} does not count as the gateway's own: a page whose name is rebound to the gateway's
 * address would pass for it.
 */
final class WebSocketOrigins {

    private final Set<String> allowed;

    private WebSocketOrigins(Set<String> allowed) {
        this.allowed = allowed;
    }

    /**
     * @param allowed origins ({@code scheme://host[:port]}), lower-case
     * @return the check
     */
    static WebSocketOrigins create(Set<String> allowed) {
        return new WebSocketOrigins(Set.copyOf(allowed));
    }

    /**
     * @param origin the handshake's {@code Origin} header, or {@code null}
     * @param host   its {@code Host} header, or {@code null}
     * @return whether the handshake may go on
     */
    boolean allows(String origin, String host) {
        if (origin == null) {
            return true;
        }
        String normalized = origin.trim().toLowerCase(Locale.ROOT);
        return allowed.contains(normalized)
                || host != null && isGatewayItself(normalized, host.trim().toLowerCase(Locale.ROOT));
    }

    private static boolean isGatewayItself(String origin, String host) {
        String authority = origin.replaceFirst("^https?://", "");
        if (authority.equals(origin) || !authority.equals(host)) {
            return false;
        }
        String name = authority.startsWith("[")
                ? authority.substring(1, Math.max(1, authority.indexOf(']')))
                : authority.replaceFirst(":\\d+$", "");
        return name.equals("localhost") || NetUtil.isValidIpV4Address(name) || NetUtil.isValidIpV6Address(name);
    }
}
