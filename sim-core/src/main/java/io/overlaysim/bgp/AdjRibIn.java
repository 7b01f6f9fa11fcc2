package io.overlaysim.bgp;

import io.overlaysim.net.Ipv4Prefix;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The routes one peer sent, before import policy (RFC 4271 §3.2 Adj-RIB-In): one per prefix and
 * ADD-PATH identifier; a new announcement replaces the old one implicitly (RFC 4271 §9.1).
 */
public final class AdjRibIn {
    private final BgpPeer peer;
    private final Map<Key, BgpRoute> routes = new HashMap<>();

    private record Key(Ipv4Prefix prefix, int pathId) {}

    public AdjRibIn(BgpPeer peer) {
        this.peer = peer;
    }

    public BgpPeer peer() {
        return peer;
    }

    /** Stores the route; returns the one it replaced, or null. */
    public BgpRoute put(BgpRoute route) {
        if (!route.from().equals(peer)) {
            throw new IllegalArgumentException("route from " + route.from().address() + " in the Adj-RIB-In of " + peer.address());
        }
        return routes.put(new Key(route.prefix(), route.pathId()), route);
    }

    /** Removes the route; returns it, or null when there was none. */
    public BgpRoute remove(Ipv4Prefix prefix, int pathId) {
        return routes.remove(new Key(prefix, pathId));
    }

    public BgpRoute get(Ipv4Prefix prefix, int pathId) {
        return routes.get(new Key(prefix, pathId));
    }

    public int size() {
        return routes.size();
    }

    /** Empties the table, as when the session goes down; returns what it held, in prefix order. */
    public List<BgpRoute> clear() {
        List<BgpRoute> all = new ArrayList<>(routes.values());
        routes.clear();
        all.sort(Comparator.comparing(BgpRoute::prefix).thenComparingInt(BgpRoute::pathId));
        return all;
    }
}
