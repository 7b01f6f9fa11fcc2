package io.overlaysim.packet;

/**
 * Why a packet was dropped, with a stable kebab-case name (JSON, ledger summaries, captures).
 * The names follow the kernel's drop points: a route of type {@code blackhole}, an
 * {@code ip_forward} TTL expiry, {@code rp_filter}, a neighbour that never answered ARP.
 */
public enum DropReason {
    NO_ROUTE("no-route"),
    BLACKHOLE("blackhole"),
    UNREACHABLE("unreachable"),
    PROHIBIT("prohibit"),
    TTL_EXCEEDED("ttl-exceeded"),
    TOO_BIG_DF("too-big-df"),
    RP_FILTER("rp-filter"),
    QUEUE_FULL("queue-full"),
    LINK_DOWN("link-down"),
    DEVICE_DOWN("device-down"),
    NO_ARP_REPLY("no-arp-reply"),
    ARP_QUEUE_FULL("arp-queue-full"),
    BAD_CHECKSUM("bad-checksum"),
    BAD_HEADER("bad-header"),
    MARTIAN("martian"),
    NOT_FORWARDING("not-forwarding"),
    NO_SOCKET("no-socket"),
    NO_PROTOCOL("no-protocol"),
    REASSEMBLY_TIMEOUT("reassembly-timeout"),
    ICMP_ERROR_SUPPRESSED("icmp-error-suppressed"),
    NODE_DOWN("node-down"),
    LOSS("loss"),
    NOT_FOR_US("not-for-us"),
    UNKNOWN_ETHERTYPE("unknown-ethertype"),
    SOCKET_BUFFER_FULL("socket-buffer-full"),
    /** A VXLAN device found no FDB entry, not even an all-zeros one (SKB_DROP_REASON_NO_TX_TARGET). */
    NO_TX_TARGET("no-tx-target"),
    /** A tunnel's outer route leads back into the tunnel, or it has no outer route ({@code ip_tunnel_xmit}'s tx_error). */
    TUNNEL_TX_ERROR("tunnel-tx-error"),
    /** VXLAN: no device for the VNI (SKB_DROP_REASON_VXLAN_VNI_NOT_FOUND). */
    VXLAN_VNI_NOT_FOUND("vxlan-vni-not-found"),
    /** VXLAN: header without the I flag, or too short (SKB_DROP_REASON_VXLAN_INVALID_HDR). */
    VXLAN_INVALID_HDR("vxlan-invalid-hdr"),
    /** VXLAN learning: a frame from a static FDB MAC arrived from another VTEP ({@code vxlan_snoop}: SKB_DROP_REASON_VXLAN_ENTRY_EXISTS). */
    VXLAN_ENTRY_EXISTS("vxlan-entry-exists"),
    /** A decapsulated frame carries our own MAC as its source ({@code vxlan_set_mac}: SKB_DROP_REASON_LOCAL_MAC). */
    LOCAL_MAC("local-mac");

    private final String label;

    DropReason(String label) {
        this.label = label;
    }

    /** The stable name, e.g. {@code no-arp-reply}. */
    public String label() {
        return label;
    }

    /** The reason named {@code label} ({@code no-arp-reply}); throws for an unknown name. */
    public static DropReason ofLabel(String label) {
        for (DropReason r : values()) {
            if (r.label.equals(label)) {
                return r;
            }
        }
        throw new IllegalArgumentException("unknown drop reason: " + label);
    }

    @Override
    public String toString() {
        return label;
    }
}
