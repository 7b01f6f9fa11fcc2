package io.overlaysim.bgp;

import io.overlaysim.net.Ipv4Prefix;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The Loc-RIB (RFC 4271 §3.2): per prefix every candidate route that passed import, and the best
 * of them by {@link BestPath}. Each change says whether the best route moved, which is what the
 * kernel table and the Adj-RIBs-Out must hear about. Lists come out in prefix order; the table
 * itself is hashed, since lookups by prefix are the hot path (BgpScaleBenchmark rib).
 */
public final class LocRib {
    private final Map<Ipv4Prefix, Entry> table = new HashMap<>();

    private static final class Entry {
        final List<BgpRoute> candidates = new ArrayList<>(2);
        BgpRoute best;
    }

    /** A change of a prefix's best route: {@code before} or {@code after} null when there was or is none. */
    public record BestChange(Ipv4Prefix prefix, BgpRoute before, BgpRoute after) {}

    /** Adds or replaces the candidate from the same peer and path id; the best change, or null if none. */
    public BestChange update(BgpRoute route) {
        Entry e = table.get(route.prefix());
        if (e == null) {
            e = new Entry();
            table.put(route.prefix(), e);
        }
        List<BgpRoute> cs = e.candidates;
        int i = 0;
        while (i < cs.size() && !(cs.get(i).pathId() == route.pathId() && cs.get(i).from().equals(route.from()))) {
            i++;
        }
        if (i < cs.size()) {
            cs.set(i, route);
        } else {
            cs.add(route);
        }
        return reselect(route.prefix(), e);
    }

    /** Removes the candidate from this peer and path id; the best change, or null if none. */
    public BestChange withdraw(BgpPeer from, Ipv4Prefix prefix, int pathId) {
        Entry e = table.get(prefix);
        if (e == null || !e.candidates.removeIf(r -> r.from().equals(from) && r.pathId() == pathId)) {
            return null;
        }
        return reselect(prefix, e);
    }

    /** Removes every candidate of a peer (its session went down); the best changes, in prefix order. */
    public List<BestChange> withdrawAll(BgpPeer from) {
        List<BestChange> changes = new ArrayList<>();
        for (var it = table.entrySet().iterator(); it.hasNext(); ) {
            var me = it.next();
            Entry e = me.getValue();
            if (e.candidates.removeIf(r -> r.from().equals(from))) {
                BgpRoute before = e.best;
                e.best = BestPath.best(e.candidates);
                if (!Objects.equals(before, e.best)) {
                    changes.add(new BestChange(me.getKey(), before, e.best));
                }
                if (e.candidates.isEmpty()) {
                    it.remove();
                }
            }
        }
        changes.sort(Comparator.comparing(BestChange::prefix));
        return changes;
    }

    private BestChange reselect(Ipv4Prefix prefix, Entry e) {
        BgpRoute before = e.best;
        e.best = BestPath.best(e.candidates);
        if (e.candidates.isEmpty()) {
            table.remove(prefix);
        }
        return Objects.equals(before, e.best) ? null : new BestChange(prefix, before, e.best);
    }

    /** The best route to the prefix, or null. */
    public BgpRoute best(Ipv4Prefix prefix) {
        Entry e = table.get(prefix);
        return e == null ? null : e.best;
    }

    /** Every candidate for the prefix. */
    public List<BgpRoute> candidates(Ipv4Prefix prefix) {
        Entry e = table.get(prefix);
        return e == null ? List.of() : List.copyOf(e.candidates);
    }

    /** The best routes of all prefixes, in prefix order. */
    public List<BgpRoute> bestRoutes() {
        List<BgpRoute> out = new ArrayList<>(table.size());
        table.values().forEach(e -> out.add(e.best));
        out.sort(Comparator.comparing(BgpRoute::prefix));
        return out;
    }

    public int size() {
        return table.size();
    }
}
