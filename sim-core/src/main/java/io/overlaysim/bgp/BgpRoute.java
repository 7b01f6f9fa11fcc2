package io.overlaysim.bgp;

import io.overlaysim.net.Ipv4Address;
import io.overlaysim.net.Ipv4Prefix;
import java.util.List;

/**
 * One path to a prefix as a RIB hands it out: the prefix and a {@link BgpPath} (ADD-PATH
 * identifier, the peer it came from, its attributes in wire order, the values best-path
 * selection compares, pulled out of the attributes once, and the IGP cost to its next hop).
 *
 * <pre>{@code
 * BgpRoute r = BgpRoute.of(prefix, 0, peer, update.attributes(), 100, 10);
 * }</pre>
 */
public record BgpRoute(Ipv4Prefix prefix, BgpPath path) {
    /**
     * A route from received attributes. A missing LOCAL_PREF takes the default (BIRD's
     * {@code default bgp_local_pref}, 100); a missing MED counts as 0 (BIRD's {@code default bgp_med}).
     */
    public static BgpRoute of(Ipv4Prefix prefix, int pathId, BgpPeer from, List<PathAttribute> attributes,
                              long defaultLocalPref, long igpCost) {
        return new BgpRoute(prefix, BgpPath.of(from, pathId, PathAttributes.of(attributes), defaultLocalPref, igpCost));
    }

    public int pathId() {
        return path.pathId();
    }

    public BgpPeer from() {
        return path.from();
    }

    /** The attributes in wire order. */
    public List<PathAttribute> attributes() {
        return path.attributes().list();
    }

    public int origin() {
        return path.attributes().origin;
    }

    public int asPathLength() {
        return path.attributes().asPathLength;
    }

    /** The AS of the neighbour that sent the route (first of the AS_PATH), or -1. */
    public long neighbourAs() {
        return path.attributes().neighbourAs;
    }

    public long med() {
        return path.attributes().med;
    }

    public long localPref() {
        return path.localPref();
    }

    public Ipv4Address nextHop() {
        return path.attributes().nextHop;
    }

    public Ipv4Address originatorId() {
        return path.attributes().originatorId;
    }

    public int clusterListLength() {
        return path.attributes().clusterListLength();
    }

    public long igpCost() {
        return path.igpCost();
    }

    /** The id best-path selection compares: ORIGINATOR_ID when present, else the peer's router id (RFC 4456 §9). */
    public Ipv4Address effectiveRouterId() {
        return path.effectiveRouterId();
    }
}
