package io.overlaysim.node;

import java.util.HashMap;
import java.util.Map;

/**
 * Path MTUs learned from ICMP fragmentation-needed, per destination ({@code __ip_rt_update_pmtu}
 * on the nexthop exception): only lowering, never below {@code route.min_pmtu} (552), expiring
 * {@code route.mtu_expires} (600 s) after being learned.
 */
public final class PmtuCache {
    private record Entry(int mtu, long expires) {
    }

    private final Node node;
    private final Map<Integer, Entry> entries = new HashMap<>();

    PmtuCache(Node node) {
        this.node = node;
    }

    /** The learned MTU toward {@code dst}, or 0 when none is valid now. */
    public int get(int dst) {
        if (entries.isEmpty()) {
            return 0;
        }
        Entry e = entries.get(dst);
        if (e == null) {
            return 0;
        }
        if (node.simulation().now() >= e.expires) {
            entries.remove(dst);
            return 0;
        }
        return e.mtu;
    }

    /**
     * The MTU a locally generated packet to {@code dst} must fit on the output route {@code d}
     * ({@code dst_mtu}: the learned PMTU when lower, else the route's {@code mtu} metric, else
     * the device's). Here so that a tunnel holding this cache asks it in one call.
     */
    public int pathMtu(RouteDecision d, int dst) {
        int m = get(dst);
        int dev = d.routeMtu() != 0 ? d.routeMtu() : d.dev().mtu();
        return m != 0 && m < dev ? m : dev;
    }

    /** Learns {@code mtu} toward {@code dst} from a fragmentation-needed message. */
    public void learn(int dst, int mtu, int currentMtu) {
        Sysctls s = node.sysctls();
        int m = mtu;
        if (m < s.minPmtu) {
            m = Math.min(currentMtu, s.minPmtu);
        }
        int old = get(dst);
        int now = old != 0 ? old : currentMtu;
        if (m >= now) {
            return;
        }
        entries.put(dst, new Entry(m, node.simulation().now() + s.mtuExpires * 1_000_000_000L));
    }
}
