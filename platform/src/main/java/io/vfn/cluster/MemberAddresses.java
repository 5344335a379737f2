package io.vfn.cluster;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Collections;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The addresses of this vfn cluster: every address of this machine's interfaces (read once) and every member's
 * address as Hazelcast knows it now. Callbacks may not reach them unless allow-listed.
 */
public final class MemberAddresses implements Supplier<Set<InetAddress>> {

    private final HazelcastInstance hazelcast;
    private final Set<InetAddress> local;

    /**
     * Reads this machine's interface addresses; call it at start, not on an event loop.
     *
     * @param hazelcast this member's Hazelcast
     */
    public MemberAddresses(HazelcastInstance hazelcast) {
        this.hazelcast = hazelcast;
        this.local = interfaceAddresses();
    }

    @Override
    public Set<InetAddress> get() {
        Set<InetAddress> all = new HashSet<>(local);
        for (Member member : hazelcast.getCluster().getMembers()) {
            InetSocketAddress address = member.getSocketAddress();
            if (address != null && address.getAddress() != null) {
                all.add(address.getAddress());
            }
        }
        return all;
    }

    private static Set<InetAddress> interfaceAddresses() {
        Set<InetAddress> addresses = new HashSet<>();
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                addresses.addAll(Collections.list(nic.getInetAddresses()));
            }
        } catch (SocketException e) {
            // No interface list: the members' addresses and the reserved blocks still apply.
        }
        return Set.copyOf(addresses);
    }
}
