package io.overlaysim.routing;

import io.overlaysim.net.Ipv4Address;
import io.overlaysim.net.Ipv4Prefix;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * A node's IPv4 forwarding information base, built the way the kernel builds it: devices and
 * their addresses ({@code fib_add_ifaddr} makes the local, broadcast and connected routes),
 * rules, and routes added one by one with the kernel's checks ({@code fib_create_info},
 * {@code fib_check_nh}), next hops resolved once when added. Lookups are in
 * {@link RouteLookup}; this class holds the tables and {@code fib_table_lookup} /
 * {@code fib_lookup}.
 *
 * <pre>{@code
 * Fib fib = new Fib(FibConfig.oracle());
 * fib.links().add("enp1s0");
 * fib.addAddress(InterfaceAddress.of("enp1s0", Ipv4Address.parse("192.168.0.176"), 24));
 * fib.addRoute(route);   // RouteChange.Added or Refused("Nexthop has invalid gateway")
 * }</pre>
 */
public final class Fib {
    private final FibConfig config;
    private final TableNames names;
    private final Interfaces links = new Interfaces();
    private final Map<Integer, FibTable> tables = new TreeMap<>();
    private final Supplier<PrefixMap> maps;
    private RuleSet rules = RuleSet.defaults();
    private boolean customRules;
    private long sequence;

    public Fib(FibConfig config) {
        this(config, new TableNames(), AdaptivePrefixMap::new);
    }

    /**
     * @param maps makes the longest-prefix-match structure of each table (the fast one drops in here)
     */
    public Fib(FibConfig config, TableNames names, Supplier<PrefixMap> maps) {
        this.config = config;
        this.names = names;
        this.maps = maps;
        // lo comes up with 127.0.0.1/8 (inetdev_event NETDEV_UP on the loopback)
        addAddress(new InterfaceAddress("lo", Ipv4Address.parse("127.0.0.1"), 8, null, null, "host", null, false, false));
    }

    public FibConfig config() {
        return config;
    }

    public TableNames tableNames() {
        return names;
    }

    public Interfaces links() {
        return links;
    }

    public RuleSet rules() {
        return rules;
    }

    /** Replaces the rules; any set other than the defaults unmerges table local from main. */
    public void setRules(RuleSet r) {
        this.rules = r;
        this.customRules = customRules || !r.isDefault();
    }

    boolean customRules() {
        return customRules;
    }

    FibTable table(int id) {
        return tables.get(id);
    }

    private FibTable tableForInsert(int id) {
        return tables.computeIfAbsent(id, i -> new FibTable(i, maps));
    }

    /** Every IPv4 route in the FIB, table by table (ascending id), prefix by prefix. */
    public List<Route> routes() {
        List<Route> out = new ArrayList<>();
        for (FibTable t : tables.values()) {
            for (FibAlias a : t.all()) {
                out.add(FibDeviceEvents.withState(a));
            }
        }
        return out;
    }

    // ---------------------------------------------------------------- addresses

    /**
     * Adds an address as {@code ip addr add} does: {@code inet_insert_ifa} (secondary when a
     * primary of the same subnet exists), then {@code fib_add_ifaddr}: {@code local A} in table
     * local, the explicit {@code brd}, and unless secondary or {@code noprefixroute} the prefix
     * route in main ({@code proto kernel scope link src A}) and the subnet broadcast (prefixes
     * shorter than /31). The device is created when missing.
     */
    public List<Route> addAddress(InterfaceAddress a0) {
        Interfaces.Link dev = links.add(a0.device());
        for (InterfaceAddress o : dev.addresses) {
            if (o.address().equals(a0.address()) && o.prefixLength() == a0.prefixLength()) {
                return List.of();
            }
        }
        boolean secondary = Interfaces.isSecondary(dev, a0);
        InterfaceAddress a = new InterfaceAddress(a0.device(), a0.address(), a0.prefixLength(), a0.peer(), a0.broadcast(),
                a0.scope(), a0.label(), secondary, a0.noPrefixRoute());
        Interfaces.insert(dev, a);
        List<Route> made = new ArrayList<>();
        ifaddrRoutes(dev, a, made);
        return made;
    }

