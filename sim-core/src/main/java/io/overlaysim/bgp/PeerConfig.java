package io.overlaysim.bgp;

import io.overlaysim.net.Ipv4Address;

/**
 * One configured neighbor, as a BIRD {@code protocol bgp} block says it: address and AS,
 * {@code passive on}, {@code rr client}, {@code next hop self}, {@code add paths on} and the
 * timers. iBGP when the AS equals the speaker's.
 *
 * <pre>{@code
 * PeerConfig p = PeerConfig.of(Ipv4Address.parse("192.168.0.146"), 64512).withPassive(true);
 * }</pre>
 */
public record PeerConfig(String name, Ipv4Address address, long asn, boolean passive, boolean rrClient,
                         boolean nextHopSelf, boolean addPaths, BgpTimers timers) {
    public PeerConfig {
        if (asn < 1 || asn > 0xffff_ffffL) {
            throw new IllegalArgumentException("peer AS 1..4294967295 expected: " + asn);
        }
    }

    /** A neighbor with BIRD's defaults: active, no reflection, next hop self toward eBGP, no ADD-PATH. */
    public static PeerConfig of(Ipv4Address address, long asn) {
        return new PeerConfig("peer_" + address.toString().replace('.', '_'), address, asn, false, false, true, false,
                BgpTimers.BIRD);
    }

    public PeerConfig withName(String n) {
        return new PeerConfig(n, address, asn, passive, rrClient, nextHopSelf, addPaths, timers);
    }

    public PeerConfig withPassive(boolean p) {
        return new PeerConfig(name, address, asn, p, rrClient, nextHopSelf, addPaths, timers);
    }

    public PeerConfig withRrClient(boolean c) {
        return new PeerConfig(name, address, asn, passive, c, nextHopSelf, addPaths, timers);
    }

    public PeerConfig withNextHopSelf(boolean s) {
        return new PeerConfig(name, address, asn, passive, rrClient, s, addPaths, timers);
    }

    public PeerConfig withAddPaths(boolean a) {
        return new PeerConfig(name, address, asn, passive, rrClient, nextHopSelf, a, timers);
    }

    public PeerConfig withTimers(BgpTimers t) {
        return new PeerConfig(name, address, asn, passive, rrClient, nextHopSelf, addPaths, t);
    }
}
