package io.vfn.cluster;

import io.vertx.core.eventbus.EventBusOptions;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vfn.config.VfnOptions;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Secures the clustered event bus, which carries every call and its body: mutual TLS between members when
 * {@code --cluster-tls-*} are given (a member must present a certificate signed by the cluster's CA, or its
 * connections are refused), else one clear warning when the bus listens on a non-loopback address.
 */
public final class EventBusSecurity {

    private static final System.Logger LOG = System.getLogger(EventBusSecurity.class.getName());

    private EventBusSecurity() {}

    /**
     * @param options the node's options
     * @param bus     the event bus options to secure
     */
    public static void apply(VfnOptions options, EventBusOptions bus) {
        options.clusterTls()
                .ifPresentOrElse(
                        tls -> bus.setSsl(true)
                                .setClientAuth(ClientAuth.REQUIRED)
                                .setKeyCertOptions(new PemKeyCertOptions()
                                        .setCertPath(tls.cert().toString())
                                        .setKeyPath(tls.key().toString()))
                                // Members are trusted by the CA that signed them (the event bus checks no host names).
                                .setTrustOptions(new PemTrustOptions()
                                        .addCertPath(tls.ca().toString())),
                        () -> {
                            if (!isLoopback(options.clusterHost())) {
                                LOG.log(
                                        System.Logger.Level.WARNING,
                                        "the clustered event bus listens on " + options.clusterHost()
                                                + " without TLS: anyone who reaches its port can read and send calls; set --cluster-tls-cert, "
                                                + "--cluster-tls-key and --cluster-tls-ca, or keep the cluster ports on a private network");
                            }
                        });
    }

    static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
