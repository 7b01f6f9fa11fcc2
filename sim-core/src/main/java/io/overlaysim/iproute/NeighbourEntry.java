package io.overlaysim.iproute;

import io.overlaysim.net.Ipv4Address;
import io.overlaysim.net.MacAddress;
import java.util.List;

/**
 * One line of {@code ip neigh}: an ARP (IPv4) or NDISC (IPv6) cache entry, or a proxy entry.
 *
 * <pre>{@code
 * 10.244.1.0 dev flannel.1 lladdr 66:33:33:33:33:33 PERMANENT
 * }</pre>
 *
 * @param dst the neighbour's address, IPv4 or IPv6, as printed
 * @param dev the device, or null when the dump was filtered by device
 * @param lladdr the link-layer address, or null (an unresolved entry)
 * @param router the {@code router} flag (IPv6)
 * @param proxy a proxy entry ({@code ip neigh add proxy ...})
 * @param flags other flags in printed order ({@code extern_learn}, {@code offload}, {@code managed})
 * @param states the NUD states, in printed order (usually one)
 * @param protocol the {@code proto} that installed the entry, or null
 */
public record NeighbourEntry(String dst, String dev, String lladdr, boolean router, boolean proxy,
                             List<String> flags, List<NeighbourState> states, String protocol) {
    public NeighbourEntry {
        if (dst == null) {
            throw new IllegalArgumentException("neighbour address required");
        }
        flags = List.copyOf(flags);
        states = List.copyOf(states);
    }

    public boolean isIpv4() {
        return Ipv4Address.isValid(dst);
    }

    /** The IPv4 address, or null for an IPv6 entry. */
    public Ipv4Address ipv4() {
        return isIpv4() ? Ipv4Address.parse(dst) : null;
    }

    /** The link-layer address as a MAC, or null when absent or not six octets. */
    public MacAddress mac() {
        return lladdr != null && lladdr.length() == 17 ? MacAddress.parse(lladdr) : null;
    }

    public boolean isPermanent() {
        return states.contains(NeighbourState.PERMANENT);
    }
}
