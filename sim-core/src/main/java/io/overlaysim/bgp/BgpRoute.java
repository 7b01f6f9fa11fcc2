package io.overlaysim.bgp;

import io.overlaysim.net.Ipv4Address;
import io.overlaysim.net.Ipv4Prefix;
import java.util.List;

/**
 * One path to a prefix as a RIB holds it: the prefix and ADD-PATH identifier, the peer it came
 * from, its attributes in wire order, the values best-path selection compares (pulled out of the
 * attributes once), and the IGP cost to its next hop.
 *
 * <pre>{@code
 * BgpRoute r = BgpRoute.of(prefix, 0, peer, update.attributes(), 100, 10);
 * }</pre>
 */
public record BgpRoute(Ipv4Prefix prefix, int pathId, BgpPeer from, List<PathAttribute> attributes,
                       int origin, int asPathLength, long neighbourAs, long med, long localPref,
                       Ipv4Address nextHop, Ipv4Address originatorId, int clusterListLength, long igpCost) {
    public BgpRoute {
        attributes = List.copyOf(attributes);
    }

    /**
     * A route from received attributes. A missing LOCAL_PREF takes the default (BIRD's
     * {@code default bgp_local_pref}, 100); a missing MED counts as 0 (BIRD's {@code default bgp_med}).
     */
    public static BgpRoute of(Ipv4Prefix prefix, int pathId, BgpPeer from, List<PathAttribute> attributes,
                              long defaultLocalPref, long igpCost) {
        int origin = PathAttribute.Origin.INCOMPLETE;
        int pathLength = 0;
        long neighbourAs = -1;
        long med = 0;
        long localPref = defaultLocalPref;
        Ipv4Address nextHop = null;
        Ipv4Address originator = null;
        int clusters = 0;
        for (PathAttribute a : attributes) {
            switch (a) {
                case PathAttribute.Origin o -> origin = o.value();
                case PathAttribute.AsPath p -> {
                    pathLength = p.pathLength();
                    neighbourAs = p.firstAs();
                }
                case PathAttribute.NextHop n -> nextHop = n.address();
                case PathAttribute.MultiExitDisc m -> med = m.value();
                case PathAttribute.LocalPref l -> localPref = l.value();
                case PathAttribute.OriginatorId o -> originator = o.id();
                case PathAttribute.ClusterList c -> clusters = c.clusterIds().size();
                default -> { }
            }
        }
        return new BgpRoute(prefix, pathId, from, attributes, origin, pathLength, neighbourAs, med, localPref,
                nextHop, originator, clusters, igpCost);
    }

    /** The id best-path selection compares: ORIGINATOR_ID when present, else the peer's router id (RFC 4456 §9). */
    public Ipv4Address effectiveRouterId() {
        return originatorId != null ? originatorId : from.routerId();
    }
}
