package io.overlaysim.iproute;

import java.util.List;

/**
 * Prints devices back in {@code ip link} text ({@code ip -d link} when they carry details),
 * in the order of iproute2's {@code print_linkinfo}, so that parse, print, parse gives the same
 * devices.
 */
public final class LinkPrinter {
    private LinkPrinter() {
    }

    public static String print(List<LinkInfo> links) {
        StringBuilder sb = new StringBuilder();
        for (LinkInfo l : links) {
            print(l, sb);
        }
        return sb.toString();
    }

    public static String print(LinkInfo l) {
        StringBuilder sb = new StringBuilder();
        print(l, sb);
        return sb.toString();
    }

    static void print(LinkInfo l, StringBuilder sb) {
        sb.append(l.ifindex()).append(": ").append(l.name());
        if (l.link() != null) {
            sb.append('@').append(l.link());
        }
        sb.append(": <").append(String.join(",", l.flags())).append("> mtu ").append(l.mtu());
        opt(sb, "qdisc", l.qdisc());
        opt(sb, "master", l.master());
        opt(sb, "state", l.state());
        opt(sb, "mode", l.mode());
        opt(sb, "group", l.group());
        opt(sb, "qlen", l.qlen());
        LinkLayer ll = l.linkLayer();
        LinkDetails d = l.details();
        if (ll != null || d != null) {
            sb.append("\n   ");
        }
        if (ll != null) {
            sb.append(" link/").append(ll.type());
            if (ll.address() != null) {
                sb.append(' ').append(ll.address());
            }
            opt(sb, ll.pointToPoint() ? "peer" : "brd", ll.broadcast());
        }
        opt(sb, "link-netns", l.linkNetns());
        opt(sb, "link-netnsid", l.linkNetnsId());
        if (d != null) {
            opt(sb, "promiscuity", d.promiscuity());
            opt(sb, "allmulti", d.allmulti());
            opt(sb, "minmtu", d.minMtu());
            opt(sb, "maxmtu", d.maxMtu());
            if (d.kind() != null) {
                sb.append("\n    ");
                LinkKindText.print(d.kind(), sb);
            }
            if (d.slave() != null) {
                sb.append("\n    ").append(d.slave().kind()).append("_slave");
                LinkKindText.words(sb, d.slave().attributes());
            }
            LinkKindText.words(sb, d.generic());
        }
        for (String alt : l.altNames()) {
            sb.append("\n    altname ").append(alt);
        }
        sb.append('\n');
    }

    private static void opt(StringBuilder sb, String key, Object value) {
        if (value != null) {
            sb.append(' ').append(key).append(' ').append(value);
        }
    }
}
