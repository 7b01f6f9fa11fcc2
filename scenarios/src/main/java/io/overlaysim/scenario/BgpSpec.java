package io.overlaysim.scenario;

import io.overlaysim.net.Ipv4Address;
import io.overlaysim.net.Ipv4Prefix;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.SequencedMap;

/** The declared BGP speakers, by node, with default timers. */
public record BgpSpec(Timers timers, SequencedMap<String, Speaker> speakers) {
    /** RFC 4271 §10 timers; empty ones are BIRD's defaults (hold 240 s, keepalive 80 s, connect retry 120 s). */
    public record Timers(Optional<Duration> hold, Optional<Duration> keepalive, Optional<Duration> connectRetry) {
        public static final Timers DEFAULT = new Timers(Optional.empty(), Optional.empty(), Optional.empty());
    }

    /**
     * How the speaker's BIRD programs learned routes into the kernel (Calico's {@code krt_tunnel}):
     * {@code via NEXTHOP dev tunl0 onlink} always ({@code ipip}), only toward next hops outside the
     * node's subnet ({@code crossSubnet}), or never ({@code none}: the next hop resolved through
     * the node's table).
     */
    public enum Tunnel {
        IPIP("ipip"), CROSS_SUBNET("crossSubnet"), NONE("none");

        private final String yamlName;

        Tunnel(String yamlName) {
            this.yamlName = yamlName;
        }

        public String yamlName() {
            return yamlName;
        }
    }

    /**
     * One speaker (one BIRD) on a node.
     *
     * @param routerId the router id, which is also the address its sessions use and its own
     *     routes' next hop (Calico: the node's address); the node's first address when empty
     * @param announce prefixes it originates
     * @param tunnel how learned routes are programmed
     */
    public record Speaker(String node, long asn, Optional<Ipv4Address> routerId, Optional<Ipv4Address> clusterId,
            List<Ipv4Prefix> announce, Tunnel tunnel, Timers timers, List<Peer> peers) {
    }

    /** A neighbour; an empty AS means the speaker's own (iBGP). */
    public record Peer(Ipv4Address address, OptionalLong asn, boolean passive, boolean rrClient, Timers timers) {
    }
}
