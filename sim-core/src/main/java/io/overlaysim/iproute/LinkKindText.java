package io.overlaysim.iproute;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads and writes the {@code -d} kind line of {@code ip link} ({@code vxlan id 4096 ...},
 * {@code ipip any remote any ...}, {@code veth}, {@code bridge ...}) and the generic attributes
 * that iproute2's {@code print_linkinfo} appends to the last details line.
 */
final class LinkKindText {
    /** Keys of the generic attributes that close the last details line, in any iproute2 version. */
    static final Set<String> GENERIC_KEYS = Set.of("addrgenmode", "numtxqueues", "numrxqueues",
            "gso_max_size", "gso_max_segs", "tso_max_size", "tso_max_segs", "gro_max_size",
            "gso_ipv4_max_size", "gro_ipv4_max_size", "parentbus", "parentdev", "portname",
            "portid", "switchid");
    private static final Set<String> VXLAN_FLAGS = Set.of("proxy", "rsc", "l2miss", "l3miss",
            "remcsumtx", "remcsumrx", "gbp", "gpe", "external");
    private static final Set<String> IPIP_PROTOS = Set.of("ipip", "any", "ip6ip", "mplsip");

    private LinkKindText() {
    }

    static boolean atGeneric(LineTokens t) {
        return !t.hasNext() || GENERIC_KEYS.contains(t.peek());
    }

    /** Parses the kind line after its first token {@code kind}, up to the generic attributes. */
    static LinkKind parse(String kind, LineTokens t) {
        return switch (kind) {
            case "vxlan" -> parseVxlan(t);
            case "ipip" -> parseIpip(t);
            case "veth" -> new LinkKind.Veth(rest(t));
            case "bridge" -> new LinkKind.Bridge(rest(t));
            default -> new LinkKind.Other(kind, rest(t));
        };
    }

    /** The tokens up to the generic attributes. */
    static List<String> rest(LineTokens t) {
        List<String> out = new ArrayList<>();
        while (!atGeneric(t)) {
            out.add(t.next());
        }
        return out;
    }

    /** Parses {@code key value} generic attributes to the end of the line. */
    static void parseGeneric(LineTokens t, List<String> into) {
        while (t.hasNext()) {
            String key = t.next();
            if (!GENERIC_KEYS.contains(key)) {
                throw t.errorAtPrevious("a link attribute (addrgenmode, numtxqueues, gso_max_size...)");
            }
            into.add(key);
            into.add(t.next("a value for " + key));
        }
    }

    private static LinkKind.Vxlan parseVxlan(LineTokens t) {
        Integer vni = null;
        Integer srcMin = null;
        Integer srcMax = null;
        Integer dstPort = null;
        Integer maxAddr = null;
        String group = null;
        String remote = null;
        String local = null;
        String dev = null;
        String tos = null;
        String ttl = null;
        String df = null;
        String flowLabel = null;
        String ageing = null;
        Boolean learning = null;
        Boolean udpCsum = null;
        Boolean csum6Tx = null;
        Boolean csum6Rx = null;
        List<String> flags = new ArrayList<>();
        List<String> extra = new ArrayList<>();
        while (!atGeneric(t)) {
            String k = t.next();
            switch (k) {
                case "id" -> vni = L2Dumps.number(t, "a VNI");
                case "group" -> group = L2Dumps.ipAddress(t, "a multicast group address");
                case "remote" -> remote = L2Dumps.ipAddress(t, "a remote VTEP address");
                case "local" -> local = L2Dumps.ipAddress(t, "a local VTEP address");
                case "dev" -> dev = t.next("a device name");
                case "srcport" -> {
                    srcMin = L2Dumps.number(t, "the low source port");
                    srcMax = L2Dumps.number(t, "the high source port");
                }
                case "dstport" -> dstPort = L2Dumps.number(t, "a UDP port");
                case "learning" -> learning = true;
                case "nolearning" -> learning = false;
                case "tos" -> tos = t.next("a TOS (inherit or hex)");
                case "ttl" -> ttl = t.next("a TTL (number, auto or inherit)");
                case "df" -> df = t.next("set, unset or inherit");
                case "flowlabel" -> flowLabel = t.next("a flow label");
                case "ageing" -> ageing = t.next("an ageing time");
                case "maxaddr" -> maxAddr = L2Dumps.number(t, "a number of addresses");
                case "udpcsum" -> udpCsum = true;
                case "noudpcsum" -> udpCsum = false;
                case "udp6zerocsumtx" -> csum6Tx = true;
                case "noudp6zerocsumtx" -> csum6Tx = false;
                case "udp6zerocsumrx" -> csum6Rx = true;
                case "noudp6zerocsumrx" -> csum6Rx = false;
                default -> {
                    if (VXLAN_FLAGS.contains(k)) {
                        flags.add(k);
                    } else {
                        extra.add(k);
                    }
                }
            }
        }
        return new LinkKind.Vxlan(vni, group, remote, local, dev, srcMin, srcMax, dstPort, learning,
                flags, tos, ttl, df, flowLabel, ageing, maxAddr, udpCsum, csum6Tx, csum6Rx, extra);
    }

