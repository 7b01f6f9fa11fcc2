package io.overlaysim.routing;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One route as {@code ip route} prints it: everything a line (with its {@code nexthop} lines)
 * can say. Optional parts are null when the line does not give them, so that printing gives
 * back the line; {@link #effectiveScope()} and friends give the value the kernel would use.
 *
 * <pre>{@code
 * 172.16.103.64/26 via 192.168.0.146 dev tunl0 proto bird onlink
 * }</pre>
 *
 * @param type the route type ({@code unicast} when not printed)
 * @param destination the destination prefix ({@code default} is length 0)
 * @param source the {@code from} selector (IPv6 source routing), or null
 * @param table the table id (main 254 when not printed; local 255 for local/broadcast types)
 * @param tos the {@code tos} selector, 0 when none
 * @param protocol {@code proto}, or null when not printed (the kernel's default is boot)
 * @param scope {@code scope}, or null when not printed
 * @param metric {@code metric}, or null when not printed (0)
 * @param prefsrc {@code src}, or null
 * @param nexthops the next hops; one for a plain route, none for blackhole and friends
 * @param multipath whether the next hops were printed as {@code nexthop} lines
 * @param nhid {@code nhid}, or null
 * @param flags the flags printed on the route line ({@code onlink}, {@code linkdown}, ...)
 * @param metrics {@code mtu}, {@code advmss}, ...
 * @param pref IPv6 router preference ({@code low}, {@code medium}, {@code high}), or null
 * @param expires {@code expires N sec}, or null
 * @param extras other attributes kept as text ({@code error}, {@code realms}, {@code uid}, ...)
 */
public record Route(
        RouteType type,
        IpPrefix destination,
        IpPrefix source,
        int table,
        int tos,
        RouteProtocol protocol,
        RouteScope scope,
        Long metric,
        IpAddress prefsrc,
        List<NextHop> nexthops,
        boolean multipath,
        Integer nhid,
        Set<RouteFlag> flags,
        RouteMetrics metrics,
        String pref,
        Integer expires,
        Map<String, String> extras) {

    public Route {
        nexthops = List.copyOf(nexthops);
        flags = flags.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(flags));
        metrics = metrics == null ? RouteMetrics.NONE : metrics;
        extras = extras.isEmpty() ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(extras));
    }

    /** A unicast route in main with one next hop, as {@code ip route add DST via GW dev DEV}. */
    public static Route unicast(IpPrefix destination, NextHop hop) {
        return new Route(RouteType.UNICAST, destination, null, TableNames.MAIN, 0, null, null, null, null,
                List.of(hop), false, null, Set.of(), RouteMetrics.NONE, null, null, Map.of());
    }

    /** A reject-type route ({@code blackhole}, {@code unreachable}, ...) in main. */
    public static Route reject(RouteType type, IpPrefix destination) {
        return new Route(type, destination, null, TableNames.MAIN, 0, null, null, null, null,
                List.of(), false, null, Set.of(), RouteMetrics.NONE, null, null, Map.of());
    }

    public boolean isV4() {
        return destination.isV4();
    }

    /** The first next hop, or null. */
    public NextHop firstHop() {
        return nexthops.isEmpty() ? null : nexthops.get(0);
    }

    /** The first next hop's device, or null. */
    public String device() {
        NextHop h = firstHop();
        return h == null ? null : h.device();
    }

    /** The first next hop's gateway, or null. */
    public IpAddress gateway() {
        NextHop h = firstHop();
        return h == null ? null : h.gateway();
    }

    /** The metric the kernel keys the route by (0 when none printed). */
    public long effectiveMetric() {
        return metric == null ? 0 : metric;
    }

    /** The protocol the kernel records ({@code boot} when none was given, as iproute2 sends). */
    public RouteProtocol effectiveProtocol() {
        return protocol == null ? RouteProtocol.BOOT : protocol;
    }

    /**
     * The scope the route has once added: as printed, or iproute2's default for {@code ip route
     * add} ({@code iproute.c}): host for local and nat, link for broadcast/multicast/anycast and
     * for unicast routes with no gateway, global otherwise.
     */
    public RouteScope effectiveScope() {
        if (scope != null) {
            return scope;
        }
        return switch (type) {
            case LOCAL, NAT -> RouteScope.HOST;
            case BROADCAST, MULTICAST, ANYCAST -> RouteScope.LINK;
            case UNICAST, UNSPEC -> nexthops.stream().anyMatch(h -> h.gateway() != null) || nhid != null
                    ? RouteScope.UNIVERSE : RouteScope.LINK;
            default -> RouteScope.UNIVERSE;
        };
    }

    /** The flags of a next hop as the kernel holds them: its own plus, for a single path, the line's. */
    public Set<RouteFlag> hopFlags(NextHop hop) {
        if (multipath || flags.isEmpty()) {
            return hop.flags();
        }
        EnumSet<RouteFlag> all = EnumSet.noneOf(RouteFlag.class);
        all.addAll(hop.flags());
        all.addAll(flags);
        return all;
    }

    public Route withTable(int t) {
        return new Route(type, destination, source, t, tos, protocol, scope, metric, prefsrc, nexthops, multipath,
                nhid, flags, metrics, pref, expires, extras);
    }

    public Route withMetric(Long m) {
        return new Route(type, destination, source, table, tos, protocol, scope, m, prefsrc, nexthops, multipath,
                nhid, flags, metrics, pref, expires, extras);
    }

    public Route withFlags(Set<RouteFlag> f) {
        return new Route(type, destination, source, table, tos, protocol, scope, metric, prefsrc, nexthops, multipath,
                nhid, f, metrics, pref, expires, extras);
    }

    public Route withNexthops(List<NextHop> hops) {
        return new Route(type, destination, source, table, tos, protocol, scope, metric, prefsrc, hops, multipath,
                nhid, flags, metrics, pref, expires, extras);
    }

    public Route withProtocolScopeSrc(RouteProtocol p, RouteScope s, IpAddress src) {
        return new Route(type, destination, source, table, tos, p, s, metric, src, nexthops, multipath,
                nhid, flags, metrics, pref, expires, extras);
    }

    public Route withExpires(Integer e) {
        return new Route(type, destination, source, table, tos, protocol, scope, metric, prefsrc, nexthops, multipath,
                nhid, flags, metrics, pref, e, extras);
    }

    public Route withNhid(Integer n) {
        return new Route(type, destination, source, table, tos, protocol, scope, metric, prefsrc, nexthops, multipath,
                n, flags, metrics, pref, expires, extras);
    }
}
