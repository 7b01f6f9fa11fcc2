package io.overlaysim.iproute;

import io.overlaysim.routing.IpPrefix;
import io.overlaysim.routing.NextHop;
import io.overlaysim.routing.Route;
import io.overlaysim.routing.RouteFlag;
import io.overlaysim.routing.RouteProtocol;
import io.overlaysim.routing.RouteScope;
import io.overlaysim.routing.RouteType;
import io.overlaysim.routing.TableNames;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Prints routes in {@code ip route} format (iproute2 6.1's {@code print_route} field order, each
 * field followed by a space as it prints them) and as {@code ip -j route} objects. Parsing what
 * this prints gives back the same {@link Route}; {@link #kernelForm} gives a route as the kernel
 * holds it, so that printing it gives what {@code ip route} prints.
 */
public final class RoutePrinter {
    private final TableNames tables;

    public RoutePrinter(TableNames tables) {
        this.tables = tables;
    }

    /**
     * The route as the kernel reports it: scope as added (printed unless global), protocol
     * (printed unless boot), metric (printed unless 0 for IPv4).
     */
    public static Route kernelForm(Route r) {
        RouteScope s = r.effectiveScope();
        RouteProtocol p = r.effectiveProtocol();
        Route out = r.withProtocolScopeSrc(p.equals(RouteProtocol.BOOT) ? null : p,
                s.equals(RouteScope.UNIVERSE) ? null : s, r.prefsrc());
        if (r.isV4() && r.metric() != null && r.metric() == 0) {
            out = out.withMetric(null);
        }
        return out;
    }

    /** One route as {@code ip route show table all} prints it (nexthop lines joined with newlines). */
    public String text(Route r) {
        StringBuilder sb = new StringBuilder();
        if (r.type() != RouteType.UNICAST) {
            sb.append(r.type()).append(' ');
        }
        sb.append(prefix(r.destination())).append(' ');
        if (r.source() != null) {
            sb.append("from ").append(prefix(r.source())).append(' ');
        }
        if (r.tos() != 0) {
            sb.append("tos 0x").append(String.format("%02x", r.tos())).append(' ');
        }
        if (r.nhid() != null) {
            sb.append("nhid ").append(r.nhid()).append(' ');
        }
        if (!r.multipath() && r.firstHop() != null) {
            NextHop h = r.firstHop();
            if (h.gateway() != null) {
                sb.append("via ").append(h.gateway()).append(' ');
            }
            if (h.device() != null) {
                sb.append("dev ").append(h.device()).append(' ');
            }
        }
        if (r.table() != defaultTable(r)) {
            sb.append("table ").append(tables.name(r.table())).append(' ');
        }
        if (r.protocol() != null) {
            sb.append("proto ").append(r.protocol()).append(' ');
        }
        if (r.scope() != null) {
            sb.append("scope ").append(r.scope()).append(' ');
        }
        if (r.prefsrc() != null) {
            sb.append("src ").append(r.prefsrc()).append(' ');
        }
        if (r.metric() != null) {
            sb.append("metric ").append(r.metric()).append(' ');
        }
        flags(sb, r.flags());
        for (Map.Entry<String, String> e : r.extras().entrySet()) {
            sb.append(e.getKey()).append(' ');
            if (!e.getValue().isEmpty()) {
                sb.append(e.getValue()).append(' ');
            }
        }
        if (r.expires() != null) {
            sb.append("expires ").append(r.expires()).append("sec ");
        }
        for (Map.Entry<String, String> m : r.metrics().values().entrySet()) {
            sb.append(m.getKey()).append(' ');
            if (r.metrics().locked().contains(m.getKey())) {
                sb.append("lock ");
            }
            sb.append(m.getValue()).append(' ');
        }
        if (r.multipath()) {
            for (NextHop h : r.nexthops()) {
                sb.append("\n\tnexthop ");
                if (h.gateway() != null) {
                    sb.append("via ").append(h.gateway()).append(' ');
                }
                if (h.device() != null) {
                    sb.append("dev ").append(h.device()).append(' ');
                }
                sb.append("weight ").append(h.weight()).append(' ');
                flags(sb, h.flags());
            }
        }
        if (r.pref() != null) {
            sb.append("pref ").append(r.pref());
        }
        return sb.toString();
    }

    /** A whole table, one route (with its nexthop lines) per line. */
    public String text(List<Route> routes) {
        StringBuilder sb = new StringBuilder();
        for (Route r : routes) {
            sb.append(text(r)).append('\n');
        }
        return sb.toString();
    }

    /** One {@code ip -j route} object. */
    public String json(Route r) {
        List<String> kv = new ArrayList<>();
        if (r.type() != RouteType.UNICAST) {
            kv.add(q("type") + ":" + q(r.type().toString()));
        }
        kv.add(q("dst") + ":" + q(prefix(r.destination())));
        if (r.source() != null) {
            kv.add(q("from") + ":" + q(prefix(r.source())));
        }
        if (r.nhid() != null) {
            kv.add(q("nhid") + ":" + r.nhid());
        }
        if (!r.multipath() && r.firstHop() != null) {
            if (r.gateway() != null) {
                kv.add(q("gateway") + ":" + q(r.gateway().toString()));
            }
            if (r.device() != null) {
                kv.add(q("dev") + ":" + q(r.device()));
            }
        }
        if (r.table() != defaultTable(r)) {
            kv.add(q("table") + ":" + q(tables.name(r.table())));
        }
        if (r.protocol() != null) {
            kv.add(q("protocol") + ":" + q(r.protocol().toString()));
        }
        if (r.scope() != null) {
            kv.add(q("scope") + ":" + q(r.scope().toString()));
        }
        if (r.prefsrc() != null) {
            kv.add(q("prefsrc") + ":" + q(r.prefsrc().toString()));
        }
        if (r.metric() != null) {
            kv.add(q("metric") + ":" + r.metric());
        }
        kv.add(q("flags") + ":" + flagsJson(r.flags()));
        if (r.expires() != null) {
            kv.add(q("expires") + ":" + r.expires());
        }
        if (!r.metrics().isEmpty()) {
            List<String> ms = new ArrayList<>();
            for (Map.Entry<String, String> m : r.metrics().values().entrySet()) {
                ms.add(q(m.getKey()) + ":" + (m.getValue().matches("\\d+") ? m.getValue() : q(m.getValue())));
            }
            if (!r.metrics().locked().isEmpty()) {
                ms.add(q("lock") + ":[" + String.join(",", r.metrics().locked().stream().sorted().map(RoutePrinter::q).toList()) + "]");
            }
            kv.add(q("metrics") + ":[{" + String.join(",", ms) + "}]");
        }
        if (r.pref() != null) {
            kv.add(q("pref") + ":" + q(r.pref()));
        }
        if (r.multipath()) {
            List<String> hs = new ArrayList<>();
            for (NextHop h : r.nexthops()) {
                List<String> hk = new ArrayList<>();
                if (h.gateway() != null) {
                    hk.add(q("gateway") + ":" + q(h.gateway().toString()));
                }
                if (h.device() != null) {
                    hk.add(q("dev") + ":" + q(h.device()));
                }
                hk.add(q("weight") + ":" + h.weight());
                hk.add(q("flags") + ":" + flagsJson(h.flags()));
                hs.add("{" + String.join(",", hk) + "}");
            }
            kv.add(q("nexthops") + ":[" + String.join(",", hs) + "]");
        }
        return "{" + String.join(",", kv) + "}";
    }

    /** A whole {@code ip -j route} array. */
    public String json(List<Route> routes) {
        return "[" + String.join(",", routes.stream().map(this::json).toList()) + "]";
    }

    private static int defaultTable(Route r) {
        return r.type().goesToLocalTable() ? TableNames.LOCAL : TableNames.MAIN;
    }

    private static void flags(StringBuilder sb, java.util.Set<RouteFlag> flags) {
        flags.stream().sorted().forEach(f -> sb.append(f).append(' '));
    }

    private static String flagsJson(java.util.Set<RouteFlag> flags) {
        return "[" + String.join(",", flags.stream().sorted().map(f -> q(f.toString())).toList()) + "]";
    }

    /** {@code default}, a bare host address, or {@code addr/len}, as iproute2 prints destinations. */
    static String prefix(IpPrefix p) {
        if (p.isDefault()) {
            return "default";
        }
        String s = p.toString();
        return p.isHost() ? s.substring(0, s.indexOf('/')) : s;
    }

    private static String q(String s) {
        return Json.quote(s);
    }
}
