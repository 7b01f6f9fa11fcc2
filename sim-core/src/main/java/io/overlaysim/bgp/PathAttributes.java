package io.overlaysim.bgp;

import io.overlaysim.net.Ipv4Address;
import java.util.List;

/**
 * One immutable set of path attributes, in wire order, with the values best-path selection and
 * the loop checks read pulled out once. Hash-consed by a {@link RouteInterner} (as BIRD's
 * {@code rta} cache): the routes of thousands of prefixes and speakers share a few hundred of
 * these, and two interned sets are equal exactly when they are the same object.
 */
public final class PathAttributes {
    private final List<PathAttribute> list;
    private final int hash;
    final int origin;
    final int asPathLength;
    final long neighbourAs;
    final long med;
    /** LOCAL_PREF, or -1 when absent (the receiver's default applies). */
    final long localPref;
    final Ipv4Address nextHop;
    final Ipv4Address originatorId;
    final PathAttribute.AsPath asPath;
    final PathAttribute.ClusterList clusterList;
    /** Type codes present, for codes below 64 (the mandatory-attribute check of RFC 4271 §6.3). */
    final long codes;
    private final int[] wireLength = {-1, -1};
    /** How many interned paths an interned set remembers (a route reflector client has two per set). */
    static final int PATHS_KEPT = 8;
    /** The {@link RouteInterner}'s cache: interned paths that carry this (interned) set. */
    BgpPath[] paths = NO_PATHS;
    private static final BgpPath[] NO_PATHS = new BgpPath[0];

    private PathAttributes(List<PathAttribute> attributes) {
        this.list = List.copyOf(attributes);
        this.hash = list.hashCode();
        int o = PathAttribute.Origin.INCOMPLETE;
        int pathLength = 0;
        long first = -1;
        long m = 0;
        long lp = -1;
        Ipv4Address nh = null;
        Ipv4Address originator = null;
        PathAttribute.AsPath path = null;
        PathAttribute.ClusterList clusters = null;
        long seen = 0;
        for (PathAttribute a : list) {
            if (a.typeCode() < 64) {
                seen |= 1L << a.typeCode();
            }
            switch (a) {
                case PathAttribute.Origin x -> o = x.value();
                case PathAttribute.AsPath p -> {
                    path = p;
                    pathLength = p.pathLength();
                    first = p.firstAs();
                }
                case PathAttribute.NextHop n -> nh = n.address();
                case PathAttribute.MultiExitDisc x -> m = x.value();
                case PathAttribute.LocalPref l -> lp = l.value();
                case PathAttribute.OriginatorId x -> originator = x.id();
                case PathAttribute.ClusterList c -> clusters = c;
                default -> { }
            }
        }
        this.origin = o;
        this.asPathLength = pathLength;
        this.neighbourAs = first;
        this.med = m;
        this.localPref = lp;
        this.nextHop = nh;
        this.originatorId = originator;
        this.asPath = path;
        this.clusterList = clusters;
        this.codes = seen;
    }

    /** A set that is not interned (equal to, but not the same object as, an interned one). */
    public static PathAttributes of(List<PathAttribute> attributes) {
        return new PathAttributes(attributes);
    }

    /** The attributes in wire order; an immutable list. */
    public List<PathAttribute> list() {
        return list;
    }

    public Ipv4Address nextHop() {
        return nextHop;
    }

    int clusterListLength() {
        return clusterList == null ? 0 : clusterList.clusterIds().size();
    }

    /** The octets of these attributes on the wire with or without 4-octet AS numbers (RFC 6793), computed once. */
    int wireLength(SessionContext ctx) {
        int i = ctx.fourOctetAs() ? 1 : 0;
        if (wireLength[i] < 0) {
            int n = 0;
            for (PathAttribute a : list) {
                n += AttributeCodec.length(a, ctx);
            }
            wireLength[i] = n;
        }
        return wireLength[i];
    }

    boolean has(int typeCode) {
        return (codes & 1L << typeCode) != 0;
    }

    @Override
    public boolean equals(Object o) {
        return o == this || o instanceof PathAttributes p && p.hash == hash && p.list.equals(list);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        return list.toString();
    }
}
