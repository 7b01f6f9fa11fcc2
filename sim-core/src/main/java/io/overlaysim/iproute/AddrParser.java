package io.overlaysim.iproute;

import io.overlaysim.net.AddressFormatException;
import io.overlaysim.net.Ipv4Address;
import io.overlaysim.net.Ipv4Prefix;
import io.overlaysim.routing.InterfaceAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads the IPv4 addresses out of {@code ip addr}, {@code ip -o addr} and {@code ip -br addr}
 * text (JSON: {@link AddrJsonParser}). Link header lines ({@code 2: eth0: <...> mtu ...}) only
 * name the device here; their details are the link parser's. {@code inet6} lines are skipped.
 */
public final class AddrParser {
    private static final Set<String> FLAGS = Set.of("dynamic", "permanent", "deprecated", "tentative", "temporary",
            "mngtmpaddr", "home", "nodad", "optimistic", "stable-privacy", "dadfailed", "noprefixroute", "autojoin",
            "secondary", "primary");
    private static final Set<String> STATES = Set.of("UP", "DOWN", "UNKNOWN", "DORMANT", "LOWERLAYERDOWN", "NOTPRESENT",
            "TESTING");

    private AddrParser() {
    }

    public static List<InterfaceAddress> parse(String file, String text) {
        List<InterfaceAddress> out = new ArrayList<>();
        String dev = null;
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String raw = lines[i];
            if (LineTokens.isCommentOrBlank(raw)) {
                continue;
            }
            // `ip -o` puts a literal backslash before the lifetimes
            int bs = raw.indexOf('\\');
            String line = bs >= 0 ? raw.substring(0, bs) : raw;
            LineTokens t = LineTokens.of(file, i + 1, line);
            String first = t.peek();
            boolean indented = raw.charAt(0) == ' ' || raw.charAt(0) == '\t';
            if (!indented && first.endsWith(":") && first.length() > 1 && Character.isDigit(first.charAt(0))) {
                t.next();
                String name = t.next("a device name");
                dev = stripName(name);
                if (t.hasNext() && ("inet".equals(t.peek()) || "inet6".equals(t.peek()))) {
                    inet(t, dev, out);
                }
                continue;
            }
            if (!indented && t.size() >= 2 && STATES.contains(t.peek(1))) {
                // ip -br addr: DEV STATE ADDR/LEN ...
                String name = stripName(t.next());
                t.next();
                while (t.hasNext()) {
                    String a = t.next();
                    if (a.indexOf(':') >= 0) {
                        continue;
                    }
                    out.add(brief(t, name, a));
                }
                continue;
            }
            if ("inet".equals(first) || "inet6".equals(first)) {
                if (dev == null) {
                    throw t.error("a link header line (\"N: DEV: <FLAGS> ...\") before the addresses");
                }
                inet(t, dev, out);
                continue;
            }
            if (indented) {
                continue; // link/ether, valid_lft, altname, vxlan details: the link parser's
            }
            throw t.error("an ip addr line (\"N: DEV: ...\", \"inet ...\" or \"DEV STATE ADDR\")");
        }
        return out;
    }

    private static String stripName(String name) {
        String n = name.endsWith(":") ? name.substring(0, name.length() - 1) : name;
        int at = n.indexOf('@');
        return at > 0 ? n.substring(0, at) : n;
    }

    private static InterfaceAddress brief(LineTokens t, String dev, String a) {
        try {
            Ipv4Address addr = Ipv4Prefix.parseInterfaceAddress(a);
            int slash = a.indexOf('/');
            int len = slash < 0 ? 32 : Integer.parseInt(a.substring(slash + 1));
            return new InterfaceAddress(dev, addr, len, null, null, "global", null, false, false);
        } catch (AddressFormatException e) {
            throw t.errorAtPrevious("an address with its prefix length (a.b.c.d/len)");
        }
    }

    private static void inet(LineTokens t, String dev, List<InterfaceAddress> out) {
        if (t.next().equals("inet6")) {
            return;
        }
        String a = t.next("an address (a.b.c.d/len)");
        Ipv4Address addr;
        int len;
        try {
            addr = Ipv4Prefix.parseInterfaceAddress(a);
            int slash = a.indexOf('/');
            len = slash < 0 ? 32 : Integer.parseInt(a.substring(slash + 1));
        } catch (AddressFormatException e) {
            throw t.errorAtPrevious("an address with its prefix length (a.b.c.d/len)");
        }
        Ipv4Address peer = null;
        Ipv4Address brd = null;
        String scope = "global";
        String label = null;
        boolean secondary = false;
        boolean noPrefixRoute = false;
        while (t.hasNext()) {
            String k = t.next();
            switch (k) {
                case "peer" -> {
                    String p = t.next("a peer address");
                    try {
                        peer = Ipv4Prefix.parseInterfaceAddress(p);
                        int slash = p.indexOf('/');
                        len = slash < 0 ? 32 : Integer.parseInt(p.substring(slash + 1));
                    } catch (AddressFormatException e) {
                        throw t.errorAtPrevious("a peer address");
                    }
                }
                case "brd" -> brd = addr(t, "a broadcast address");
                case "scope" -> scope = t.next("a scope");
                case "metric", "proto" -> t.next("a value for " + k);
                case "valid_lft", "preferred_lft" -> t.next("a lifetime");
                default -> {
                    if (k.equals("secondary")) {
                        secondary = true;
                    } else if (k.equals("noprefixroute")) {
                        noPrefixRoute = true;
                    } else if (!FLAGS.contains(k)) {
                        if (t.hasNext()) {
                            throw t.errorAtPrevious("an address attribute (brd, scope, peer, a flag or the label)");
                        }
                        label = k.equals(dev) ? null : k;
                    }
                }
            }
        }
        out.add(new InterfaceAddress(dev, addr, len, peer, brd, scope, label, secondary, noPrefixRoute));
    }

    private static Ipv4Address addr(LineTokens t, String expected) {
        String s = t.next(expected);
        try {
            return Ipv4Address.parse(s);
        } catch (AddressFormatException e) {
            throw t.errorAtPrevious(expected);
        }
    }
}