    /** {@code fib_add_ifaddr} for an address already on {@code dev}: the kernel routes it brings. */
    void ifaddrRoutes(Interfaces.Link dev, InterfaceAddress a, List<Route> made) {
        boolean secondary = a.secondary();
        InterfaceAddress prim = a;
        if (secondary) {
            int mask = Ipv4Prefix.mask(a.prefixLength());
            for (InterfaceAddress o : dev.addresses) {
                if (!o.secondary() && Ipv4Prefix.mask(o.prefixLength()) == mask
                        && ((o.address().bits() ^ a.address().bits()) & mask) == 0) {
                    prim = o;
                    break;
                }
            }
        }
        int addr = a.address().bits();
        int mask = Ipv4Prefix.mask(a.prefixLength());
        int prefix = (a.peer() != null ? a.peer().bits() : addr) & mask;
        magic(made, RouteType.LOCAL, addr, 32, prim, dev);
        if (!dev.up) {
            return;
        }
        if (a.broadcast() != null && a.broadcast().bits() != -1 && a.broadcast().bits() != 0) {
            magic(made, RouteType.BROADCAST, a.broadcast().bits(), 32, prim, dev);
        }
        if (prefix != 0 && !secondary && (prefix != addr || a.prefixLength() < 32)) {
            if (!a.noPrefixRoute()) {
                magic(made, dev.loopback ? RouteType.LOCAL : RouteType.UNICAST, prefix, a.prefixLength(), prim, dev);
            }
            if (a.prefixLength() < 31) {
                magic(made, RouteType.BROADCAST, prefix | ~mask, 32, prim, dev);
            }
        }
    }

    /** {@code fib_magic}: a kernel route, appended (NLM_F_APPEND), duplicates ignored. */
    private void magic(List<Route> made, RouteType type, int dst, int len, InterfaceAddress prim, Interfaces.Link dev) {
        RouteScope scope = type == RouteType.LOCAL ? RouteScope.HOST : RouteScope.LINK;
        int table = type == RouteType.UNICAST ? TableNames.MAIN : TableNames.LOCAL;
        Route r = new Route(type, IpPrefix.v4(Ipv4Prefix.of(dst, len)), null, table, 0, RouteProtocol.KERNEL, scope, null,
                IpAddress.v4(prim.address()), List.of(NextHop.dev(dev.name)), false, null, Set.of(), RouteMetrics.NONE,
                null, null, Map.of());
        FibTable t = tableForInsert(table);
        for (FibAlias o : t.aliases(dst, len)) {
            if (o.route.equals(r)) {
                return;
            }
        }
        int nhScope = type == RouteType.LOCAL ? RouteScope.NOWHERE.value() : RouteScope.HOST.value();
        FibNextHop nh = new FibNextHop(r.firstHop(), 0, false, dev.index, 1, dev.carrier ? 0 : FibNextHop.F_LINKDOWN, nhScope);
        FibAlias alias = new FibAlias(r, table, dst, len, 0, 0, scope.value(), prim.address().bits(), new FibNextHop[] {nh},
                sequence++);
        alias.rebalance(config.ignoreRoutesWithLinkdown());
        t.insert(alias, true);
        made.add(r);
    }

    /**
     * {@code ip addr del}: the address (with, when it is a primary, its secondaries: the kernel
     * default {@code promote_secondaries} = 0) and the routes the kernel removes with it
     * ({@code fib_del_ifaddr}, {@code fib_sync_down_addr}, and {@code fib_disable_ip} when it
     * was the device's last address). Returns the routes removed; empty when no such address.
     */
    public List<Route> deleteAddress(String device, Ipv4Address address, int prefixLength) {
        return new FibDeviceEvents(this).deleteAddress(device, address, prefixLength);
    }

