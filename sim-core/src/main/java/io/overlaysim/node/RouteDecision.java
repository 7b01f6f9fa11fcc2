package io.overlaysim.node;

import io.overlaysim.device.NetDevice;
import io.overlaysim.packet.DropReason;
import io.overlaysim.routing.Route;
import io.overlaysim.routing.RouteError;

/**
 * What a route lookup decided for a packet, as the stack uses it ({@code struct rtable}):
 * deliver locally, forward or send out a device toward a gateway, or refuse with the kernel's
 * error. Decisions are cached per (destination, source, input device) until the node's FIB
 * changes, so the forwarding path pays no full lookup per packet.
 *
 * @param kind what to do
 * @param dev the output device (null for local delivery and errors)
 * @param gateway the next hop's gateway, 0 when the destination is on link
 * @param prefsrc the source an output lookup chose, 0 for input lookups
 * @param matched the FIB route that matched, or null (no route, an oif fallback)
 * @param table the table the route came from, 0 when none
 * @param error the lookup's error for {@link Kind#ERROR}, else null
 * @param drop the ledger's reason for {@link Kind#ERROR}, else null
 * @param icmpCode the destination-unreachable code {@code ip_error} sends, -1 for none
 * @param redirect whether the kernel would send an ICMP redirect ({@code RTCF_DOREDIRECT})
 * @param routeMtu the route's {@code mtu} metric, 0 when none
 */
public record RouteDecision(Kind kind, NetDevice dev, int gateway, int prefsrc, Route matched, int table,
        RouteError error, DropReason drop, int icmpCode, boolean redirect, int routeMtu) {

    /** What a lookup decided. */
    public enum Kind {
        /** For this node: local delivery ({@code RTN_LOCAL}). */
        LOCAL,
        /** A broadcast for this node ({@code RTN_BROADCAST}). */
        BROADCAST,
        /** Out of {@link #dev}: forwarding (input lookups) or sending (output lookups). */
        UNICAST,
        /** Refused: {@link #error}, dropped for {@link #drop}. */
        ERROR
    }

    public boolean ok() {
        return kind != Kind.ERROR;
    }

    /** The neighbour to resolve: the gateway, else the destination itself ({@code rt_nexthop}). */
    public int nextHop(int dst) {
        return gateway != 0 ? gateway : dst;
    }
}
