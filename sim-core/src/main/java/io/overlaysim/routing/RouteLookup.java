package io.overlaysim.routing;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * {@code ip route get} against a {@link Fib}: output lookups as {@code ip_route_output_key_hash_rcu}
 * and {@code __mkroute_output}, input lookups (a packet received on {@code iif}, forwarded when
 * {@code ip_forward=1}) as {@code ip_route_input_slow} and {@code __mkroute_input}, answers as
 * {@code rt_fill_info} fills them.
 */
public final class RouteLookup {
    private static final int LOOPBACK = 0x7f000001;
    private static final int IPTOS_RT_MASK = 0x1c;
    private static final int RTO_ONLINK = 0x01;
    private static final int IGMP = 2;

    private final Fib fib;

    public RouteLookup(Fib fib) {
        this.fib = fib;
    }

    /** Answers one query, output or input. */
    public RouteAnswer get(RouteQuery q) {
        if (q.iif() != null) {
            return new InputLookup(fib, this).lookup(q);
        }
        return output(q);
    }

    private static boolean multicast(int a) {
        return (a >>> 28) == 0xe;
    }

    private static boolean lbcast(int a) {
        return a == -1;
    }

    /** {@code ipv4_is_zeronet}: only 0.0.0.0 since Linux 5.3 made 0.0.0.0/8 ordinary unicast. */
    private static boolean zeronet(int a) {
        return a == 0;
    }

    static boolean loopbackAddr(int a) {
        return (a >>> 24) == 127;
    }

    /** {@code ip_route_output_key_hash} + {@code ip_route_output_key_hash_rcu}. */
    RouteAnswer output(RouteQuery q) {
        int tos = q.tos() & IPTOS_RT_MASK;
        int scope = (q.tos() & RTO_ONLINK) != 0 ? RouteScope.LINK.value() : RouteScope.UNIVERSE.value();
        int daddr = q.dst();
        int saddr = q.src();
        Interfaces links = fib.links();
        Interfaces.Link devOut = null;
        int oif = 0;
        if (q.oif() != null) {
            devOut = links.get(q.oif());
            if (devOut == null) {
                return new RouteAnswer.Failed(RouteError.NO_SUCH_DEVICE, null);
            }
            oif = devOut.index;
        }
        int origOif = oif;
        Fib.FibResult res = null;
        RouteType type = RouteType.UNSPEC;
        boolean local = false;
        make:
        {
            if (saddr != 0) {
                if (multicast(saddr) || lbcast(saddr) || zeronet(saddr)) {
                    return new RouteAnswer.Failed(RouteError.INVALID_ARGUMENT, null);
                }
                if (oif == 0 && (multicast(daddr) || lbcast(daddr))) {
                    devOut = links.findByAddress(saddr);
                    if (devOut == null) {
                        return new RouteAnswer.Failed(RouteError.NETWORK_UNREACHABLE, null);
                    }
                    oif = devOut.index;
                    break make;
                }
                if (!fib.isLocalAddress(saddr)) {
                    return new RouteAnswer.Failed(RouteError.NETWORK_UNREACHABLE, null);
                }
            }
            if (oif != 0) {
                if (!devOut.up) {
                    return new RouteAnswer.Failed(RouteError.NETWORK_UNREACHABLE, null);
                }
                if ((daddr & 0xffffff00) == 0xe0000000 || lbcast(daddr) || q.proto() == IGMP) {
                    if (saddr == 0) {
                        saddr = selectAddress(devOut, 0, RouteScope.LINK.value());
                    }
                    break make;
                }
                if (saddr == 0) {
                    if (multicast(daddr)) {
                        saddr = selectAddress(devOut, 0, scope);
                    } else if (daddr == 0) {
                        saddr = selectAddress(devOut, 0, RouteScope.HOST.value());
                    }
                }
            }
            if (daddr == 0) {
                daddr = saddr;
                if (daddr == 0) {
                    daddr = saddr = LOOPBACK;
                }
                devOut = links.loopback();
                oif = devOut.index;
                type = RouteType.LOCAL;
                local = true;
                break make;
            }
            res = new Fib.FibResult();
            RouteError err = fib.fibLookup(daddr, saddr, tos, scope, oif, "lo", q.oif(), q.mark(), false, res);
            if (err != null) {
                Route matched = res.alias == null ? null : res.alias.route;
                res = null;
                if (oif != 0) {
                    // "Apparently, routing tables are wrong. Assume, that the destination is on link."
                    if (saddr == 0) {
                        saddr = selectAddress(devOut, 0, RouteScope.LINK.value());
                    }
                    type = RouteType.UNICAST;
                    break make;
                }
                return new RouteAnswer.Failed(err, matched);
            }
            type = res.type;
            if (res.type == RouteType.LOCAL) {
                if (saddr == 0) {
                    saddr = res.alias.prefsrc != 0 ? res.alias.prefsrc : daddr;
                }
                devOut = links.loopback();
                origOif = res.hop().device;
                oif = devOut.index;
                local = true;
                break make;
            }
            // fib_select_path
            if (oif == 0 && res.alias.hops.length > 1) {
                int h = MultipathHash.hash(fib.config().multipathHashPolicy(), fib.config().multipathHashSeed(),
                        q.src(), daddr, q.proto(), q.sport(), q.dport());
                selectMultipath(res, h, saddr);
            }
            if (saddr == 0) {
                saddr = resultPrefsrc(res);
            }
            devOut = links.get(res.hop().device);
            oif = devOut.index;
        }
        return makeOutput(q, res, type, daddr, saddr, devOut, origOif, local);
    }

