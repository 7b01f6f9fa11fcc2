package io.overlaysim.routing;

import io.overlaysim.net.Ipv4Address;
import io.overlaysim.net.Ipv4Prefix;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * What device and address events do to the FIB ({@code net/ipv4/fib_frontend.c},
 * {@code fib_semantics.c}), as the kernel answered in network namespaces:
 * <ul>
 * <li>admin down ({@code NETDEV_DOWN}, {@code fib_sync_down_dev}): next hops through the device
 * become {@code dead linkdown}; a route all of whose hops are dead is flushed; {@code local}
 * routes (next-hop scope {@code nowhere}) stay. Up again ({@code NETDEV_UP}): the addresses'
 * kernel routes come back ({@code fib_add_ifaddr}), surviving multipath hops revive
 * ({@code fib_sync_up}); flushed static routes do not.
 * <li>carrier loss ({@code NETDEV_CHANGE}): hops through the device are flagged {@code linkdown}
 * and still used (unless {@code ignore_routes_with_linkdown}).
 * <li>{@code ip addr del} ({@code fib_del_ifaddr}, {@code fib_sync_down_addr}): the address's
 * local route, a primary's prefix and broadcast routes, every route whose {@code src} is the
 * address; the device's last address gone, IP is disabled on it ({@code fib_disable_ip} with
 * force: even its {@code local} routes go).
 * </ul>
 */
final class FibDeviceEvents {
    private final Fib fib;

    FibDeviceEvents(Fib fib) {
        this.fib = fib;
    }

    void setLinkState(String device, boolean up, boolean carrier) {
        Interfaces.Link link = fib.links().add(device);
        boolean wasUp = link.up;
        boolean hadCarrier = link.carrier;
        link.up = up;
        link.carrier = carrier;
        if (wasUp && !up) {
            syncDown(link, true, false);
        } else if (!wasUp && up) {
            List<Route> made = new ArrayList<>();
            for (InterfaceAddress a : List.copyOf(link.addresses)) {
                fib.ifaddrRoutes(link, a, made);
            }
            syncUp(link, FibNextHop.F_DEAD | (carrier ? FibNextHop.F_LINKDOWN : 0));
        }
        if (up && hadCarrier && !carrier) {
            syncDown(link, false, false);
        } else if (up && !hadCarrier && carrier) {
            syncUp(link, FibNextHop.F_LINKDOWN);
        }
    }

    List<Route> deleteAddress(String device, Ipv4Address address, int prefixLength) {
        Interfaces.Link link = fib.links().get(device);
        if (link == null) {
            return List.of();
        }
        InterfaceAddress target = null;
        for (InterfaceAddress a : link.addresses) {
            if (a.address().equals(address) && a.prefixLength() == prefixLength) {
                target = a;
            }
        }
        if (target == null) {
            return List.of();
        }
        List<InterfaceAddress> gone = new ArrayList<>();
        if (!target.secondary()) {
            // __inet_del_ifa without promote_secondaries: the primary's secondaries go first
            int mask = Ipv4Prefix.mask(prefixLength);
            for (InterfaceAddress a : link.addresses) {
                if (a.secondary() && a.prefixLength() == prefixLength
                        && ((a.address().bits() ^ target.address().bits()) & mask) == 0) {
                    gone.add(a);
                }
            }
        }
        gone.add(target);
        List<Route> removed = new ArrayList<>();
        for (InterfaceAddress a : gone) {
            link.addresses.remove(a);
            int addr = a.address().bits();
            boolean stillLocal = fib.links().findByAddress(addr) != null;
            for (FibTable t : fib.tables()) {
                for (FibAlias alias : t.all()) {
                    boolean local = alias.type == RouteType.LOCAL && alias.length == 32 && alias.prefix == addr
                            && RouteProtocol.KERNEL.equals(alias.route.protocol()) && !stillLocal;
                    // fib_sync_down_addr: routes preferring the deleted source die with it
                    boolean src = alias.prefsrc == addr && !stillLocal;
                    if ((local || src) && t.remove(alias)) {
                        removed.add(alias.route);
                    }
                }
            }
        }
        if (link.addresses.isEmpty()) {
            removed.addAll(syncDown(link, true, true));
        }
        return removed;
    }

    /**
     * {@code fib_sync_down_dev}: hops through {@code link} are marked (dead and linkdown when
     * {@code down}, else linkdown); with {@code down}, routes left with no live hop are flushed.
     */
    private List<Route> syncDown(Interfaces.Link link, boolean down, boolean force) {
        int skipScope = force ? -1 : RouteScope.NOWHERE.value();
        int mark = down ? FibNextHop.F_DEAD | FibNextHop.F_LINKDOWN : FibNextHop.F_LINKDOWN;
        List<Route> removed = new ArrayList<>();
        for (FibTable t : fib.tables()) {
            for (FibAlias alias : t.all()) {
                if (alias.hops.length == 0) {
                    continue;
                }
                int dead = 0;
                boolean touched = false;
                for (FibNextHop h : alias.hops) {
                    if ((h.flags & FibNextHop.F_DEAD) != 0) {
                        dead++;
                    } else if (h.device == link.index && h.scope != skipScope) {
                        h.flags |= mark;
                        touched = true;
                        dead++;
                    }
                }
                if (!touched) {
                    continue;
                }
                if (down && dead == alias.hops.length) {
                    t.remove(alias);
                    removed.add(alias.route);
                } else {
                    alias.rebalance(fib.config().ignoreRoutesWithLinkdown());
                }
            }
        }
        return removed;
    }

    /** {@code fib_sync_up}: clears {@code flags} on the hops through {@code link}. */
    private void syncUp(Interfaces.Link link, int flags) {
        for (FibTable t : fib.tables()) {
            for (FibAlias alias : t.all()) {
                boolean touched = false;
                for (FibNextHop h : alias.hops) {
                    if (h.device == link.index && (h.flags & flags) != 0) {
                        h.flags &= ~flags;
                        touched = true;
                    }
                }
                if (touched) {
                    alias.rebalance(fib.config().ignoreRoutesWithLinkdown());
                }
            }
        }
    }

    /** The route as {@code ip route} shows it now: its hops' {@code dead}/{@code linkdown} flags added. */
    static Route withState(FibAlias a) {
        int any = 0;
        for (FibNextHop h : a.hops) {
            any |= h.flags & (FibNextHop.F_DEAD | FibNextHop.F_LINKDOWN);
        }
        if (any == 0) {
            return a.route;
        }
        if (!a.route.multipath()) {
            EnumSet<RouteFlag> f = EnumSet.noneOf(RouteFlag.class);
            f.addAll(a.route.flags());
            f.addAll(Fib.flagsOf(a.hops[0].flags & (FibNextHop.F_DEAD | FibNextHop.F_LINKDOWN)));
            return a.route.withFlags(f);
        }
        List<NextHop> hops = new ArrayList<>();
        for (int i = 0; i < a.hops.length; i++) {
            NextHop h = a.route.nexthops().get(i);
            Set<RouteFlag> f = Fib.flagsOf(a.hops[i].flags & (FibNextHop.F_DEAD | FibNextHop.F_LINKDOWN));
            if (f.isEmpty()) {
                hops.add(h);
            } else {
                EnumSet<RouteFlag> all = EnumSet.noneOf(RouteFlag.class);
                all.addAll(h.flags());
                all.addAll(f);
                hops.add(h.withFlags(all));
            }
        }
        return a.route.withNexthops(hops);
    }
}
