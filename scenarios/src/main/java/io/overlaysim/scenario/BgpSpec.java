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
     * One speaker (one BIRD) on a node.
     *
     * @param announce prefixes it originates
     * @param tunnel learned routes go {@code via NEXTHOP dev TUNNEL onlink} (Calico's krt_tunnel)
     */
    public record Speaker(String node, long asn, Optional<Ipv4Address> routerId, Optional<Ipv4Address> clusterId,
            List<Ipv4Prefix> announce, Optional<String> tunnel, Timers timers, List<Peer> peers) {
    }

    /** A neighbour; an empty AS means the speaker's own (iBGP). */
    public record Peer(Ipv4Address address, OptionalLong asn, boolean passive, boolean rrClient, Timers timers) {
    }
}
