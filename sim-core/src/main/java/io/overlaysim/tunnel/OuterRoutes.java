package io.overlaysim.tunnel;

import io.overlaysim.device.NetDevice;
import io.overlaysim.node.Node;
import io.overlaysim.node.RouteDecision;

/**
 * A tunnel's cache of outer routes per remote ({@code dst_cache} in {@code struct ip_tunnel}
 * and in each VXLAN remote): the second route lookup of an encapsulated packet costs one
 * probe, and any change of the node's FIB (its generation) empties the cache. Open
 * addressing over a small power-of-two table, no allocation per packet.
 */
final class OuterRoutes {
    private static final int SIZE = 64;
    private final Node node;
    private final int[] keys = new int[SIZE];
    private final RouteDecision[] values = new RouteDecision[SIZE];
    private long generation = -1;
    // the last answer, in front of the table: a device sends runs of packets to one remote
    private int lastDst;
    private RouteDecision last;

    OuterRoutes(Node node) {
        this.node = node;
    }

    /** The output route toward {@code dst} from {@code src} (0: any) out of {@code oif} (null: any). */
    RouteDecision get(int dst, int src, NetDevice oif) {
        long g = node.routes().generation();
        if (g != generation) {
            java.util.Arrays.fill(values, null);
            last = null;
            generation = g;
        } else if (last != null && lastDst == dst) {
            return last;
        }
        int h = (dst * 0x9e3779b9) >>> 26;
        for (int i = 0; i < 4; i++) {
            int s = (h + i) & (SIZE - 1);
            RouteDecision v = values[s];
            if (v == null) {
                v = node.ip().route(dst, src, oif);
                keys[s] = dst;
                values[s] = v;
                return v;
            }
            if (keys[s] == dst) {
                last = v;
                lastDst = dst;
                return v;
            }
        }
        return node.ip().route(dst, src, oif);
    }
}