    /**
     * A device's admin state ({@code ip link set up|down}) and carrier changed: down kills the
     * routes through it ({@code fib_sync_down_dev}; a multipath route keeps the hop as
     * {@code dead linkdown}), up brings back its addresses' kernel routes ({@code fib_add_ifaddr},
     * {@code fib_sync_up}); carrier loss marks next hops {@code linkdown} (still used unless
     * {@code ignore_routes_with_linkdown}).
     */
    public void setLinkState(String device, boolean up, boolean carrier) {
        new FibDeviceEvents(this).setLinkState(device, up, carrier);
    }

    /** The device's MTU as the FIB knows it ({@code dev->mtu}). */
    public void setMtu(String device, int mtu) {
        links.add(device).mtu = mtu;
    }

    Iterable<FibTable> tables() {
        return tables.values();
    }

    // ---------------------------------------------------------------- routes

    /** How a route is added: {@code ip route add} (EEXIST on a clash), {@code append}, {@code prepend}. */
    public enum AddMode { ADD, APPEND, PREPEND }

    /** {@code ip route add}: adds an IPv4 route with the kernel's checks, or says why not. */
    public RouteChange addRoute(Route r) {
        return addRoute(r, AddMode.ADD);
    }

    public RouteChange addRoute(Route r, AddMode mode) {
        if (!r.isV4()) {
            return new RouteChange.Refused(r, "IPv6 routes are kept but not forwarded");
        }
        Ipv4Prefix dst = r.destination().v4();
        RouteScope scope = r.effectiveScope();
        if (r.nhid() != null) {
            return new RouteChange.Refused(r, "Nexthop id does not exist");
        }
        if (r.type().error() != null) {
            if (!r.nexthops().isEmpty()) {
                return new RouteChange.Refused(r, "Gateway, device and multipath can not be specified for this route type");
            }
        } else if (r.nexthops().isEmpty()) {
            return new RouteChange.Refused(r, "No such device");
        }
        FibNextHop[] hops = new FibNextHop[r.nexthops().size()];
        for (int i = 0; i < hops.length; i++) {
            NextHop h = r.nexthops().get(i);
            Object checked = checkNextHop(r, h, scope);
            if (checked instanceof String msg) {
                return new RouteChange.Refused(r, msg);
            }
            hops[i] = (FibNextHop) checked;
        }
        int prefsrc = 0;
        if (r.prefsrc() != null) {
            if (!r.prefsrc().isV4()) {
                return new RouteChange.Refused(r, "Invalid prefsrc address");
            }
            prefsrc = r.prefsrc().v4bits();
            if (!validPrefsrc(r, prefsrc)) {
                return new RouteChange.Refused(r, "Invalid prefsrc address");
            }
        }
        FibTable t = tableForInsert(r.table());
        long prio = r.effectiveMetric();
        if (mode == AddMode.ADD && t.conflicting(dst.bits(), dst.length(), r.tos(), prio) != null) {
            return new RouteChange.Refused(r, "File exists");
        }
        FibAlias alias = new FibAlias(r, r.table(), dst.bits(), dst.length(), r.tos(), prio, scope.value(), prefsrc, hops,
                sequence++);
        alias.rebalance(config.ignoreRoutesWithLinkdown());
        t.insert(alias, mode != AddMode.PREPEND);
        return new RouteChange.Added(r);
    }

