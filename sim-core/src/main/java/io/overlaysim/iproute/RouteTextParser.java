package io.overlaysim.iproute;

import io.overlaysim.net.AddressFormatException;
import io.overlaysim.routing.IpAddress;
import io.overlaysim.routing.IpPrefix;
import io.overlaysim.routing.NextHop;
import io.overlaysim.routing.Numbers;
import io.overlaysim.routing.Route;
import io.overlaysim.routing.RouteFlag;
import io.overlaysim.routing.RouteMetrics;
import io.overlaysim.routing.RouteProtocol;
import io.overlaysim.routing.RouteScope;
import io.overlaysim.routing.RouteType;
import io.overlaysim.routing.TableNames;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Parses {@code ip route}, {@code ip route show table all}, {@code ip -6 route} and
 * {@code ip monitor route} text. Tolerant of what real dumps hold (double and trailing spaces,
 * tab-indented {@code nexthop} lines, wrapped lines, numeric protocols, named tables,
 * {@code linkdown}, {@code expires}); strict about the rest: a bad token gets
 * {@code file:line:col: expected ..., found ...}. In lenient mode bad lines are skipped, each
 * with a warning.
 *
 * <pre>{@code
 * RouteDump d = new RouteTextParser(new TableNames(), false).parse("ip-route.txt", text);
 * }</pre>
 */
public final class RouteTextParser {
    static final Set<String> METRICS = Set.of("mtu", "advmss", "window", "rtt", "rttvar", "reordering", "hoplimit",
            "ssthresh", "cwnd", "initcwnd", "initrwnd", "features", "quickack", "congctl", "rto_min",
            "fastopen_no_cookie");
    private static final String ATTRIBUTE = "a route attribute (via, dev, table, proto, scope, src, metric, ...)";

    private final TableNames tables;
    private final boolean lenient;

    public RouteTextParser(TableNames tables, boolean lenient) {
        this.tables = tables;
        this.lenient = lenient;
    }

    /** Parses a whole dump. */
    public RouteDump parse(String file, String text) {
        List<RouteDump.Entry> out = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        for (LogicalLine l : LogicalLine.join(text)) {
            try {
                LineTokens t = LineTokens.of(file, l.number(), l.text());
                boolean deleted = t.accept("Deleted");
                out.add(new RouteDump.Entry(l.number(), parseRoute(t), deleted));
            } catch (DumpParseException e) {
                if (!lenient) {
                    throw e;
                }
                warnings.add(e.getMessage());
            }
        }
        return new RouteDump(out, warnings);
    }

    /** Parses one route from its tokens (continuation lines already joined). */
    public Route parseRoute(LineTokens t) {
        RouteType type = RouteType.UNICAST;
        String first = t.peek();
        if (first == null) {
            throw t.error("a route");
        }
        RouteType named = RouteType.fromName(first);
        if (named != null) {
            t.next();
            type = named;
        }
        IpPrefix dst = prefix(t, "a destination prefix or \"default\"", null);
        IpPrefix from = null;
        Integer table = null;
        int tos = 0;
        RouteProtocol proto = null;
        RouteScope scope = null;
        Long metric = null;
        IpAddress src = null;
        Integer nhid = null;
        Set<RouteFlag> flags = EnumSet.noneOf(RouteFlag.class);
        Map<String, String> metrics = new LinkedHashMap<>();
        Set<String> locked = new LinkedHashSet<>();
        String pref = null;
        Integer expires = null;
        Map<String, String> extras = new LinkedHashMap<>();
        List<NextHop> hops = new ArrayList<>();
        IpAddress gw = null;
        String dev = null;
        boolean multipath = false;
        while (t.hasNext()) {
            String k = t.next();
            switch (k) {
                case "from" -> from = prefix(t, "a source prefix", dst);
                case "tos", "dsfield" -> tos = number(t, "a TOS value", 255);
                case "nhid" -> nhid = number(t, "a nexthop id", Integer.MAX_VALUE);
                case "via" -> {
                    if ("inet".equals(t.peek()) || "inet6".equals(t.peek())) {
                        t.next();
                    }
                    gw = address(t, "a gateway address");
                }
                case "dev", "oif" -> dev = t.next("a device name");
                case "table" -> {
                    String v = t.next("a table name or number");
                    table = tables.id(v);
                    if (table == null) {
                        throw t.errorAtPrevious("a table name or number");
                    }
                }
                case "proto", "protocol" -> {
                    proto = RouteProtocol.parse(t.next("a protocol name or number"));
                    if (proto == null) {
                        throw t.errorAtPrevious("a protocol name or number 0..255");
                    }
                }
                case "scope" -> {
                    scope = RouteScope.parse(t.next("a scope"));
                    if (scope == null) {
                        throw t.errorAtPrevious("a scope (global, link, host or a number)");
                    }
                }
                case "src" -> src = address(t, "a source address");
                case "metric", "priority", "preference" -> metric = unsigned32(t, "a metric");
                case "pref" -> {
                    String p = t.next("a router preference");
                    if (!p.equals("low") && !p.equals("medium") && !p.equals("high")) {
                        throw t.errorAtPrevious("a router preference (low, medium, high)");
                    }
                    pref = p;
                }
                case "expires" -> expires = seconds(t);
                case "lock" -> {
                    String m = t.next("a metric name");
                    if (!METRICS.contains(m)) {
                        throw t.errorAtPrevious("a metric name (mtu, advmss, ...)");
                    }
                    locked.add(m);
                    metrics.put(m, t.next("a metric value"));
                }
                case "nexthop" -> {
                    multipath = true;
                    hops.add(nexthop(t));
                }
                case "cache" -> extras.put("cache", "");
                case "error", "uid", "realms", "realm", "mark", "iif", "ttl-propagate", "as" -> {
                    String v = t.next("a value for " + k);
                    if (k.equals("as") && v.equals("to")) {
                        v = t.next("an address");
                    }
                    extras.put(k, v);
                }
                default -> {
                    RouteFlag f = RouteFlag.fromName(k);
                    if (f != null) {
                        flags.add(f);
                    } else if (METRICS.contains(k)) {
                        if ("lock".equals(t.peek())) {
                            t.next();
                            locked.add(k);
                        }
                        metrics.put(k, t.next("a value for " + k));
                    } else {
                        throw t.errorAtPrevious(ATTRIBUTE);
                    }
                }
            }
        }
        if (!multipath && (gw != null || dev != null)) {
            hops.add(new NextHop(gw, dev, 1, Set.of()));
        } else if (multipath && (gw != null || dev != null)) {
            throw new DumpParseException(t.file(), t.line(), 1, "either \"via\"/\"dev\" or \"nexthop\" lines", t.text());
        }
        if (table == null) {
            table = type.goesToLocalTable() ? TableNames.LOCAL : TableNames.MAIN;
        }
        if (dst.isV4() && dst.isDefault() && looksV6(from, src, hops, pref)) {
            // "default" says no family; the rest of an `ip -6 route` line does
            dst = IpPrefix.parse("::/0");
        }
        return new Route(type, dst, from, table, tos, proto, scope, metric, src, hops, multipath, nhid, flags,
                new RouteMetrics(metrics, locked), pref, expires, extras);
    }

