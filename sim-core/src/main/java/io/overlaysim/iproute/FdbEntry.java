package io.overlaysim.iproute;

import io.overlaysim.net.MacAddress;
import java.util.List;

/**
 * One line of {@code bridge fdb}: a forwarding entry of a bridge port or of a VXLAN device's
 * own table (flag {@code self}), where {@code dst} names the remote VTEP.
 *
 * <pre>{@code
 * 66:33:33:33:33:33 dev flannel.1 dst 192.168.0.12 self permanent
 * 02:42:ac:11:00:02 dev veth1 master cni0
 * }</pre>
 *
 * @param mac the Ethernet address ({@code 00:00:00:00:00:00} is a VXLAN default destination)
 * @param dev the port or VXLAN device, or null when the dump was filtered by device
 * @param dst the remote VTEP address, or null
 * @param vlan the VLAN id, or null
 * @param port the remote UDP port, or null (the device's {@code dstport})
 * @param vni the remote VNI, or null (the device's {@code id})
 * @param srcVni the source VNI (collect-metadata devices), or null
 * @param via the underlay device toward {@code dst}, or null
 * @param nhid the nexthop group id, or null
 * @param linkNetnsId the namespace of {@code via}, or null
 * @param flags the flags in printed order: {@code self}, {@code router}, {@code extern_learn},
 *              {@code offload}, {@code master}, {@code sticky}, {@code blackhole}, {@code locked}
 * @param master the bridge the entry belongs to ({@code master cni0}), or null
 * @param state {@code permanent}, {@code static}, {@code stale}, {@code state=0x..}, or null for
 *              a dynamic (learned, reachable) entry
 */
public record FdbEntry(MacAddress mac, String dev, String dst, Integer vlan, Integer port, Integer vni,
                       Integer srcVni, String via, Integer nhid, Integer linkNetnsId, List<String> flags,
                       String master, String state) {
    public FdbEntry {
        if (mac == null) {
            throw new IllegalArgumentException("MAC address required");
        }
        flags = List.copyOf(flags);
    }

    /** The entry is in the device's own table (VXLAN), not the bridge's. */
    public boolean self() {
        return flags.contains("self");
    }

    public boolean isPermanent() {
        return "permanent".equals(state);
    }

    public boolean isStatic() {
        return "static".equals(state);
    }

    /** A learned entry that ages out (printed with no state word). */
    public boolean isDynamic() {
        return state == null;
    }
}
