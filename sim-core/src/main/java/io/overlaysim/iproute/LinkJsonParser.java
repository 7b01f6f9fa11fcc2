package io.overlaysim.iproute;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads {@code ip -j link}, {@code ip -j -d link} and {@code ip -j addr} (its link members;
 * {@code addr_info} belongs to the address parser) into the same model as the text.
 */
final class LinkJsonParser {
    /** JSON names of the generic attributes and the words the text uses for them. */
    private static final Map<String, String> GENERIC = Map.ofEntries(
            Map.entry("inet6_addr_gen_mode", "addrgenmode"), Map.entry("num_tx_queues", "numtxqueues"),
            Map.entry("num_rx_queues", "numrxqueues"), Map.entry("gso_max_size", "gso_max_size"),
            Map.entry("gso_max_segs", "gso_max_segs"), Map.entry("tso_max_size", "tso_max_size"),
            Map.entry("tso_max_segs", "tso_max_segs"), Map.entry("gro_max_size", "gro_max_size"),
            Map.entry("gso_ipv4_max_size", "gso_ipv4_max_size"), Map.entry("gro_ipv4_max_size", "gro_ipv4_max_size"),
            Map.entry("parentbus", "parentbus"), Map.entry("parentdev", "parentdev"),
            Map.entry("phys_port_name", "portname"), Map.entry("phys_port_id", "portid"),
            Map.entry("phys_switch_id", "switchid"));
    private static final List<String> GENERIC_ORDER = List.of("inet6_addr_gen_mode", "num_tx_queues",
            "num_rx_queues", "gso_max_size", "gso_max_segs", "tso_max_size", "tso_max_segs",
            "gro_max_size", "gso_ipv4_max_size", "gro_ipv4_max_size", "phys_port_name",
            "phys_port_id", "phys_switch_id", "parentbus", "parentdev");
    private static final Set<String> VXLAN_KNOWN = Set.of("id", "group", "group6", "remote", "remote6",
            "local", "local6", "link", "port_range", "port", "learning", "tos", "ttl", "df", "label",
            "ageing", "limit", "udp_csum", "udp_zero_csum6_tx", "udp_zero_csum6_rx");
    private static final Map<String, String> VXLAN_FLAGS = Map.of("proxy", "proxy", "rsc", "rsc",
            "l2miss", "l2miss", "l3miss", "l3miss", "remcsum_tx", "remcsumtx", "remcsum_rx", "remcsumrx",
            "gbp", "gbp", "gpe", "gpe", "external", "external");

    private LinkJsonParser() {
    }

    static ParsedDump<LinkInfo> parse(String file, String content, boolean lenient) {
        return L2Dumps.parseJson(file, content, lenient, LinkJsonParser::read);
    }

    private static LinkInfo read(L2Dumps.JsonEntry e) {
        Integer ifindex = e.integer("ifindex");
        if (ifindex == null) {
            throw e.error("a member \"ifindex\"", "");
        }
        String name = e.requiredString("ifname");
        LinkRef link = null;
        if (e.has("link")) {
            String l = e.string("link");
            link = l == null ? new LinkRef.None() : LinkRef.parse(l);
        } else if (e.has("link_index")) {
            link = new LinkRef.Index(e.integer("link_index"));
        }
        Integer mtu = e.integer("mtu");
        if (mtu == null) {
            throw e.error("a member \"mtu\"", "");
        }
        LinkLayer layer = null;
        String type = e.string("link_type");
        if (type != null) {
            boolean p2p = Boolean.TRUE.equals(e.bool("link_pointtopoint"));
            layer = new LinkLayer(type, e.string("address"), e.string("broadcast"), p2p);
        }
        LinkDetails details = null;
        if (e.has("promiscuity") || e.has("min_mtu") || e.has("linkinfo")) {
            details = details(e);
        }
        return new LinkInfo(ifindex, name, link, e.strings("flags"), mtu, e.string("qdisc"),
                e.string("master"), e.string("operstate"), e.string("linkmode"), e.string("group"),
                e.integer("txqlen"), layer, e.string("link_netns"), e.integer("link_netnsid"), details,
                e.strings("altnames"));
    }

