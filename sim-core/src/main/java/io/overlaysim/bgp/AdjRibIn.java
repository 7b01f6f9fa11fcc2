package io.overlaysim.bgp;

import io.overlaysim.net.Ipv4Prefix;
import java.util.ArrayList;
import java.util.List;

/**
 * The routes one peer sent, before import policy (RFC 4271 §3.2 Adj-RIB-In): one per prefix and
 * ADD-PATH identifier; a new announcement replaces the old one implicitly (RFC 4271 §9.1).
 *
 * <p>Import takes every route that passed the loop checks, so the peer's candidates in the
 * Loc-RIB are exactly its Adj-RIB-In; a speaker's neighbor therefore keeps no copy and this is a
 * view of the speaker's {@link LocRib} (as BIRD keeps no import table unless asked). Made on its
 * own, it has a Loc-RIB of its own.
 */
public final class AdjRibIn {
    private final BgpPeer peer;
    private final LocRib rib;

    public AdjRibIn(BgpPeer peer) {
        this(peer, new LocRib());
    }

    /** The view of {@code peer}'s candidates in {@code rib}. */
    AdjRibIn(BgpPeer peer, LocRib rib) {
        this.peer = peer;
        this.rib = rib;
    }

    public BgpPeer peer() {
        return peer;
    }

    /** Stores the route; returns the one it replaced, or null. */
    public BgpRoute put(BgpRoute route) {
        if (!route.from().equals(peer)) {
            throw new IllegalArgumentException("route from " + route.from().address() + " in the Adj-RIB-In of " + peer.address());
        }
        rib.update(rib.index().id(route.prefix()), route.path());
        BgpPath old = rib.replaced();
        return old == null ? null : new BgpRoute(route.prefix(), old);
    }

    /** Removes the route; returns it, or null when there was none. */
    public BgpRoute remove(Ipv4Prefix prefix, int pathId) {
        int id = rib.index().find(prefix);
        if (id < 0) {
            return null;
        }
        rib.withdraw(id, peer, pathId);
        BgpPath old = rib.replaced();
        return old == null ? null : new BgpRoute(rib.index().prefix(id), old);
    }

    public BgpRoute get(Ipv4Prefix prefix, int pathId) {
        int id = rib.index().find(prefix);
        BgpPath p = id < 0 ? null : rib.candidate(id, peer, pathId);
        return p == null ? null : new BgpRoute(rib.index().prefix(id), p);
    }

    public int size() {
        return routes().size();
    }

    /** Empties the table, as when the session goes down; returns what it held, in prefix order. */
    public List<BgpRoute> clear() {
        List<BgpRoute> all = routes();
        for (BgpRoute r : all) {
            rib.withdraw(rib.index().find(r.prefix()), peer, r.pathId());
        }
        return all;
    }

    /** The peer's routes in prefix order, then path id order. */
    private List<BgpRoute> routes() {
        PrefixIndex index = rib.index();
        List<BgpRoute> out = new ArrayList<>();
        for (int id : rib.candidateIds()) {
            List<BgpPath> mine = new ArrayList<>();
            for (BgpPath p : rib.paths(id)) {
                if (p.from().equals(peer)) {
                    mine.add(p);
                }
            }
            mine.sort((a, b) -> Integer.compare(a.pathId(), b.pathId()));
            mine.forEach(p -> out.add(new BgpRoute(index.prefix(id), p)));
        }
        return out;
    }
}
