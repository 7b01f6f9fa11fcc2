package io.overlaysim.routing;

import java.util.List;
import java.util.Set;

/** What {@code ip route get} answers: a route, or the kernel's error. */
public sealed interface RouteAnswer {

    /**
     * A route ({@code rt_fill_info}).
     *
     * @param type the type of the resulting route (unicast, local, broadcast, multicast)
     * @param dst the destination asked
     * @param from the source asked, 0 when none
     * @param gateway the gateway used, or null when on link
     * @param dev the output device ({@code lo} for local delivery)
     * @param prefsrc the chosen source (output lookups), 0 when none
     * @param iif the input device (input lookups), or null
     * @param mark the mark asked, 0 when none
     * @param flags route flags as printed ({@code rt_offload_failed} for multicast: the RTCF bit
     *     iproute2 names so)
     * @param cache the cache flags ({@code local}, {@code brd}, {@code mc}, {@code redirect})
     * @param table the table the route came from (0 when none, as for 0.0.0.0)
     * @param matched the FIB route that matched, or null when none did (0.0.0.0, oif fallbacks)
     * @param matchedLength the matched prefix length, -1 when none
     */
    record Found(RouteType type, int dst, int from, IpAddress gateway, String dev, int prefsrc, String iif, long mark,
            Set<RouteFlag> flags, List<String> cache, int table, Route matched, int matchedLength) implements RouteAnswer {
        public Found {
            flags = Set.copyOf(flags);
            cache = List.copyOf(cache);
        }
    }

    /** The kernel's error ({@code RTNETLINK answers: Network is unreachable}). */
    record Failed(RouteError error, Route matched) implements RouteAnswer {
    }

    default boolean ok() {
        return this instanceof Found;
    }
}