    /** {@code fib_check_nh}: the resolved next hop, or the error message. */
    private Object checkNextHop(Route r, NextHop h, RouteScope scope) {
        Interfaces.Link dev = h.device() == null ? null : links.get(h.device());
        if (h.device() != null && dev == null) {
            return "Cannot find device \"" + h.device() + "\"";
        }
        Set<RouteFlag> flags = r.hopFlags(h);
        boolean onlink = flags.contains(RouteFlag.ONLINK);
        int weight = h.weight();
        if (scope.value() == RouteScope.HOST.value()) {
            if (r.nexthops().size() != 1) {
                return "Route with host scope can not have multiple nexthops";
            }
            if (h.gateway() != null) {
                return "Route with host scope can not have a gateway";
            }
            if (dev == null) {
                return "No such device";
            }
            return new FibNextHop(h, 0, false, dev.index, weight, 0, RouteScope.NOWHERE.value());
        }
        if (h.gateway() == null) {
            if (onlink) {
                return "Invalid flags for nexthop - PERVASIVE and ONLINK can not be set";
            }
            if (dev == null) {
                return "No such device";
            }
            if (!dev.up) {
                return "Device for nexthop is not up";
            }
            return new FibNextHop(h, 0, false, dev.index, weight, dev.carrier ? 0 : FibNextHop.F_LINKDOWN,
                    RouteScope.HOST.value());
        }
        if (!h.gateway().isV4()) {
            return "Nexthop has invalid gateway";
        }
        int gw = h.gateway().v4bits();
        if (onlink) {
            // fib_check_nh_v4_gw, RTNH_F_ONLINK branch
            if (scope.value() >= RouteScope.LINK.value()) {
                return "Nexthop has invalid scope";
            }
            if (dev == null) {
                return "Nexthop device required for onlink";
            }
            if (!dev.up) {
                return "Nexthop device is not up";
            }
            if (addressType(gw, dev.index) != RouteType.UNICAST) {
                return "Nexthop has invalid gateway";
            }
            return new FibNextHop(h, gw, true, dev.index, weight,
                    FibNextHop.F_ONLINK | (dev.carrier ? 0 : FibNextHop.F_LINKDOWN), RouteScope.LINK.value());
        }
        // the gateway must be reachable through a route of narrower scope than this one
        int lookupScope = Math.max(scope.value() + 1, RouteScope.LINK.value());
        FibResult res = new FibResult();
        RouteError err = null;
        FibTable tbl = r.table() != TableNames.MAIN ? tables.get(r.table()) : null;
        int oif = dev == null ? 0 : dev.index;
        if (tbl != null) {
            err = tableLookup(tbl, null, gw, 0, lookupScope, oif, true, res);
        }
        if (tbl == null || err != null) {
            err = fibLookup(gw, 0, 0, lookupScope, oif, "lo", null, 0, true, res);
        }
        if (err != null || (res.type != RouteType.UNICAST && res.type != RouteType.LOCAL)) {
            return "Nexthop has invalid gateway";
        }
        FibNextHop via = res.alias.hops[res.nh];
        Interfaces.Link out = links.get(via.device);
        if (out == null) {
            return "No egress device for nexthop gateway";
        }
        if (!out.up) {
            return "Nexthop device is not up";
        }
        return new FibNextHop(h, gw, true, out.index, weight, out.carrier ? 0 : FibNextHop.F_LINKDOWN, res.alias.scope);
    }

    /** {@code fib_valid_prefsrc}: the source must be one of the node's local addresses. */
    private boolean validPrefsrc(Route r, int src) {
        if (r.type() == RouteType.LOCAL && r.destination().v4().bits() == src && r.destination().v4().length() == 32) {
            return true;
        }
        int tb = r.table() == TableNames.MAIN ? TableNames.LOCAL : r.table();
        RouteType t = addressTypeInTable(src, 0, tb);
        if (t != RouteType.LOCAL && tb != TableNames.LOCAL) {
            t = addressTypeInTable(src, 0, TableNames.LOCAL);
        }
        return t == RouteType.LOCAL;
    }

    /** {@code inet_addr_type_dev_table}: what {@code addr} is, looked up in table local. */
    RouteType addressType(int addr, int devIndex) {
        return addressTypeInTable(addr, devIndex, TableNames.LOCAL);
    }

