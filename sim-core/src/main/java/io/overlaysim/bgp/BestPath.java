package io.overlaysim.bgp;

import java.util.Comparator;

/**
 * Best-path selection in BIRD 2's order ({@code bgp_rte_better}, proto/bgp/attrs.c), the
 * decision process of RFC 4271 §9.1.2.2 with RFC 4456 §9's additions: higher LOCAL_PREF; shorter
 * AS_PATH; lower ORIGIN; lower MED, compared only between routes from the same neighbouring AS;
 * eBGP over iBGP; lower IGP cost to the next hop; lower router id (ORIGINATOR_ID when present);
 * shorter CLUSTER_LIST; lower peer address.
 *
 * <p>The MED step makes the order non-transitive (RFC 4271 §9.1.2.2 c), so pick the best with
 * {@link #best} (a pairwise scan, as BIRD does), not by sorting.
 */
public final class BestPath {
    private BestPath() {}

    /** Negative when {@code a} is better than {@code b}, positive when worse, 0 when equal. */
    public static int compare(BgpRoute a, BgpRoute b) {
        return compare(a.path(), b.path());
    }

    /** {@link #compare(BgpRoute, BgpRoute)} for two paths to the same prefix. */
    public static int compare(BgpPath a, BgpPath b) {
        if (a == b) {
            return 0;
        }
        PathAttributes x = a.attributes();
        PathAttributes y = b.attributes();
        int c = Long.compare(b.localPref(), a.localPref());
        if (c != 0) {
            return c;
        }
        c = Integer.compare(x.asPathLength, y.asPathLength);
        if (c != 0) {
            return c;
        }
        c = Integer.compare(x.origin, y.origin);
        if (c != 0) {
            return c;
        }
        if (x.neighbourAs == y.neighbourAs) {
            c = Long.compare(x.med, y.med);
            if (c != 0) {
                return c;
            }
        }
        c = Boolean.compare(a.from().internal(), b.from().internal());
        if (c != 0) {
            return c;
        }
        c = Long.compare(a.igpCost(), b.igpCost());
        if (c != 0) {
            return c;
        }
        c = Integer.compareUnsigned(a.effectiveRouterId().bits(), b.effectiveRouterId().bits());
        if (c != 0) {
            return c;
        }
        c = Integer.compare(x.clusterListLength(), y.clusterListLength());
        if (c != 0) {
            return c;
        }
        return Integer.compareUnsigned(a.from().address().bits(), b.from().address().bits());
    }

    /** {@link #compare} as a comparator, for callers that know their candidates share a neighbour AS. */
    public static final Comparator<BgpRoute> ORDER = BestPath::compare;

    /** The best of the candidates (first wins ties), or null for none. */
    public static BgpRoute best(Iterable<BgpRoute> candidates) {
        BgpRoute best = null;
        for (BgpRoute r : candidates) {
            if (best == null || compare(r, best) < 0) {
                best = r;
            }
        }
        return best;
    }
}
