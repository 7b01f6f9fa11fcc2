package io.overlaysim.routing;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The input half of {@code ip route get ... iif DEV}: {@code ip_route_input_slow} with its
 * martian checks, local and broadcast delivery, forwarding ({@code __mkroute_input}, with
 * {@code fib_validate_source} and ICMP redirect marking) and its errors.
 */
final class InputLookup {
    private final Fib fib;
    private final RouteLookup output;

    InputLookup(Fib fib, RouteLookup output) {
        this.fib = fib;
        this.output = output;
    }

    private static boolean multicast(int a) {
        return (a >>> 28) == 0xe;
    }

    /** {@code ipv4_is_zeronet}: only 0.0.0.0 since Linux 5.3 made 0.0.0.0/8 ordinary unicast. */
    private static boolean zeronet(int a) {
        return a == 0;
    }

    RouteAnswer lookup(RouteQuery q) {
        Interfaces.Link in = fib.links().get(q.iif());
        if (in == null) {
            return new RouteAnswer.Failed(RouteError.NO_SUCH_DEVICE, null);
        }
        int daddr = q.dst();
        int saddr = q.src();
        int tos = q.tos() & 0x1c;
        if (multicast(daddr)) {
            // ip_route_input_rcu: only groups this device joined are delivered (no mrouting here)
            if (!RouteLookup.joinedGroup(in, daddr)) {
                return fail(RouteError.INVALID_ARGUMENT);
            }
            return found(q, RouteType.MULTICAST, null, "lo", List.of("local", "mc"), null, -1, 0,
                    EnumSet.of(RouteFlag.RT_OFFLOAD_FAILED));
        }
        if (multicast(saddr) || saddr == -1) {
            return fail(RouteError.INVALID_ARGUMENT);
        }
        if (daddr == -1 || (saddr == 0 && daddr == 0)) {
            return broadcastInput(q, in, null, -1, 0);
        }
        if (zeronet(saddr) || zeronet(daddr) || RouteLookup.loopbackAddr(daddr) || RouteLookup.loopbackAddr(saddr)) {
            return fail(RouteError.INVALID_ARGUMENT);
        }
        Fib.FibResult res = new Fib.FibResult();
        RouteError err = fib.fibLookup(daddr, saddr, tos, 0, 0, in.name, null, q.mark(), false, res);
        if (err != null) {
            return fail(fib.config().ipForward() ? err : RouteError.NO_ROUTE_TO_HOST);
        }
        if (res.type == RouteType.BROADCAST) {
            return broadcastInput(q, in, res.alias.route, res.prefixLength, res.table);
        }
        if (res.type == RouteType.LOCAL) {
            if (validateSource(saddr, daddr, tos, 0, in) < 0) {
                return fail(RouteError.INVALID_ARGUMENT);
            }
            return found(q, RouteType.LOCAL, null, "lo", List.of("local"), res.alias.route, res.prefixLength, res.table,
                    Set.of());
        }
        if (!fib.config().ipForward()) {
            return fail(RouteError.NO_ROUTE_TO_HOST);
        }
        if (res.type != RouteType.UNICAST) {
            return fail(RouteError.INVALID_ARGUMENT);
        }
        if (res.alias.hops.length > 1) {
            int h = MultipathHash.hash(fib.config().multipathHashPolicy(), fib.config().multipathHashSeed(), saddr, daddr,
                    q.proto(), q.sport(), q.dport());
            output.selectMultipath(res, h, 0);
        }
        FibNextHop hop = res.hop();
        Interfaces.Link out = fib.links().get(hop.device);
        int v = validateSource(saddr, daddr, tos, out.index, in);
        if (v < 0) {
            return fail(RouteError.INVALID_ARGUMENT);
        }
        List<String> cache = new ArrayList<>();
        if (out == in && v > 0 && onlink(out, saddr, hop.hasGateway ? hop.gateway : 0)) {
            cache.add("redirect");
        }
        IpAddress gw = hop.hasGateway && hop.scope == RouteScope.LINK.value() ? IpAddress.v4(hop.gateway) : null;
        return found(q, RouteType.UNICAST, gw, out.name, cache, res.alias.route, res.prefixLength, res.table, Set.of());
    }

    private RouteAnswer broadcastInput(RouteQuery q, Interfaces.Link in, Route matched, int len, int table) {
        if (!zeronet(q.src()) && validateSource(q.src(), q.dst(), 0, 0, in) < 0) {
            return fail(RouteError.INVALID_ARGUMENT);
        }
        return found(q, RouteType.BROADCAST, null, "lo", List.of("local", "brd"), matched, len, table, Set.of());
    }

    /**
     * {@code fib_validate_source}: with rp_filter off and the packet not leaving where it came
     * from, only a source that is one of our own addresses is martian; otherwise the reverse
     * lookup of {@code __fib_validate_source}. Negative: martian; 1: the source is on link.
     */
    private int validateSource(int src, int dst, int tos, int oif, Interfaces.Link dev) {
        int rpf = fib.config().rpFilter();
        if (rpf == 0 && dev.index != oif) {
            if (!fib.customRules() && fib.links().findByAddress(src) != null) {
                return -1;
            }
            if (!fib.customRules()) {
                return 0;
            }
        }
        Fib.FibResult res = new Fib.FibResult();
        if (fib.fibLookup(src, dst, tos, 0, 0, oif == 0 ? "lo" : fib.links().get(oif).name, null, 0, false, res) != null) {
            return rpf != 0 ? -1 : 0;
        }
        if (res.type != RouteType.UNICAST) {
            return -1;
        }
        boolean devMatch = false;
        for (FibNextHop h : res.alias.hops) {
            devMatch |= h.device == dev.index;
        }
        if (devMatch) {
            return res.hop().scope >= RouteScope.HOST.value() ? 1 : 0;
        }
        if (dev.addresses.isEmpty()) {
            return rpf != 0 ? -1 : 0;
        }
        if (rpf == 1) {
            return -1;
        }
        Fib.FibResult r2 = new Fib.FibResult();
        if (fib.fibLookup(src, dst, tos, 0, dev.index, "lo", null, 0, true, r2) == null && r2.type == RouteType.UNICAST) {
            return r2.hop().scope >= RouteScope.HOST.value() ? 1 : 0;
        }
        return 0;
    }

    /** {@code inet_addr_onlink}: both addresses in a subnet of one of the device's addresses. */
    private static boolean onlink(Interfaces.Link dev, int a, int b) {
        for (InterfaceAddress ia : dev.addresses) {
            if (RouteLookup.inSubnet(ia, a) && (b == 0 || RouteLookup.inSubnet(ia, b))) {
                return true;
            }
        }
        return false;
    }

    private static RouteAnswer fail(RouteError e) {
        return new RouteAnswer.Failed(e, null);
    }

    private static RouteAnswer found(RouteQuery q, RouteType type, IpAddress gw, String dev, List<String> cache,
            Route matched, int len, int table, Set<RouteFlag> flags) {
        return new RouteAnswer.Found(type, q.dst(), q.src(), gw, dev, 0, q.iif(), q.mark(), flags, cache, table, matched, len);
    }
}