    private NextHop nexthop(LineTokens t) {
        IpAddress gw = null;
        String dev = null;
        int weight = 1;
        Set<RouteFlag> flags = EnumSet.noneOf(RouteFlag.class);
        while (t.hasNext()) {
            String k = t.peek();
            if (k.equals("via")) {
                t.next();
                if ("inet".equals(t.peek()) || "inet6".equals(t.peek())) {
                    t.next();
                }
                gw = address(t, "a gateway address");
            } else if (k.equals("dev")) {
                t.next();
                dev = t.next("a device name");
            } else if (k.equals("weight")) {
                t.next();
                weight = number(t, "a weight 1..256", 256);
                if (weight < 1) {
                    throw t.errorAtPrevious("a weight 1..256");
                }
            } else if (RouteFlag.fromName(k) != null) {
                t.next();
                flags.add(RouteFlag.fromName(k));
            } else {
                break;
            }
        }
        if (gw == null && dev == null) {
            throw t.error("\"via\" or \"dev\" after \"nexthop\"");
        }
        return new NextHop(gw, dev, weight, flags);
    }

    private static IpPrefix prefix(LineTokens t, String expected, IpPrefix like) {
        String s = t.next(expected);
        if (s.equals("default") || s.equals("all") || s.equals("any")) {
            boolean v6 = like != null && !like.isV4();
            return v6 ? IpPrefix.parse("::/0") : IpPrefix.parse("0.0.0.0/0");
        }
        try {
            return IpPrefix.parse(s);
        } catch (IllegalArgumentException e) {
            throw t.errorAtPrevious(expected);
        }
    }

    private static IpAddress address(LineTokens t, String expected) {
        String s = t.next(expected);
        try {
            return IpAddress.parse(s);
        } catch (AddressFormatException e) {
            throw t.errorAtPrevious(expected);
        }
    }

    private static int number(LineTokens t, String expected, long max) {
        String s = t.next(expected);
        Integer n = Numbers.parseUnsigned(s, Math.min(max, Integer.MAX_VALUE));
        if (n == null && max > Integer.MAX_VALUE) {
            Long l = Numbers.parseLong(s);
            if (l != null) {
                return (int) (long) l;
            }
        }
        if (n == null) {
            throw t.errorAtPrevious(expected);
        }
        return n;
    }

    private static long unsigned32(LineTokens t, String expected) {
        Long v = Numbers.parseLong(t.next(expected));
        if (v == null) {
            throw t.errorAtPrevious(expected);
        }
        return v;
    }

    private static boolean looksV6(IpPrefix from, IpAddress src, List<NextHop> hops, String pref) {
        if (pref != null || (from != null && !from.isV4()) || (src != null && !src.isV4())) {
            return true;
        }
        return hops.stream().anyMatch(h -> h.gateway() != null && !h.gateway().isV4());
    }

    private static int seconds(LineTokens t) {
        String s = t.next("a lifetime (Nsec)");
        String d = s.endsWith("sec") ? s.substring(0, s.length() - 3) : s;
        boolean neg = d.startsWith("-");
        Long v = Numbers.parseLong(neg ? d.substring(1) : d);
        if (v == null || d.startsWith("0") && d.length() > 1) {
            throw t.errorAtPrevious("a lifetime (Nsec)");
        }
        return (int) (neg ? -v : v);
    }
}
