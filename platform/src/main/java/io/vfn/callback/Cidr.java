package io.vfn.callback;

import io.netty.util.NetUtil;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * A block of IPv4 or IPv6 addresses, {@code 10.0.0.0/8} or {@code fc00::/7}; a bare address is a block of one.
 * An IPv4 block never contains an IPv6 address and the other way round: embedded IPv4 forms are unwrapped by
 * {@link ReservedAddresses} before a check.
 *
 * @param network the block's first address, as bytes (4 or 16)
 * @param prefix  how many leading bits every address of the block shares
 */
public record Cidr(byte[] network, int prefix) {

    /**
     * @param text {@code address[/prefix]}, an IPv4 or IPv6 literal (no host names)
     * @return the block
     * @throws IllegalArgumentException when it is not one
     */
    public static Cidr parse(String text) {
        String trimmed = text.trim();
        int slash = trimmed.indexOf('/');
        String address = slash < 0 ? trimmed : trimmed.substring(0, slash);
        if (address.startsWith("[") && address.endsWith("]")) {
            address = address.substring(1, address.length() - 1);
        }
        byte[] bytes = NetUtil.createByteArrayFromIpAddressString(address);
        if (bytes == null) {
            throw new IllegalArgumentException("'" + text + "' is not an IP address or CIDR block");
        }
        int bits = bytes.length * 8;
        int prefix;
        try {
            prefix = slash < 0 ? bits : Integer.parseInt(trimmed.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' has no numeric prefix length");
        }
        if (prefix < 0 || prefix > bits) {
            throw new IllegalArgumentException("'" + text + "' has a prefix length outside 0-" + bits);
        }
        return new Cidr(mask(bytes, prefix), prefix);
    }

    /**
     * @param address an address
     * @return whether it lies in this block
     */
    public boolean contains(InetAddress address) {
        return contains(address.getAddress());
    }

    /**
     * @param address an address's bytes (4 or 16)
     * @return whether it lies in this block
     */
    public boolean contains(byte[] address) {
        return address.length == network.length && Arrays.equals(mask(address, prefix), network);
    }

    private static byte[] mask(byte[] address, int prefix) {
        byte[] masked = address.clone();
        for (int i = 0; i < masked.length; i++) {
            int keep = Math.max(0, Math.min(8, prefix - i * 8));
            masked[i] &= (byte) (0xff << (8 - keep));
        }
        return masked;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Cidr cidr && cidr.prefix == prefix && Arrays.equals(cidr.network, network);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(network) + prefix;
    }

    @Override
    public String toString() {
        try {
            return InetAddress.getByAddress(network).getHostAddress() + "/" + prefix;
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
