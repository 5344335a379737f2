package io.vfn.callback;

import java.net.InetAddress;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The address blocks a callback may not reach by default: whatever is not a public unicast address of the
 * internet. IPv6 forms that carry an IPv4 address (mapped, compatible, NAT64, 6to4) are judged by the IPv4
 * address they carry, so {@code ::ffff:127.0.0.1} is loopback like {@code 127.0.0.1}. Classifies only: never
 * resolves or connects.
 */
public final class ReservedAddresses {

    private record Block(Cidr cidr, String kind) {}

    private static final List<Block> IPV4 = List.of(
            new Block(Cidr.parse("0.0.0.0/8"), "unspecified"),
            new Block(Cidr.parse("10.0.0.0/8"), "private, RFC 1918"),
            new Block(Cidr.parse("100.64.0.0/10"), "shared, carrier-grade NAT"),
            new Block(Cidr.parse("127.0.0.0/8"), "loopback"),
            new Block(Cidr.parse("169.254.0.0/16"), "link-local, where cloud metadata services answer"),
            new Block(Cidr.parse("172.16.0.0/12"), "private, RFC 1918"),
            new Block(Cidr.parse("192.0.0.0/24"), "reserved for protocol assignments"),
            new Block(Cidr.parse("192.168.0.0/16"), "private, RFC 1918"),
            new Block(Cidr.parse("198.18.0.0/15"), "reserved for benchmarking"),
            new Block(Cidr.parse("224.0.0.0/4"), "multicast"),
            new Block(Cidr.parse("240.0.0.0/4"), "reserved or broadcast"));

    private static final List<Block> IPV6 = List.of(
            new Block(Cidr.parse("::/128"), "unspecified"),
            new Block(Cidr.parse("::1/128"), "loopback"),
            new Block(Cidr.parse("100::/64"), "discard-only"),
            new Block(Cidr.parse("2001::/32"), "Teredo tunnel carrying an IPv4 address"),
            new Block(Cidr.parse("fc00::/7"), "unique-local"),
            new Block(Cidr.parse("fe80::/10"), "link-local"),
            new Block(Cidr.parse("fec0::/10"), "site-local"),
            new Block(Cidr.parse("ff00::/8"), "multicast"));

    /** IPv6 blocks whose last 32 bits are an IPv4 address. */
    private static final List<Cidr> IPV4_IN_LOW_BITS = List.of(
            Cidr.parse("::ffff:0:0/96"), // IPv4-mapped
            Cidr.parse("::ffff:0:0:0/96"), // IPv4-translated
            Cidr.parse("::/96"), // IPv4-compatible (deprecated)
            Cidr.parse("64:ff9b::/96"), // NAT64, well-known prefix
            Cidr.parse("64:ff9b:1::/48")); // NAT64, local-use prefix
    /** 6to4: the IPv4 address follows the 16-bit prefix. */
    private static final Cidr SIX_TO_FOUR = Cidr.parse("2002::/16");

    private ReservedAddresses() {}

    /**
     * @param address an address
     * @return what kind of non-public address it is ("loopback", …), empty for a public one
     */
    public static Optional<String> kindOf(InetAddress address) {
        return kindOf(address.getAddress());
    }

    private static Optional<String> kindOf(byte[] address) {
        if (address.length == 4) {
            return find(IPV4, address);
        }
        Optional<String> own = find(IPV6, address);
        if (own.isPresent()) {
            return own;
        }
        for (Cidr block : IPV4_IN_LOW_BITS) {
            if (block.contains(address)) {
                return kindOf(Arrays.copyOfRange(address, 12, 16));
            }
        }
        if (SIX_TO_FOUR.contains(address)) {
            return kindOf(Arrays.copyOfRange(address, 2, 6));
        }
        return Optional.empty();
    }

    private static Optional<String> find(List<Block> blocks, byte[] address) {
        return blocks.stream()
                .filter(block -> block.cidr().contains(address))
                .map(Block::kind)
                .findFirst();
    }
}
