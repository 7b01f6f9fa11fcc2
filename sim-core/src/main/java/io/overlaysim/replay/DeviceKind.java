package io.overlaysim.replay;

/** What a replayed device is, as the simulator will model it. */
public enum DeviceKind {
    /** {@code lo}. */
    LOOPBACK,
    /** A NIC (or anything with {@code link/ether} and no kind line). */
    ETHERNET,
    /** One end of a veth pair; the other end is in another namespace (a pod) or on this node. */
    VETH,
    /** A Linux bridge ({@code cni0}, {@code docker0}). */
    BRIDGE,
    /** An IPIP tunnel ({@code tunl0}). */
    IPIP,
    /** A VXLAN device ({@code vxlan.calico}, {@code flannel.1}, {@code cilium_vxlan}). */
    VXLAN,
    /** A kind the simulator does not model ({@code dummy}, {@code wireguard}, ...). */
    OTHER;

    /** The name iproute2 and the scenario format use ({@code ethernet}, {@code vxlan}, ...). */
    public String yamlName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
