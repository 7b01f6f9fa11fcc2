package io.overlaysim.bgp;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a speaker sends each neighbor for a best route, as BIRD's {@code bgp_preexport} and
 * {@code bgp_update_attrs} decide it: never back to the peer it came from; iBGP split horizon
 * (RFC 4271 §9.2.1) unless reflecting (RFC 4456 §6: from a client to everyone, from a
 * non-client to clients only), with ORIGINATOR_ID set and our cluster id prepended to the
 * CLUSTER_LIST (§8); toward eBGP our AS prepended, next hop self, and the iBGP-only attributes
 * (LOCAL_PREF, ORIGINATOR_ID, CLUSTER_LIST) and a received MED dropped. Attributes go out in
 * type-code order, as BIRD writes them.
 *
 * <p>The attributes for one best path are the same for every neighbor of a kind, so they are
 * built once per path and kind (until {@link #forget}) and shared, interned.
 */
final class ExportPolicy {
    private static final PathAttribute.LocalPref DEFAULT_LOCAL_PREF = PathAttribute.LocalPref.of(100);

    private final BgpSpeaker speaker;
    /** What was built per path since the last {@link #forget}: paths are immutable, so this stays right. */
    private final Map<BgpPath, Built> built = new IdentityHashMap<>();

    /** The attributes built for one path, per kind of neighbor; null until needed. */
    private static final class Built {
        PathAttributes internal;
        PathAttributes reflected;
        PathAttributes external;
        PathAttributes externalKeepNextHop;
        /** Whether the path came from a route reflector client of ours: 0 unknown, 1 no, 2 yes. */
        int fromClient;
    }

    ExportPolicy(BgpSpeaker speaker) {
        this.speaker = speaker;
    }

    /** Forgets what was built (once per flush, to keep the memory small). */
    void forget() {
        built.clear();
    }

    /** The attributes to announce to {@code n}, or null when the route must not go there. */
    PathAttributes attributes(BgpNeighbor n, BgpPath best) {
        BgpPeer from = best.from();
        if (from != speaker.self() && from.address().equals(n.config().address())) {
            return null;
        }
        return ofKind(n, best);
    }

    /**
     * The attributes to announce to a neighbor of {@code n}'s kind (internal or not, route
     * reflector client, next hop self) that is not the one the path came from, or null.
     */
    PathAttributes ofKind(BgpNeighbor n, BgpPath best) {
        BgpPeer from = best.from();
        boolean local = from == speaker.self();
        if (!local && from.internal() && n.internal() && !n.config().rrClient() && !speaker.reflects()) {
            return null; // iBGP split horizon, decided before building anything: no client can be the source
        }
        Built b = built.get(best);
        if (b == null) {
            b = new Built();
            built.put(best, b);
        }
        if (!n.internal()) {
            if (b.external == null) {
                b.external = external(best, local);
            }
            if (n.config().nextHopSelf() || local) {
                return b.external;
            }
            if (b.externalKeepNextHop == null) {
                b.externalKeepNextHop = speaker.interner().attributes(withNextHop(b.external.list(), best.attributes().nextHop()));
            }
            return b.externalKeepNextHop;
        }
        if (local || !from.internal()) {
            if (b.internal == null) {
                b.internal = internal(best, local);
            }
            return b.internal;
        }
        if (b.fromClient == 0) {
            BgpNeighbor source = speaker.neighbor(from.address());
            b.fromClient = source != null && source.config().rrClient() ? 2 : 1;
        }
        if (b.fromClient == 1 && !n.config().rrClient()) {
            return null; // iBGP split horizon
        }
        if (b.reflected == null) {
            b.reflected = reflected(best);
        }
        return b.reflected;
    }

    /** An originated or eBGP-learned route toward iBGP: LOCAL_PREF added, next hop kept (ours when originated). */
    private PathAttributes internal(BgpPath best, boolean local) {
        List<PathAttribute> out = new ArrayList<>(best.attributes().list().size() + 4);
        boolean hasPath = false;
        boolean hasLocalPref = false;
        for (PathAttribute a : best.attributes().list()) {
            switch (a) {
                case PathAttribute.AsPath p -> hasPath = true;
                case PathAttribute.LocalPref l -> hasLocalPref = true;
                default -> { }
            }
            add(out, a);
        }
        if (!hasPath) {
            out.add(PathAttribute.AsPath.EMPTY);
        }
        if (local) {
            out.add(PathAttribute.NextHop.of(speaker.address()));
        }
        if (!hasLocalPref) {
            out.add(DEFAULT_LOCAL_PREF);
        }
        return sorted(out);
    }

    /** RFC 4456 §8: ORIGINATOR_ID is the route's originator, CLUSTER_LIST gets our cluster id first. */
    private PathAttributes reflected(BgpPath best) {
        List<PathAttribute> out = new ArrayList<>(best.attributes().list().size() + 2);
        boolean hasOriginator = false;
        List<io.overlaysim.net.Ipv4Address> clusters = new ArrayList<>();
        clusters.add(speaker.clusterId());
        for (PathAttribute a : best.attributes().list()) {
            switch (a) {
                case PathAttribute.OriginatorId o -> {
                    hasOriginator = true;
                    out.add(o);
                }
                case PathAttribute.ClusterList c -> clusters.addAll(c.clusterIds());
                default -> add(out, a);
            }
        }
        if (!hasOriginator) {
            out.add(PathAttribute.OriginatorId.of(best.from().routerId()));
        }
        out.add(new PathAttribute.ClusterList(PathAttribute.optionalNonTransitive, clusters));
        return sorted(out);
    }

    /** Toward eBGP: our AS first in the AS_PATH, next hop self, iBGP-only attributes and MED dropped. */
    private PathAttributes external(BgpPath best, boolean local) {
        List<PathAttribute> out = new ArrayList<>(best.attributes().list().size() + 2);
        boolean hasPath = false;
        for (PathAttribute a : best.attributes().list()) {
            switch (a) {
                case PathAttribute.AsPath p -> {
                    hasPath = true;
                    out.add(prepend(p, speaker.asn()));
                }
                case PathAttribute.LocalPref l -> { }
                case PathAttribute.OriginatorId o -> { }
                case PathAttribute.ClusterList c -> { }
                case PathAttribute.NextHop h -> { }
                case PathAttribute.MultiExitDisc m -> {
                    if (local) {
                        out.add(m);
                    }
                }
                default -> add(out, a);
            }
        }
        if (!hasPath) {
            out.add(PathAttribute.AsPath.sequence(speaker.asn()));
        }
        out.add(PathAttribute.NextHop.of(speaker.address()));
        return sorted(out);
    }

    private static PathAttribute.AsPath prepend(PathAttribute.AsPath p, long asn) {
        List<AsPathSegment> segs = new ArrayList<>(p.segments());
        if (!segs.isEmpty() && segs.get(0).type() == AsPathSegment.AS_SEQUENCE && segs.get(0).size() < 255) {
            AsPathSegment first = segs.get(0);
            long[] asns = new long[first.size() + 1];
            asns[0] = asn;
            for (int i = 0; i < first.size(); i++) {
                asns[i + 1] = first.asn(i);
            }
            segs.set(0, AsPathSegment.sequence(asns));
        } else {
            segs.add(0, AsPathSegment.sequence(asn));
        }
        return new PathAttribute.AsPath(PathAttribute.wellKnown, segs);
    }

    private static List<PathAttribute> withNextHop(List<PathAttribute> attrs, io.overlaysim.net.Ipv4Address nextHop) {
        List<PathAttribute> out = new ArrayList<>(attrs.size());
        for (PathAttribute a : attrs) {
            out.add(a instanceof PathAttribute.NextHop ? PathAttribute.NextHop.of(nextHop) : a);
        }
        return List.copyOf(out);
    }

    /** Unknown optional attributes pass on only when transitive, with the Partial bit (RFC 4271 §5). */
    private static void add(List<PathAttribute> out, PathAttribute a) {
        if (a instanceof PathAttribute.Unknown u) {
            PathAttribute.Unknown passed = u.passedOn();
            if (passed != null) {
                out.add(passed);
            }
        } else {
            out.add(a);
        }
    }

    private PathAttributes sorted(List<PathAttribute> out) {
        out.sort((a, b) -> Integer.compare(a.typeCode(), b.typeCode()));
        return speaker.interner().attributes(out);
    }
}
