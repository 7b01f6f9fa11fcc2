package io.overlaysim.mtu;

import io.overlaysim.report.format.ReportFiles;
import io.overlaysim.report.mtu.Encapsulation;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Parses the values of {@code overlaysim mtu}'s sweep flags, exactly: each message names the flag,
 * what was expected and what was found ({@code --sizes: expected FROM..TO/STEP or a list of
 * sizes, found '64..x'}). Throws {@link IllegalArgumentException} with that message.
 */
public final class SweepArgs {
    /** The smallest datagram a probe can be: IPv4 (20) and ICMP echo or UDP (8) headers. */
    public static final int MIN_SIZE = 28;
    /** The largest IPv4 datagram. */
    public static final int MAX_SIZE = 65_535;

    private SweepArgs() {}

    /** {@code --encap none,ipip,vxlan}. */
    public static List<Encapsulation> encapsulations(String value) {
        List<Encapsulation> out = new ArrayList<>();
        for (String item : items("--encap", value)) {
            Encapsulation e;
            try {
                e = Encapsulation.parse(item);
            } catch (IllegalArgumentException ex) {
                throw bad("--encap", "none, ipip or vxlan", item);
            }
            add(out, e, "--encap", item);
        }
        return out;
    }

    /** {@code --underlay-mtu 1500,9000}: each 68 + the largest overhead (50) .. 65535. */
    public static List<Integer> underlayMtus(String value) {
        List<Integer> out = new ArrayList<>();
        for (String item : items("--underlay-mtu", value)) {
            int mtu = number("--underlay-mtu", item, "an MTU");
            if (mtu < 68 + Encapsulation.VXLAN.overhead() || mtu > MAX_SIZE) {
                throw bad("--underlay-mtu", "an MTU from " + (68 + Encapsulation.VXLAN.overhead())
                        + " (68 inside VXLAN) to " + MAX_SIZE, item);
            }
            add(out, mtu, "--underlay-mtu", item);
        }
        return out;
    }

    /** {@code --sizes 64..9000/16}, {@code 64..9000} (step 1) or {@code 64,1450,1451}; each 28..65535. */
    public static List<Integer> sizes(String value) {
        String v = value.strip();
        int dots = v.indexOf("..");
        if (dots < 0) {
            List<Integer> out = new ArrayList<>();
            for (String item : items("--sizes", v)) {
                add(out, size(item), "--sizes", item);
            }
            return out;
        }
        String expected = "FROM..TO/STEP or a list of sizes";
        int slash = v.indexOf('/', dots);
        String fromText = v.substring(0, dots);
        String toText = slash < 0 ? v.substring(dots + 2) : v.substring(dots + 2, slash);
        if (fromText.isBlank() || toText.isBlank()) {
            throw bad("--sizes", expected, value);
        }
        int from = size(fromText);
        int to = size(toText);
        int step = slash < 0 ? 1 : number("--sizes", v.substring(slash + 1), "a step in bytes");
        if (step <= 0) {
            throw bad("--sizes", "a step of at least 1 byte", v.substring(slash + 1));
        }
        if (to < from) {
            throw bad("--sizes", "FROM <= TO", value);
        }
        List<Integer> out = new ArrayList<>();
        for (long s = from; s <= to; s += step) {
            out.add((int) s);
        }
        if (out.get(out.size() - 1) != to) {
            out.add(to);
        }
        return out;
    }

    /** {@code --df on|off|both} (or {@code on,off}): true for DF set. */
    public static List<Boolean> df(String value) {
        List<Boolean> out = new ArrayList<>();
        for (String item : items("--df", value)) {
            switch (item.toLowerCase(Locale.ROOT)) {
                case "on" -> add(out, true, "--df", item);
                case "off" -> add(out, false, "--df", item);
                case "both" -> {
                    add(out, true, "--df", item);
                    add(out, false, "--df", item);
                }
                default -> throw bad("--df", "on, off or both", item);
            }
        }
        return out;
    }

    /** {@code --proto icmp,udp,tcp}. */
    public static List<SweepSpec.Protocol> protocols(String value) {
        List<SweepSpec.Protocol> out = new ArrayList<>();
        for (String item : items("--proto", value)) {
            SweepSpec.Protocol p = switch (item.toLowerCase(Locale.ROOT)) {
                case "icmp" -> SweepSpec.Protocol.ICMP;
                case "udp" -> SweepSpec.Protocol.UDP;
                case "tcp" -> SweepSpec.Protocol.TCP;
                default -> throw bad("--proto", "icmp, udp or tcp", item);
            };
            add(out, p, "--proto", item);
        }
        return out;
    }

    /** {@code --format csv,md,html,json}. */
    public static Set<ReportFiles.Format> formats(String value) {
        Set<ReportFiles.Format> out = EnumSet.noneOf(ReportFiles.Format.class);
        for (String item : items("--format", value)) {
            try {
                if (!out.add(ReportFiles.Format.parse(item))) {
                    throw bad("--format", "each format once", item);
                }
            } catch (IllegalArgumentException e) {
                if (e.getMessage().startsWith("--format")) {
                    throw e;
                }
                throw bad("--format", "csv, json, md or html", item);
            }
        }
        return out;
    }

    /** {@code --pod-mtu N}: 68..65535. */
    public static int podMtu(String value) {
        int mtu = number("--pod-mtu", value.strip(), "an MTU");
        if (mtu < 68 || mtu > MAX_SIZE) {
            throw bad("--pod-mtu", "an MTU from 68 to " + MAX_SIZE, value.strip());
        }
        return mtu;
    }

    private static int size(String item) {
        int s = number("--sizes", item.strip(), "a size in bytes");
        if (s < MIN_SIZE || s > MAX_SIZE) {
            throw bad("--sizes", "a datagram size from " + MIN_SIZE + " (IPv4 + ICMP/UDP headers) to " + MAX_SIZE, item.strip());
        }
        return s;
    }

    private static List<String> items(String flag, String value) {
        if (value == null || value.isBlank()) {
            throw bad(flag, "a comma-separated list", value == null ? "" : value);
        }
        List<String> out = new ArrayList<>();
        for (String item : value.split(",", -1)) {
            if (item.isBlank()) {
                throw bad(flag, "a value between commas", value);
            }
            out.add(item.strip());
        }
        return out;
    }

    private static int number(String flag, String item, String what) {
        try {
            return Integer.parseInt(item.strip());
        } catch (NumberFormatException e) {
            throw bad(flag, what, item);
        }
    }

    private static <T> void add(List<T> out, T value, String flag, String item) {
        if (new LinkedHashSet<>(out).contains(value)) {
            throw bad(flag, "each value once", item);
        }
        out.add(value);
    }

    private static IllegalArgumentException bad(String flag, String expected, String found) {
        return new IllegalArgumentException(flag + ": expected " + expected + ", found '" + found + "'");
    }
}