    private static LinkKind.Ipip parseIpip(LineTokens t) {
        String proto = null;
        if (t.hasNext() && IPIP_PROTOS.contains(t.peek())) {
            proto = t.next();
        }
        String remote = null;
        String local = null;
        String dev = null;
        String ttl = null;
        String tos = null;
        Boolean pmtudisc = null;
        List<String> extra = new ArrayList<>();
        while (!atGeneric(t)) {
            String k = t.next();
            switch (k) {
                case "remote" -> remote = endpoint(t, "a remote address or any");
                case "local" -> local = endpoint(t, "a local address or any");
                case "dev" -> dev = t.next("a device name");
                case "ttl" -> ttl = t.next("a TTL (number or inherit)");
                case "tos" -> tos = t.next("a TOS (inherit or hex)");
                case "pmtudisc" -> pmtudisc = true;
                case "nopmtudisc" -> pmtudisc = false;
                default -> extra.add(k);
            }
        }
        return new LinkKind.Ipip(proto, remote, local, dev, ttl, tos, pmtudisc, extra);
    }

    private static String endpoint(LineTokens t, String what) {
        if (t.accept("any")) {
            return "any";
        }
        return L2Dumps.ipAddress(t, what);
    }

    /** Appends the kind line's text (without the generic attributes) to {@code sb}. */
    static void print(LinkKind kind, StringBuilder sb) {
        sb.append(kind.name());
        switch (kind) {
            case LinkKind.Vxlan v -> printVxlan(v, sb);
            case LinkKind.Ipip i -> {
                opt(sb, null, i.proto());
                opt(sb, "remote", i.remote());
                opt(sb, "local", i.local());
                opt(sb, "dev", i.dev());
                opt(sb, "ttl", i.ttl());
                opt(sb, "tos", i.tos());
                if (i.pmtudisc() != null) {
                    sb.append(i.pmtudisc() ? " pmtudisc" : " nopmtudisc");
                }
                words(sb, i.extra());
            }
            case LinkKind.Veth v -> words(sb, v.extra());
            case LinkKind.Bridge b -> words(sb, b.attributes());
            case LinkKind.Other o -> words(sb, o.tokens());
        }
    }

    // Order of vxlan_print_opt (iproute2 ip/iplink_vxlan.c).
    private static void printVxlan(LinkKind.Vxlan v, StringBuilder sb) {
        if (v.flags().contains("external")) {
            sb.append(" external");
        }
        opt(sb, "id", v.vni());
        opt(sb, "group", v.group());
        opt(sb, "remote", v.remote());
        opt(sb, "local", v.local());
        opt(sb, "dev", v.dev());
        if (v.srcPortMin() != null) {
            sb.append(" srcport ").append(v.srcPortMin()).append(' ').append(v.srcPortMax());
        }
        opt(sb, "dstport", v.dstPort());
        if (v.learning() != null && !v.learning()) {
            sb.append(" nolearning");
        }
        for (String f : List.of("proxy", "rsc", "l2miss", "l3miss")) {
            if (v.flags().contains(f)) {
                sb.append(' ').append(f);
            }
        }
        opt(sb, "tos", v.tos());
        opt(sb, "ttl", v.ttl());
        opt(sb, "df", v.df());
        opt(sb, "flowlabel", v.flowLabel());
        opt(sb, "ageing", v.ageing());
        opt(sb, "maxaddr", v.maxAddress());
        bool(sb, "udpcsum", v.udpCsum());
        bool(sb, "udp6zerocsumtx", v.udp6ZeroCsumTx());
        bool(sb, "udp6zerocsumrx", v.udp6ZeroCsumRx());
        for (String f : List.of("remcsumtx", "remcsumrx", "gbp", "gpe")) {
            if (v.flags().contains(f)) {
                sb.append(' ').append(f);
            }
        }
        words(sb, v.extra());
    }

    private static void opt(StringBuilder sb, String key, Object value) {
        if (value != null) {
            sb.append(' ');
            if (key != null) {
                sb.append(key).append(' ');
            }
            sb.append(value);
        }
    }

    private static void bool(StringBuilder sb, String word, Boolean value) {
        if (value != null) {
            sb.append(value ? " " : " no").append(word);
        }
    }

    static void words(StringBuilder sb, List<String> words) {
        for (String w : words) {
            sb.append(' ').append(w);
        }
    }
}
