package io.overlaysim.iproute;

import java.util.List;

/**
 * One device as {@code ip link} / {@code ip -d link} / the link lines of {@code ip addr} print
 * it (iproute2's {@code print_linkinfo}). Fields the output did not carry are null.
 *
 * <pre>{@code
 * 31: eth0@if32: <BROADCAST,MULTICAST,UP,LOWER_UP,M-DOWN> mtu 1500 qdisc noqueue qlen 1000
 *     link/ether ca:7b:89:d7:3a:5a brd ff:ff:ff:ff:ff:ff link-netnsid 0
 * }</pre>
 *
 * @param ifindex the interface index
 * @param name the device name
 * @param link what followed {@code @} in the name, or null
 * @param flags the words between {@code <} and {@code >}, in order
 * @param mtu the MTU
 * @param qdisc the root qdisc, or null
 * @param master the device this one is enslaved to ({@code master cni0}), or null
 * @param state the operational state ({@code UP}, {@code DOWN}, {@code UNKNOWN}...), or null
 * @param mode the link mode ({@code DEFAULT}, {@code DORMANT}), or null
 * @param group the device group, or null
 * @param qlen the transmit queue length, or null
 * @param linkLayer the {@code link/...} line, or null when absent
 * @param linkNetns the peer's namespace name ({@code link-netns NAME}), or null
 * @param linkNetnsId the peer's namespace id ({@code link-netnsid N}), or null
 * @param details what {@code -d} adds, or null without {@code -d}
 * @param altNames the {@code altname} lines, in order
 */
public record LinkInfo(int ifindex, String name, LinkRef link, List<String> flags, int mtu,
                       String qdisc, String master, String state, String mode, String group,
                       Integer qlen, LinkLayer linkLayer, String linkNetns, Integer linkNetnsId,
                       LinkDetails details, List<String> altNames) {
    public LinkInfo {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("device name required");
        }
        flags = List.copyOf(flags);
        altNames = List.copyOf(altNames);
    }

    /** The administrative flag {@code UP}. */
    public boolean isUp() {
        return flags.contains("UP");
    }

    /** The carrier flag {@code LOWER_UP}. */
    public boolean hasCarrier() {
        return flags.contains("LOWER_UP");
    }

    /** The kind from {@code -d} output, or null. */
    public LinkKind kind() {
        return details == null ? null : details.kind();
    }

    /** The device address ({@code link/ether} MAC or tunnel address), or null. */
    public String address() {
        return linkLayer == null ? null : linkLayer.address();
    }
}
