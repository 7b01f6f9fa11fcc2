package io.overlaysim.scenario;

/** Why a packet was dropped, as the packet's walk names it; the closed set a scenario can expect. */
public enum DropReason {
    NO_ROUTE("no-route"),
    BLACKHOLE("blackhole"),
    UNREACHABLE("unreachable"),
    PROHIBIT("prohibit"),
    TTL_EXCEEDED("ttl-exceeded"),
    /** Larger than the MTU with DF set: ICMP fragmentation needed. */
    TOO_BIG_DF("too-big-df"),
    RP_FILTER("rp-filter"),
    QUEUE_FULL("queue-full"),
    LINK_DOWN("link-down"),
    NO_ARP_REPLY("no-arp-reply"),
    BAD_CHECKSUM("bad-checksum"),
    /** No UDP socket on the port: ICMP port unreachable. */
    NO_SOCKET("no-socket"),
    REASSEMBLY_TIMEOUT("reassembly-timeout"),
    /** An ICMP error the node was told to drop ({@code drop_icmp_errors}). */
    ICMP_ERROR_SUPPRESSED("icmp-error-suppressed"),
    NODE_DOWN("node-down");

    private final String yamlName;

    DropReason(String yamlName) {
        this.yamlName = yamlName;
    }

    /** The name written in scenario files and reports. */
    public String yamlName() {
        return yamlName;
    }

    public static DropReason of(String yamlName) {
        for (DropReason r : values()) {
            if (r.yamlName.equals(yamlName)) {
                return r;
            }
        }
        throw new IllegalArgumentException("unknown drop reason: " + yamlName);
    }
}