    private RouteType addressTypeInTable(int addr, int devIndex, int tableId) {
        if (addr == 0 || addr == -1) {
            return RouteType.BROADCAST;
        }
        if ((addr >>> 28) == 0xe) {
            return RouteType.MULTICAST;
        }
        FibTable t = tables.get(tableId);
        // while the rules are the defaults, table local shares main's trie (fib_trie_table(LOCAL, main))
        FibTable merged = !customRules && tableId == TableNames.LOCAL ? tables.get(TableNames.MAIN) : null;
        if (t == null && merged == null) {
            return RouteType.UNICAST;
        }
        FibResult res = new FibResult();
        if (tableLookup(t, merged, addr, 0, 0, 0, false, res) == null) {
            FibNextHop nh = res.alias.hops.length > 0 ? res.alias.hops[0] : null;
            if (devIndex == 0 || (nh != null && nh.device == devIndex)) {
                return res.type;
            }
        }
        return RouteType.UNICAST;
    }

    /** Whether {@code addr} is one of this node's addresses ({@code __ip_dev_find} / RTN_LOCAL). */
    public boolean isLocalAddress(int addr) {
        return links.findByAddress(addr) != null || addressType(addr, 0) == RouteType.LOCAL;
    }

    /** Deletes the first route matching {@code r}'s table, prefix, tos and metric (and type, devices when given). */
    public boolean deleteRoute(Route r) {
        if (!r.isV4()) {
            return false;
        }
        FibTable t = tables.get(r.table());
        if (t == null) {
            return false;
        }
        Ipv4Prefix dst = r.destination().v4();
        for (FibAlias a : t.aliases(dst.bits(), dst.length())) {
            boolean sameDev = r.device() == null || r.device().equals(a.route.device());
            boolean sameType = a.type == r.type();
            boolean sameMetric = r.metric() == null || a.priority == r.effectiveMetric();
            if (a.tos == r.tos() && sameMetric && sameType && sameDev) {
                return t.remove(a);
            }
        }
        return false;
    }

    // ---------------------------------------------------------------- lookups

    /** What one lookup found ({@code struct fib_result}). */
    static final class FibResult {
        FibAlias alias;
        int nh;
        int prefixLength;
        int table;
        RouteType type;

        FibNextHop hop() {
            return alias.hops[nh];
        }
    }

    /**
     * {@code fib_table_lookup} over one table, or two when table local is merged into main
     * (aliases of the same prefix in the table with the higher id first, as they sort in the
     * shared leaf): the longest prefix first; among its aliases TOS, scope and dead filters,
     * reject types answer their error at once, otherwise the first good next hop wins; when
     * none does, backtrack to the next shorter prefix. Null on success, else the error
     * ({@link RouteError#AGAIN} for no match or {@code throw}).
     */
    RouteError tableLookup(FibTable a, FibTable b, int daddr, int tos, int flowScope, int oif, boolean ignoreLinkstate,
            FibResult res) {
        if (b != null && a != null && b.id > a.id) {
            FibTable t = a;
            a = b;
            b = t;
        } else if (a == null) {
            a = b;
            b = null;
        }
        if (a == null) {
            return RouteError.AGAIN;
        }
        boolean ignoreLinkdown = config.ignoreRoutesWithLinkdown() && !ignoreLinkstate;
        int max = 32;
        while (max >= 0) {
            long ra = a.longest(daddr, max);
            long rb = b == null ? -1L : b.longest(daddr, max);
            int la = ra < 0 ? -1 : (int) (ra >>> 32);
            int lb = rb < 0 ? -1 : (int) (rb >>> 32);
            int len = Math.max(la, lb);
            if (len < 0) {
                return RouteError.AGAIN;
            }
            for (int pass = 0; pass < 2; pass++) {
                FibTable t = pass == 0 ? a : b;
                long r = pass == 0 ? ra : rb;
                if (t == null || r < 0 || (int) (r >>> 32) != len) {
                    continue;
                }
                for (FibAlias alias : t.slot((int) r)) {
                    if (alias.tos != 0 && alias.tos != tos) {
                        continue;
                    }
                    if (alias.scope < flowScope) {
                        continue;
                    }
                    RouteError err = alias.type.error();
                    if (err != null) {
                        res.alias = alias;
                        res.type = alias.type;
                        res.prefixLength = len;
                        res.table = t.id;
                        return err;
                    }
                    for (int i = 0; i < alias.hops.length; i++) {
                        FibNextHop h = alias.hops[i];
                        if ((h.flags & FibNextHop.F_DEAD) != 0) {
                            continue;
                        }
                        if (ignoreLinkdown && (h.flags & FibNextHop.F_LINKDOWN) != 0) {
                            continue;
                        }
                        if (oif != 0 && oif != h.device) {
                            continue;
                        }
                        res.alias = alias;
                        res.nh = i;
                        res.type = alias.type;
                        res.prefixLength = len;
                        res.table = t.id;
                        return null;
                    }
                }
            }
            max = len - 1;
        }
        return RouteError.AGAIN;
    }