    private static LinkDetails details(L2Dumps.JsonEntry e) {
        LinkKind kind = null;
        LinkSlave slave = null;
        L2Dumps.JsonEntry info = e.child("linkinfo");
        if (info != null) {
            String kindName = info.string("info_kind");
            L2Dumps.JsonEntry data = info.child("info_data");
            if (kindName != null) {
                kind = switch (kindName) {
                    case "vxlan" -> vxlan(data);
                    case "ipip" -> ipip(data);
                    case "veth" -> new LinkKind.Veth(data == null ? List.of() : pairs(data));
                    case "bridge" -> new LinkKind.Bridge(data == null ? List.of() : pairs(data));
                    default -> new LinkKind.Other(kindName, data == null ? List.of() : pairs(data));
                };
            }
            String slaveKind = info.string("info_slave_kind");
            if (slaveKind != null) {
                L2Dumps.JsonEntry sd = info.child("info_slave_data");
                slave = new LinkSlave(slaveKind, sd == null ? List.of() : pairs(sd));
            }
        }
        List<String> generic = new ArrayList<>();
        for (String key : GENERIC_ORDER) {
            String v = e.string(key);
            if (v != null) {
                generic.add(GENERIC.get(key));
                generic.add(v);
            }
        }
        return new LinkDetails(e.integer("promiscuity"), e.integer("allmulti"), e.integer("min_mtu"),
                e.integer("max_mtu"), kind, slave, generic);
    }

    private static LinkKind.Vxlan vxlan(L2Dumps.JsonEntry d) {
        if (d == null) {
            return new LinkKind.Vxlan(null, null, null, null, null, null, null, null, null, List.of(),
                    null, null, null, null, null, null, null, null, null, List.of());
        }
        Integer srcMin = null;
        Integer srcMax = null;
        L2Dumps.JsonEntry range = d.child("port_range");
        if (range != null) {
            srcMin = range.integer("low");
            srcMax = range.integer("high");
        }
        List<String> flags = new ArrayList<>();
        List<String> extra = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = d.node().fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            String flag = VXLAN_FLAGS.get(f.getKey());
            if (flag != null) {
                if (f.getValue().asBoolean()) {
                    flags.add(flag);
                }
            } else if (!VXLAN_KNOWN.contains(f.getKey())) {
                extra.add(f.getKey());
                extra.add(scalar(f.getValue()));
            }
        }
        // iproute2 prints TTL 0 as "auto" and TOS 1 as "inherit" in text (vxlan_print_opt).
        Integer ttlNum = d.integer("ttl");
        String ttl = ttlNum == null ? null : ttlNum == 0 ? "auto" : ttlNum.toString();
        String tos = d.string("tos");
        if ("0x1".equals(tos)) {
            tos = "inherit";
        }
        Integer ageingNum = d.integer("ageing");
        String ageing = ageingNum == null ? null : ageingNum == 0 ? "none" : ageingNum.toString();
        // Text prints df only when it is not the default "unset"; keep the two forms equal.
        String df = d.string("df");
        if ("unset".equals(df)) {
            df = null;
        }
        String group = first(d, "group", "group6");
        String remote = first(d, "remote", "remote6");
        String local = first(d, "local", "local6");
        return new LinkKind.Vxlan(d.integer("id"), group, remote, local, d.string("link"), srcMin, srcMax,
                d.integer("port"), d.bool("learning"), flags, tos, ttl, df, d.string("label"),
                ageing, d.integer("limit"), d.bool("udp_csum"), d.bool("udp_zero_csum6_tx"),
                d.bool("udp_zero_csum6_rx"), extra);
    }

    private static LinkKind.Ipip ipip(L2Dumps.JsonEntry d) {
        if (d == null) {
            return new LinkKind.Ipip(null, null, null, null, null, null, null, List.of());
        }
        Integer ttlNum = d.integer("ttl");
        String ttl = ttlNum == null ? null : ttlNum == 0 ? "inherit" : ttlNum.toString();
        String tos = d.string("tos");
        if ("0x1".equals(tos)) {
            tos = "inherit";
        }
        List<String> extra = new ArrayList<>();
        Set<String> known = Set.of("proto", "remote", "local", "link", "ttl", "tos", "pmtudisc");
        for (Iterator<Map.Entry<String, JsonNode>> it = d.node().fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            if (!known.contains(f.getKey())) {
                extra.add(f.getKey());
                extra.add(scalar(f.getValue()));
            }
        }
        return new LinkKind.Ipip(d.string("proto"), d.string("remote"), d.string("local"), d.string("link"),
                ttl, tos, d.bool("pmtudisc"), extra);
    }

    private static String first(L2Dumps.JsonEntry d, String a, String b) {
        String s = d.string(a);
        return s != null ? s : d.string(b);
    }

    /** An object's members as key value tokens (booleans as on/off, as the text prints them). */
    private static List<String> pairs(L2Dumps.JsonEntry d) {
        List<String> out = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = d.node().fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            out.add(f.getKey());
            out.add(scalar(f.getValue()));
        }
        return out;
    }

    private static String scalar(JsonNode v) {
        if (v.isBoolean()) {
            return v.booleanValue() ? "on" : "off";
        }
        if (v.isValueNode()) {
            String s = v.asText();
            return s.isEmpty() || s.chars().anyMatch(Character::isWhitespace) ? "\"" + s + "\"" : s;
        }
        return v.toString().replace(" ", "");
    }
}
