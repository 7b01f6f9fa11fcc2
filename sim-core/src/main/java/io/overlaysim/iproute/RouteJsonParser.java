package io.overlaysim.iproute;

import com.fasterxml.jackson.databind.JsonNode;
import io.overlaysim.net.AddressFormatException;
import io.overlaysim.routing.IpAddress;
import io.overlaysim.routing.IpPrefix;
import io.overlaysim.routing.NextHop;
import io.overlaysim.routing.Route;
import io.overlaysim.routing.RouteFlag;
import io.overlaysim.routing.RouteMetrics;
import io.overlaysim.routing.RouteProtocol;
import io.overlaysim.routing.RouteScope;
import io.overlaysim.routing.RouteType;
import io.overlaysim.routing.TableNames;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Parses {@code ip -j route} (and {@code ip -6 -j route}) JSON into the same {@link Route}s as
 * the text parser: keys {@code type}, {@code dst}, {@code from}, {@code nhid}, {@code gateway}
 * (or {@code via}), {@code dev}, {@code table}, {@code protocol}, {@code scope},
 * {@code prefsrc}, {@code metric}, {@code flags}, {@code metrics}, {@code pref},
 * {@code expires}, {@code nexthops}.
 */
public final class RouteJsonParser {
    private final TableNames tables;
    private final boolean lenient;

    public RouteJsonParser(TableNames tables, boolean lenient) {
        this.tables = tables;
        this.lenient = lenient;
    }

    public RouteDump parse(String file, String text) {
        List<RouteDump.Entry> out = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        for (JsonDump.Element e : JsonDump.read(file, text)) {
            try {
                out.add(new RouteDump.Entry(e.line(), route(file, e), false));
            } catch (DumpParseException ex) {
                if (!lenient) {
                    throw ex;
                }
                warnings.add(ex.getMessage());
            }
        }
        return new RouteDump(out, warnings);
    }

    private Route route(String file, JsonDump.Element e) {
        JsonNode n = e.node();
        RouteType type = RouteType.UNICAST;
        if (n.has("type")) {
            type = RouteType.fromName(n.get("type").asText());
            if (type == null) {
                throw JsonDump.fieldError(file, e, "type", "a route type", n.get("type"));
            }
        }
        if (!n.has("dst")) {
            throw JsonDump.fieldError(file, e, "dst", "a destination", null);
        }
        IpAddress gw = n.has("gateway") ? addr(file, e, "gateway", n.get("gateway"))
                : n.has("via") ? addr(file, e, "via", n.get("via").get("host")) : null;
        String dst = n.get("dst").asText();
        boolean v6 = dst.contains(":") || (gw != null && !gw.isV4()) || n.has("pref");
        IpPrefix dstP = prefix(file, e, "dst", dst.equals("default") ? (v6 ? "::/0" : "0.0.0.0/0") : dst);
        IpPrefix from = n.has("from") ? prefix(file, e, "from", n.get("from").asText()) : null;
        Integer table = n.has("table") ? tables.id(n.get("table").asText()) : null;
        if (n.has("table") && table == null) {
            throw JsonDump.fieldError(file, e, "table", "a table name or number", n.get("table"));
        }
        if (table == null) {
            table = type.goesToLocalTable() ? TableNames.LOCAL : TableNames.MAIN;
        }
        RouteProtocol proto = null;
        if (n.has("protocol")) {
            proto = RouteProtocol.parse(n.get("protocol").asText());
            if (proto == null) {
                throw JsonDump.fieldError(file, e, "protocol", "a protocol name or number", n.get("protocol"));
            }
        }
        RouteScope scope = null;
        if (n.has("scope")) {
            scope = RouteScope.parse(n.get("scope").asText());
            if (scope == null) {
                throw JsonDump.fieldError(file, e, "scope", "a scope", n.get("scope"));
            }
        }
        IpAddress src = n.has("prefsrc") ? addr(file, e, "prefsrc", n.get("prefsrc")) : null;
        Long metric = n.has("metric") ? n.get("metric").asLong() : null;
        Set<RouteFlag> flags = flags(file, e, n.get("flags"));
        Map<String, String> metrics = new LinkedHashMap<>();
        Set<String> locked = new LinkedHashSet<>();
        JsonNode m = n.get("metrics");
        if (m != null) {
            for (JsonNode obj : m.isArray() ? m : List.of(m)) {
                Iterator<Map.Entry<String, JsonNode>> it = obj.fields();
                while (it.hasNext()) {
                    Map.Entry<String, JsonNode> f = it.next();
                    if (f.getKey().equals("lock")) {
                        f.getValue().forEach(x -> locked.add(x.asText()));
                    } else {
                        metrics.put(f.getKey(), f.getValue().asText());
                    }
                }
            }
        }
        List<NextHop> hops = new ArrayList<>();
        boolean multipath = n.has("nexthops");
        if (multipath) {
            for (JsonNode h : n.get("nexthops")) {
                IpAddress hg = h.has("gateway") ? addr(file, e, "nexthops.gateway", h.get("gateway")) : null;
                String hd = h.has("dev") ? h.get("dev").asText() : null;
                int w = h.has("weight") ? h.get("weight").asInt() : 1;
                if (w < 1 || w > 256) {
                    throw JsonDump.fieldError(file, e, "nexthops.weight", "a weight 1..256", h.get("weight"));
                }
                hops.add(new NextHop(hg, hd, w, flags(file, e, h.get("flags"))));
            }
        } else if (gw != null || n.has("dev")) {
            hops.add(new NextHop(gw, n.has("dev") ? n.get("dev").asText() : null, 1, Set.of()));
        }
        Map<String, String> extras = new LinkedHashMap<>();
        return new Route(type, dstP, from, table, n.path("tos").asInt(0), proto, scope, metric, src, hops, multipath,
                n.has("nhid") ? n.get("nhid").asInt() : null, flags, new RouteMetrics(metrics, locked),
                n.has("pref") ? n.get("pref").asText() : null, n.has("expires") ? n.get("expires").asInt() : null, extras);
    }

    private static Set<RouteFlag> flags(String file, JsonDump.Element e, JsonNode arr) {
        Set<RouteFlag> s = EnumSet.noneOf(RouteFlag.class);
        if (arr != null) {
            for (JsonNode f : arr) {
                RouteFlag rf = RouteFlag.fromName(f.asText());
                if (rf == null) {
                    throw JsonDump.fieldError(file, e, "flags", "a route flag (onlink, linkdown, ...)", f);
                }
                s.add(rf);
            }
        }
        return s;
    }

    private static IpAddress addr(String file, JsonDump.Element e, String field, JsonNode v) {
        try {
            return IpAddress.parse(v == null ? "" : v.asText());
        } catch (AddressFormatException ex) {
            throw JsonDump.fieldError(file, e, field, "an IP address", v);
        }
    }

    private static IpPrefix prefix(String file, JsonDump.Element e, String field, String v) {
        try {
            return IpPrefix.parse(v);
        } catch (IllegalArgumentException ex) {
            throw JsonDump.fieldError(file, e, field, "an IP prefix", com.fasterxml.jackson.databind.node.TextNode.valueOf(v));
        }
    }
}
