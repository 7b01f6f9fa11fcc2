package io.overlaysim.iproute;

import io.overlaysim.net.AddressFormatException;
import io.overlaysim.net.MacAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Parses {@code bridge fdb} text and {@code bridge -j fdb} JSON. One entry per line;
 * {@code #} comments and blank lines are ignored.
 */
public final class FdbParser {
    static final List<String> FLAG_ORDER = List.of("self", "router", "extern_learn", "offload", "master",
            "sticky", "blackhole", "locked");
    private static final Set<String> STATES = Set.of("permanent", "static", "stale");

    private FdbParser() {
    }

    public static List<FdbEntry> parse(String file, String content) {
        return parse(file, content, false).entries();
    }

    /** Parses; when {@code lenient}, bad lines are skipped with one warning each. */
    public static ParsedDump<FdbEntry> parse(String file, String content, boolean lenient) {
        return L2Dumps.parseLines(file, content, lenient, FdbParser::parseLine, FdbParser::read);
    }

    /** Parses one line in the order of iproute2's {@code print_fdb} ({@code bridge/fdb.c}). */
    static FdbEntry parseLine(LineTokens t) {
        MacAddress mac = mac(t);
        String dev = null;
        String dst = null;
        String via = null;
        String master = null;
        String state = null;
        Integer vlan = null;
        Integer port = null;
        Integer vni = null;
        Integer srcVni = null;
        Integer nhid = null;
        Integer netnsId = null;
        List<String> flags = new ArrayList<>();
        while (t.hasNext()) {
            String k = t.next();
            switch (k) {
                case "dev" -> dev = t.next("a device name");
                case "dst" -> dst = L2Dumps.ipAddress(t, "a VTEP address");
                case "vlan" -> vlan = L2Dumps.number(t, "a VLAN id");
                case "port" -> port = L2Dumps.number(t, "a UDP port");
                case "vni" -> vni = L2Dumps.number(t, "a VNI");
                case "src_vni" -> srcVni = L2Dumps.number(t, "a VNI");
                case "via" -> {
                    via = t.next("a device name");
                    if (via.equals("ifindex")) {
                        via = "ifindex " + L2Dumps.number(t, "an interface index");
                    }
                }
                case "nhid" -> nhid = L2Dumps.number(t, "a nexthop id");
                case "link-netnsid" -> netnsId = L2Dumps.number(t, "a namespace id");
                case "used" -> t.next("used/updated times"); // -s statistics: not modelled
                case "master" -> {
                    // "master" alone is the NTF_MASTER flag; "master BR" names the bridge.
                    String next = t.peek();
                    if (next != null && !STATES.contains(next) && !FLAG_ORDER.contains(next) && !next.startsWith("state=")) {
                        master = t.next();
                    } else {
                        flags.add(k);
                    }
                }
                default -> {
                    if (FLAG_ORDER.contains(k)) {
                        flags.add(k);
                    } else if (STATES.contains(k) || k.startsWith("state=")) {
                        state = k;
                    } else {
                        throw t.errorAtPrevious("an FDB attribute (dev, dst, vlan, vni, via, master...), flag (self, extern_learn...) or state (permanent, static)");
                    }
                }
            }
        }
        return new FdbEntry(mac, dev, dst, vlan, port, vni, srcVni, via, nhid, netnsId, flags, master, state);
    }

    private static MacAddress mac(LineTokens t) {
        String s = t.next("a MAC address");
        try {
            return MacAddress.parse(s);
        } catch (AddressFormatException e) {
            throw t.errorAtPrevious("a MAC address");
        }
    }

    private static FdbEntry read(L2Dumps.JsonEntry e) {
        String macText = e.requiredString("mac");
        MacAddress mac;
        try {
            mac = MacAddress.parse(macText);
        } catch (AddressFormatException ex) {
            throw e.error("a MAC address for \"mac\"", macText);
        }
        String via = e.string("viaIf");
        if (via == null && e.has("viaIfIndex")) {
            via = "ifindex " + e.integer("viaIfIndex");
        }
        String state = e.string("state");
        if (state != null && state.isEmpty()) {
            state = null;
        } else if (state != null && state.startsWith("0x")) {
            state = "state=" + state;
        }
        return new FdbEntry(mac, e.string("ifname"), e.string("dst"), e.integer("vlan"), e.integer("port"),
                e.integer("vni"), e.integer("src_vni"), via, e.integer("nhid"), e.integer("linkNetNsId"),
                e.strings("flags"), e.string("master"), state);
    }
}
