package io.vfn.callback;

import io.netty.util.NetUtil;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The operator's exceptions to the callback guard ({@code --callback-allow}): address blocks ({@code 10.1.0.0/16},
 * {@code 127.0.0.1}, {@code fd00::/8}) whose addresses callbacks may reach, and host names ({@code hooks.internal},
 * or {@code *.svc.cluster.local} for every name under a domain) whose callbacks go wherever they resolve: the
 * operator vouches for that name's DNS.
 */
public final class CallbackAllowList {

    private final List<Cidr> blocks;
    private final List<String> hosts;

    private CallbackAllowList(List<Cidr> blocks, List<String> hosts) {
        this.blocks = List.copyOf(blocks);
        this.hosts = List.copyOf(hosts);
    }

    /** @return a list that allows nothing */
    public static CallbackAllowList none() {
        return new CallbackAllowList(List.of(), List.of());
    }

    /**
     * @param entries CIDR blocks, addresses and host names ({@code *.} allows a whole domain)
     * @return the list
     * @throws IllegalArgumentException naming the first entry that is none of these
     */
    public static CallbackAllowList parse(List<String> entries) {
        List<Cidr> blocks = new ArrayList<>();
        List<String> hosts = new ArrayList<>();
        for (String raw : entries) {
            String entry = raw.trim().toLowerCase(Locale.ROOT);
            if (entry.isEmpty()) {
                continue;
            }
            String address = entry.replaceFirst("/.*", "").replace("[", "").replace("]", "");
            if (entry.contains("/") || NetUtil.isValidIpV4Address(address) || NetUtil.isValidIpV6Address(address)) {
                blocks.add(Cidr.parse(entry));
            } else if (entry.matches("(\\*\\.)?[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*\\.?")) {
                hosts.add(entry.endsWith(".") ? entry.substring(0, entry.length() - 1) : entry);
            } else {
                throw new IllegalArgumentException("'" + raw + "' is neither a CIDR block, an address nor a host name");
            }
        }
        return new CallbackAllowList(blocks, hosts);
    }

    /**
     * @param host a callback URL's host name, as written (no brackets)
     * @return whether the operator allowed that name, whatever it resolves to
     */
    public boolean allowsHost(String host) {
        String name = host.toLowerCase(Locale.ROOT);
        String bare = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
        for (String allowed : hosts) {
            if (allowed.startsWith("*.") ? bare.endsWith(allowed.substring(1)) : bare.equals(allowed)) {
                return true;
            }
        }
        return false;
    }

    /**
     * @param address an address a callback would connect to
     * @return whether the operator allowed it
     */
    public boolean allowsAddress(InetAddress address) {
        return blocks.stream().anyMatch(block -> block.contains(address));
    }

    @Override
    public String toString() {
        List<String> all = new ArrayList<>(hosts);
        blocks.forEach(block -> all.add(block.toString()));
        return String.join(",", all);
    }
}
