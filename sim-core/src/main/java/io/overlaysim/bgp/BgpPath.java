package io.overlaysim.bgp;

import io.overlaysim.net.Ipv4Address;

/**
 * A route without its prefix: the peer it came from, its ADD-PATH identifier, its attributes,
 * its LOCAL_PREF (received or the default) and the IGP cost to its next hop. The RIBs store
 * these, interned by a {@link RouteInterner}, so all prefixes an UPDATE carried, and the same
 * reflected route at every client, share one object; {@link BgpRoute} pairs one with a prefix.
 */
public record BgpPath(BgpPeer from, int pathId, PathAttributes attributes, long localPref, long igpCost) {
    /** The path of received attributes; a missing LOCAL_PREF takes {@code defaultLocalPref} (BIRD's default 100). */
    public static BgpPath of(BgpPeer from, int pathId, PathAttributes attributes, long defaultLocalPref, long igpCost) {
        return new BgpPath(from, pathId, attributes, attributes.localPref >= 0 ? attributes.localPref : defaultLocalPref,
                igpCost);
    }

    /** The id best-path selection compares: ORIGINATOR_ID when present, else the peer's router id (RFC 4456 §9). */
    public Ipv4Address effectiveRouterId() {
        return attributes.originatorId != null ? attributes.originatorId : from.routerId();
    }

    @Override
    public int hashCode() {
        // Cheaper than the record's: the attribute set caches its hash.
        return (attributes.hashCode() * 31 + from.address().bits()) * 31 + pathId;
    }

    @Override
    public boolean equals(Object o) {
        return o == this || o instanceof BgpPath p && p.pathId == pathId && p.localPref == localPref && p.igpCost == igpCost
                && (p.attributes == attributes || p.attributes.equals(attributes)) && (p.from == from || p.from.equals(from));
    }

    boolean sameSource(BgpPeer peer, int id) {
        return pathId == id && (from == peer || from.equals(peer));
    }
}
