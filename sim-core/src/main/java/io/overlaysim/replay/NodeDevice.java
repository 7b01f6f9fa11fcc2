package io.overlaysim.replay;

import io.overlaysim.net.MacAddress;

/**
 * One device of a replayed node.
 *
 * @param name the device name
 * @param ifindex the interface index from the link dump, 0 when unknown
 * @param kind what it is
 * @param mtu the MTU (from a dump, or a default said in the node's inferences)
 * @param mac the Ethernet address, or null (tunnels without one, or unknown)
 * @param up the administrative state
 * @param master the bridge it is a port of, or null
 * @param tunnel the tunnel configuration of an IPIP or VXLAN device, else null
 * @param peerNamespace a veth's {@code link-netns} (the namespace of its other end), or null
 * @param evidence which dump told of the device
 */
public record NodeDevice(String name, int ifindex, DeviceKind kind, int mtu, MacAddress mac, boolean up,
                         String master, TunnelConfig tunnel, String peerNamespace, Evidence evidence) {

    /** Which dump a device was known from, best first. */
    public enum Evidence {
        /** {@code ip -d link}: kind and details known. */
        LINK_DETAILS,
        /** {@code ip link} or the link lines of {@code ip addr}: MTU, MAC and flags known, kind guessed. */
        LINK,
        /** Named only by routes, addresses, neighbours, FDB or rules: everything guessed. */
        NAMED_ONLY
    }

    /** Whether this is a veth, a bridge port, or named like the host side of a pod's veth. */
    public boolean isVeth() {
        return kind == DeviceKind.VETH;
    }

    public boolean isTunnel() {
        return kind == DeviceKind.IPIP || kind == DeviceKind.VXLAN;
    }
}
