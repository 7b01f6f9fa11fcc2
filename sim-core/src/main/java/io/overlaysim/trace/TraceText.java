package io.overlaysim.trace;

import java.util.HashSet;
import java.util.Set;

/**
 * A packet's walk as text: a header per packet, then its steps numbered across the whole walk,
 * each route lookup with the route that matched in {@code ip route} syntax, followed by the
 * packets it led to (fragments, the reassembled datagram, ICMP errors, the reply):
 *
 * <pre>
 * packet 1 (udp:5000 on A): delivered
 * 1. A: created by udp:5000
 * 2. A: route lookup 10.0.0.6 -> 10.0.0.4/30 via 10.0.0.2 dev eth0
 * 3. A: neighbour 10.0.0.2 dev eth0 lladdr 02:...
 * 4. A: sent on eth0
 * 5. R: received on eth0
 * 6. R: route lookup 10.0.0.6 -> 10.0.0.4/30 dev eth1 proto kernel scope link src 10.0.0.5
 * ...
 * </pre>
 */
public final class TraceText {
    private TraceText() {
    }

    /** The walk of packet {@code id} and of the packets it led to. */
    public static String render(Trace trace, long id) {
        StringBuilder sb = new StringBuilder();
        render(trace, trace.walk(id), sb, new int[] {1}, new HashSet<>());
        return sb.toString();
    }

    private static void render(Trace trace, PacketWalk w, StringBuilder sb, int[] n, Set<Long> seen) {
        if (!seen.add(w.id())) {
            return;
        }
        sb.append("packet ").append(w.id()).append(" (").append(w.origin()).append(" on ").append(w.node());
        if (w.relation() != null) {
            sb.append(", ").append(w.relation()).append(" of packet ").append(w.parent());
        }
        sb.append("): ").append(w.outcome().label());
        if (w.reason() != null) {
            sb.append(" (").append(w.reason().label()).append(')');
        }
        sb.append('\n');
        for (Step s : w.steps()) {
            sb.append(n[0]++).append(". ").append(s.node()).append(": ").append(s.text()).append('\n');
        }
        for (long c : w.children()) {
            render(trace, trace.walk(c), sb, n, seen);
        }
    }
}