    /** {@code __mkroute_output} and {@code rt_fill_info} for an output route. */
    private RouteAnswer makeOutput(RouteQuery q, Fib.FibResult res, RouteType type0, int daddr, int saddr,
            Interfaces.Link devOut, int origOif, boolean local0) {
        RouteType type = type0;
        boolean local = local0;
        if (loopbackAddr(saddr) && !devOut.loopback) {
            return new RouteAnswer.Failed(RouteError.INVALID_ARGUMENT, null);
        }
        if (lbcast(daddr)) {
            type = RouteType.BROADCAST;
        } else if (multicast(daddr)) {
            type = RouteType.MULTICAST;
        } else if (zeronet(daddr)) {
            return new RouteAnswer.Failed(RouteError.INVALID_ARGUMENT, null);
        }
        if (devOut.loopback) {
            local = true;
        }
        boolean useFi = res != null;
        boolean brd = false;
        boolean mc = false;
        if (type == RouteType.BROADCAST) {
            local = true;
            brd = true;
            useFi = false;
        } else if (type == RouteType.MULTICAST) {
            mc = true;
            local = joinedGroup(devOut, daddr);
            if (useFi && res.prefixLength < 4) {
                useFi = false;
            }
        }
        IpAddress gw = null;
        if (useFi) {
            FibNextHop h = res.hop();
            if (h.hasGateway && h.scope == RouteScope.LINK.value()) {
                gw = IpAddress.v4(h.gateway);
            }
        }
        Set<RouteFlag> flags = mc ? EnumSet.of(RouteFlag.RT_OFFLOAD_FAILED) : Set.of();
        List<String> cache = new ArrayList<>(2);
        if (local) {
            cache.add("local");
        }
        if (mc) {
            cache.add("mc");
        }
        if (brd) {
            cache.add("brd");
        }
        int prefsrc = saddr != q.src() ? saddr : 0;
        Route matched = res == null ? null : res.alias.route;
        return new RouteAnswer.Found(type == RouteType.UNSPEC ? RouteType.UNICAST : type, q.dst(), q.src(), gw,
                devOut.name, prefsrc, null, q.mark(), flags, cache, res == null ? 0 : res.table, matched,
                res == null ? -1 : res.prefixLength);
    }

    /** Whether the device has joined the group ({@code ip_check_mc_rcu}): all-hosts, on every device. */
    static boolean joinedGroup(Interfaces.Link dev, int group) {
        return group == 0xe0000001;
    }

    /**
     * {@code fib_select_multipath} (Linux 6.15+): the next hop whose upper bound covers the hash,
     * but when a source address is given, only one whose own preferred source ({@code nh_saddr})
     * is that address: the hashed one if it matches, else the first matching one; when none
     * matches, the last live one.
     */
    void selectMultipath(Fib.FibResult res, int hash, int saddr) {
        FibNextHop[] hops = res.alias.hops;
        boolean found = false;
        for (int i = 0; i < hops.length; i++) {
            FibNextHop h = hops[i];
            if (h.upperBound == -1) {
                continue;
            }
            boolean match = saddr == 0 || nextHopSource(res.alias, h) == saddr;
            if (!found) {
                res.nh = i;
                found = match;
            }
            if (hash > h.upperBound) {
                continue;
            }
            if (match) {
                res.nh = i;
                return;
            }
            if (found) {
                return;
            }
        }
    }

    /** {@code nh_saddr}: the source {@code fib_info_update_nhc_saddr} caches for a next hop. */
    int nextHopSource(FibAlias alias, FibNextHop h) {
        return selectAddress(fib.links().get(h.device), h.hasGateway ? h.gateway : 0, alias.scope);
    }

    /** {@code fib_result_prefsrc}: the route's {@code src}, else {@code inet_select_addr} on the next hop. */
    int resultPrefsrc(Fib.FibResult res) {
        if (res.alias.prefsrc != 0) {
            return res.alias.prefsrc;
        }
        FibNextHop h = res.hop();
        return selectAddress(fib.links().get(h.device), h.hasGateway ? h.gateway : 0, res.alias.scope);
    }

    /**
     * {@code inet_select_addr}: on the device, the first primary address of a scope no wider than
     * asked, preferring one whose subnet holds {@code dst}; failing that, the first address of
     * any device (in creation order, {@code lo} first) whose scope is neither link nor narrower
     * than asked ({@code in_dev_select_addr}).
     */
    int selectAddress(Interfaces.Link dev, int dst, int scope) {
        int addr = 0;
        if (dev != null) {
            for (InterfaceAddress a : dev.addresses) {
                if (a.secondary()) {
                    continue;
                }
                int s = Interfaces.scopeValue(a);
                if (Math.min(s, RouteScope.HOST.value()) > scope) {
                    continue;
                }
                if (dst == 0 || inSubnet(a, dst)) {
                    return a.address().bits();
                }
                if (addr == 0) {
                    addr = a.address().bits();
                }
            }
        }
        if (addr != 0) {
            return addr;
        }
        for (Interfaces.Link l : fib.links().all()) {
            for (InterfaceAddress a : l.addresses) {
                int s = Interfaces.scopeValue(a);
                if (Math.min(s, RouteScope.HOST.value()) > scope) {
                    continue;
                }
                if (s != RouteScope.LINK.value() && s <= scope) {
                    return a.address().bits();
                }
            }
        }
        return 0;
    }

    /** {@code inet_ifa_match}: whether {@code addr} is in the address's subnet. */
    static boolean inSubnet(InterfaceAddress a, int addr) {
        int mask = io.overlaysim.net.Ipv4Prefix.mask(a.prefixLength());
        int base = (a.peer() != null ? a.peer() : a.address()).bits();
        return ((base ^ addr) & mask) == 0;
    }
}
