package io.vfn.callback;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.util.NetUtil;
import io.vertx.core.Future;
import io.vfn.Failure;
import io.vfn.VfnException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The destination guard's decisions, made on literal addresses and a resolver written here: nothing is resolved
 * through DNS and nothing is connected to.
 */
class DestinationGuardTest {

    private static final InetAddress MEMBER = literal("203.0.113.50");
    private static final DestinationGuard GUARD = guard(CallbackAllowList.none());

    @ParameterizedTest
    @ValueSource(
            strings = {
                "127.0.0.1",
                "127.255.0.9",
                "::1",
                "169.254.169.254",
                "169.254.0.1",
                "10.0.0.1",
                "172.16.0.1",
                "172.31.255.255",
                "192.168.0.1",
                "100.64.0.1",
                "fc00::1",
                "fd12:3456::1",
                "fe80::1",
                "fec0::1",
                "0.0.0.0",
                "::",
                "224.0.0.1",
                "ff02::1",
                "255.255.255.255",
                "240.0.0.1",
                "198.18.0.1",
                "192.0.0.192",
                "::ffff:127.0.0.1",
                "::ffff:169.254.169.254",
                "::ffff:10.0.0.1",
                "::ffff:192.168.0.1",
                "::ffff:0.0.0.0",
                "::ffff:0:7f00:1",
                "::7f00:1",
                "64:ff9b::a9fe:a9fe",
                "64:ff9b:1::7f00:1",
                "2002:7f00:1::1",
                "2001:0:4136:e378::1"
            })
    void reservedAddresses_areRefused(String address) {
        assertThat(GUARD.refusal("callback.example", literal(address)))
                .hasValueSatisfying(reason ->
                        assertThat(reason).contains("non-public address").contains("--callback-allow"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "::ffff:127.0.0.1",
                "::ffff:169.254.169.254",
                "::ffff:10.0.0.1",
                "::ffff:172.16.0.1",
                "::ffff:192.168.0.1",
                "::ffff:0.0.0.0"
            })
    void ipv4MappedForms_areRefused_evenKeptAsIpv6Addresses(String address) throws UnknownHostException {
        // Java turns a mapped literal into an Inet4Address; a resolver may hand over the 16-byte form.
        InetAddress sixteenBytes =
                Inet6Address.getByAddress(null, NetUtil.createByteArrayFromIpAddressString(address), -1);
        assertThat(sixteenBytes.getAddress()).hasSize(16);
        assertThat(GUARD.refusal("callback.example", sixteenBytes)).isPresent();
    }

    @Test
    void aMembersOwnAddress_isRefused_thoughItIsPublic() {
        assertThat(ReservedAddresses.kindOf(MEMBER)).isEmpty();
        assertThat(GUARD.refusal("node-2.example", MEMBER))
                .hasValueSatisfying(reason -> assertThat(reason).contains("an address of this vfn cluster"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "8.8.8.8",
                "1.1.1.1",
                "93.184.215.14",
                "172.32.0.1",
                "192.169.0.1",
                "100.128.0.1",
                "2606:4700:4700::1111",
                "2a00:1450:4001::200e",
                "::ffff:8.8.8.8",
                "64:ff9b::808:808",
                "2002:808:808::1"
            })
    void publicAddresses_pass(String address) {
        assertThat(GUARD.refusal("callback.example", literal(address))).isEmpty();
    }

    @Test
    void allowList_optsBlocksAddressesAndNamesIn() {
        DestinationGuard guard = guard(CallbackAllowList.parse(
                List.of("10.1.0.0/16", "127.0.0.1", "::1", "hooks.internal", "*.svc.cluster.local", "203.0.113.50")));

        assertThat(guard.refusal("a", literal("10.1.2.3"))).isEmpty();
        assertThat(guard.refusal("a", literal("10.2.0.1"))).isPresent();
        assertThat(guard.refusal("a", literal("127.0.0.1"))).isEmpty();
        assertThat(guard.refusal("a", literal("127.0.0.2"))).isPresent();
        assertThat(guard.refusal("a", literal("::1"))).isEmpty();
        assertThat(guard.refusal("a", MEMBER)).isEmpty();
        assertThat(guard.refusal("HOOKS.internal", literal("169.254.169.254"))).isEmpty();
        assertThat(guard.refusal("receiver.team.svc.cluster.local", literal("10.9.9.9")))
                .isEmpty();
        assertThat(guard.refusal("svc.cluster.local.evil.example", literal("10.9.9.9")))
                .isPresent();
        assertThat(guard.refusal("hooks.internal.evil.example", literal("10.9.9.9")))
                .isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"10.0.0.0/33", "not a host!", "::1/200", "10.0.0.1/x"})
    void allowList_refusesEntriesItCannotRead(String entry) {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> CallbackAllowList.parse(List.of(entry)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(entry);
    }

    @Test
    void check_connectsToTheAddressItChecked_withTheUrlsHost() {
        DestinationGuard guard = new DestinationGuard(
                CallbackAllowList.none(), Set::of, resolver(Map.of("hooks.example", "93.184.215.14")));

        CallbackDestination destination =
                guard.check("https://user:pw@hooks.example/done?token=s3cret").result();

        assertThat(destination.address()).isEqualTo(literal("93.184.215.14"));
        assertThat(destination.port()).isEqualTo(443);
        assertThat(destination.requestOptions().getHost()).isEqualTo("hooks.example");
        assertThat(destination.requestOptions().getURI()).isEqualTo("/done?token=s3cret");
        assertThat(destination.requestOptions().isSsl()).isTrue();
        assertThat(destination.server().hostAddress()).isEqualTo("93.184.215.14");
        assertThat(destination.basicAuthorization()).contains("Basic dXNlcjpwdw==");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "http://127.0.0.1:9000/x",
                "http://localhost/x",
                "http://[::1]:8080/",
                "http://metadata.internal/",
                "http://[::ffff:169.254.169.254]/latest",
                "ftp://example.org/x",
                "/relative",
                "http://",
                "not a url"
            })
    void check_failsWithCallbackRefused(String url) {
        DestinationGuard guard = new DestinationGuard(
                CallbackAllowList.none(),
                Set::of,
                resolver(Map.of("localhost", "127.0.0.1", "metadata.internal", "169.254.169.254")));

        Future<CallbackDestination> checked = guard.check(url);

        assertThat(checked.failed()).isTrue();
        assertThat(checked.cause())
                .isInstanceOfSatisfying(
                        VfnException.class, e -> assertThat(e.failure()).isEqualTo(Failure.CALLBACK_REFUSED));
    }

    @Test
    void aHostThatDoesNotResolve_isRefusedWithThatReason() {
        Future<CallbackDestination> checked = GUARD.check("http://nowhere.example/x");

        assertThat(checked.cause()).isInstanceOf(VfnException.class).hasMessageContaining("does not resolve");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "https://user:secret@hooks.example:8443/done?token=abc#frag",
                "http://hooks.example/done?token=abc"
            })
    void redactedUrls_keepNoCredentials(String url) {
        assertThat(CallbackUrls.redacted(url))
                .doesNotContain("secret")
                .doesNotContain("token")
                .doesNotContain("user")
                .contains("hooks.example")
                .contains("/done");
    }

    private static DestinationGuard guard(CallbackAllowList allowList) {
        return new DestinationGuard(allowList, () -> Set.of(MEMBER), resolver(Map.of()));
    }

    /** Resolves literals as themselves and the given names; anything else does not resolve. */
    private static java.util.function.Function<String, Future<InetAddress>> resolver(Map<String, String> names) {
        return host -> {
            String address = names.getOrDefault(host, host);
            return NetUtil.isValidIpV4Address(address) || NetUtil.isValidIpV6Address(address)
                    ? Future.succeededFuture(literal(address))
                    : Future.failedFuture(new UnknownHostException(host));
        };
    }

    private static InetAddress literal(String address) {
        try {
            return InetAddress.getByAddress(NetUtil.createByteArrayFromIpAddressString(address));
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