    /**
     * {@code fib_lookup}: with the default rules, main (table local merged in) then table
     * default when main had no match or met a {@code throw} (EAGAIN only: a blackhole in main
     * answers at once, as Linux 6.18 does); with custom rules, {@code fib_rules_lookup}. Null on
     * success, else the error, never {@link RouteError#AGAIN} (that becomes ENETUNREACH).
     */
    RouteError fibLookup(int daddr, int saddr, int tos, int flowScope, int oif, String iifName, String oifName, long mark,
            boolean ignoreLinkstate, FibResult res) {
        RouteError err;
        if (!customRules) {
            err = tableLookup(tables.get(TableNames.MAIN), tables.get(TableNames.LOCAL), daddr, tos, flowScope, oif,
                    ignoreLinkstate, res);
            if (err == RouteError.AGAIN) {
                FibTable def = tables.get(TableNames.DEFAULT);
                if (def != null) {
                    err = tableLookup(def, null, daddr, tos, flowScope, oif, ignoreLinkstate, res);
                }
            }
            return err == RouteError.AGAIN ? RouteError.NETWORK_UNREACHABLE : err;
        }
        int n = rules.size();
        int i = 0;
        while (i < n) {
            Rule rule = rules.get(i);
            if (!rule.matches(saddr, daddr, tos, mark, iifName, oifName)) {
                i++;
                continue;
            }
            switch (rule.action()) {
                case RuleAction.Goto g -> {
                    int target = rules.indexOfPriority(g.priority());
                    i = target > i ? target : i + 1;
                    continue;
                }
                case RuleAction.Nop nop -> {
                    i++;
                    continue;
                }
                case RuleAction.Blackhole b -> err = RouteError.INVALID_ARGUMENT;
                case RuleAction.Unreachable u -> err = RouteError.NETWORK_UNREACHABLE;
                case RuleAction.Prohibit p -> err = RouteError.PERMISSION_DENIED;
                case RuleAction.Lookup l -> {
                    FibTable t = tables.get(l.table());
                    err = t == null ? RouteError.AGAIN : tableLookup(t, null, daddr, tos, flowScope, oif, ignoreLinkstate, res);
                }
            }
            // fib4_rule_suppress: a result no longer than suppress_prefixlength is not accepted
            if (err == null && res.prefixLength <= rule.suppressPrefixLength()) {
                i++;
                continue;
            }
            if (err != RouteError.AGAIN) {
                return err;
            }
            i++;
        }
        return RouteError.NETWORK_UNREACHABLE;
    }

    static Set<RouteFlag> flagsOf(int f) {
        EnumSet<RouteFlag> s = EnumSet.noneOf(RouteFlag.class);
        if ((f & FibNextHop.F_DEAD) != 0) {
            s.add(RouteFlag.DEAD);
        }
        if ((f & FibNextHop.F_ONLINK) != 0) {
            s.add(RouteFlag.ONLINK);
        }
        if ((f & FibNextHop.F_LINKDOWN) != 0) {
            s.add(RouteFlag.LINKDOWN);
        }
        return s;
    }
}
