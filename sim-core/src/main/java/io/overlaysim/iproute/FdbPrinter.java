package io.overlaysim.iproute;

import java.util.List;

/** Prints FDB entries back in {@code bridge fdb} text, one line each. */
public final class FdbPrinter {
    private FdbPrinter() {
    }

    public static String print(List<FdbEntry> entries) {
        StringBuilder sb = new StringBuilder();
        for (FdbEntry f : entries) {
            sb.append(print(f)).append('\n');
        }
        return sb.toString();
    }

    public static String print(FdbEntry f) {
        StringBuilder sb = new StringBuilder(f.mac().toString());
        opt(sb, "dev", f.dev());
        opt(sb, "dst", f.dst());
        opt(sb, "vlan", f.vlan());
        opt(sb, "port", f.port());
        opt(sb, "vni", f.vni());
        opt(sb, "src_vni", f.srcVni());
        opt(sb, "via", f.via());
        opt(sb, "nhid", f.nhid());
        opt(sb, "link-netnsid", f.linkNetnsId());
        for (String flag : f.flags()) {
            sb.append(' ').append(flag);
        }
        opt(sb, "master", f.master());
        if (f.state() != null) {
            sb.append(' ').append(f.state());
        }
        return sb.toString();
    }

    private static void opt(StringBuilder sb, String key, Object value) {
        if (value != null) {
            sb.append(' ').append(key).append(' ').append(value);
        }
    }
}
