package io.vfn.callback;

import io.vertx.core.Future;
import io.vfn.Failure;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Decides whether a callback may go to a URL. Its host is resolved here, and the address it resolved to is
 * checked: refused when it is {@linkplain ReservedAddresses reserved} (loopback, private, link-local, …) or one
 * of the cluster's own addresses, unless the operator {@linkplain CallbackAllowList allow-listed} it. The
 * sender then connects to that very address, so a name whose DNS answer changes after the check (rebinding)
 * cannot lead the connection elsewhere. Checked when a call is accepted and again before each delivery attempt.
 */
public final class DestinationGuard {

    private final CallbackAllowList allowList;
    private final Supplier<Set<InetAddress>> ownAddresses;
    private final Function<String, Future<InetAddress>> resolver;

    /**
     * @param allowList    the operator's exceptions
     * @param ownAddresses the addresses of this node and the cluster's members
     * @param resolver     resolves a host name (or literal address) to the address to connect to
     */
    public DestinationGuard(
            CallbackAllowList allowList,
            Supplier<Set<InetAddress>> ownAddresses,
            Function<String, Future<InetAddress>> resolver) {
        this.allowList = allowList;
        this.ownAddresses = ownAddresses;
        this.resolver = resolver;
    }

    /**
     * @param url a callback URL as the caller gave it
     * @return the destination to connect to; failed with {@link Failure#CALLBACK_REFUSED} when the URL is not an
     *     absolute http(s) URL or its address is refused, with the resolver's error when its host does not resolve
     */
    public Future<CallbackDestination> check(String url) {
        URI uri;
        try {
            uri = parse(url);
        } catch (RuntimeException e) {
            return Future.failedFuture(e);
        }
        String host = hostOf(uri);
        return resolver.apply(host)
                .recover(e -> Future.failedFuture(Failure.CALLBACK_REFUSED.exception(
                        "the callback host '" + host + "' does not resolve: " + e.getMessage())))
                .compose(address -> refusal(host, address)
                        .<Future<CallbackDestination>>map(
                                reason -> Future.failedFuture(Failure.CALLBACK_REFUSED.exception(reason)))
                        .orElseGet(() -> Future.succeededFuture(new CallbackDestination(uri, address))));
    }

    /**
     * @param host    the URL's host, as written
     * @param address the address it resolved to
     * @return why a callback may not go there, empty when it may
     */
    public Optional<String> refusal(String host, InetAddress address) {
        if (allowList.allowsHost(host) || allowList.allowsAddress(address)) {
            return Optional.empty();
        }
        // The address itself stays out of the reason: it would tell callers what internal names resolve to.
        String where = "the callback host '" + host + "' resolves to";
        String unless = "; callbacks may not reach it unless the operator allows it (--callback-allow)";
        Optional<String> kind = ReservedAddresses.kindOf(address);
        if (kind.isPresent()) {
            return Optional.of(where + " a non-public address (" + kind.get() + ")" + unless);
        }
        if (ownAddresses.get().contains(address)) {
            return Optional.of(where + " an address of this vfn cluster" + unless);
        }
        return Optional.empty();
    }

    /**
     * @param url a callback URL
     * @return the URL as an absolute http(s) URI with a host
     * @throws io.vfn.VfnException ({@link Failure#CALLBACK_REFUSED}) when it is not one
     */
    static URI parse(String url) {
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
                throw Failure.CALLBACK_REFUSED.exception("the callback URL must be an absolute http or https URL, was '"
                        + CallbackUrls.redacted(url) + "'");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw Failure.CALLBACK_REFUSED.exception("the callback URL is not a URL: " + e.getReason());
        }
    }

    /** @return the URL's host without the brackets of an IPv6 literal */
    static String hostOf(URI uri) {
        String host = uri.getHost();
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }
}
