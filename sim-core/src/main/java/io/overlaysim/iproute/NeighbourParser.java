package io.overlaysim.iproute;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses {@code ip neigh} (and {@code ip neigh show proxy}, {@code ip -s neigh}) text and its
 * {@code -j} JSON. One entry per line; {@code #} comments and blank lines are ignored.
 */
public final class NeighbourParser {
    private NeighbourParser() {
    }

    public static List<NeighbourEntry> parse(String file, String content) {
        return parse(file, content, false).entries();
    }

    /** Parses; when {@code lenient}, bad lines are skipped with one warning each. */
    public static ParsedDump<NeighbourEntry> parse(String file, String content, boolean lenient) {
        return L2Dumps.parseLines(file, content, lenient, NeighbourParser::parseLine, NeighbourParser::read);
    }

    /** Parses one line in the order of iproute2's {@code print_neigh} ({@code ip/ipneigh.c}). */
    static NeighbourEntry parseLine(LineTokens t) {
        String dst = L2Dumps.ipAddress(t, "a neighbour address");
        String dev = null;
        String lladdr = null;
        String protocol = null;
        boolean router = false;
        boolean proxy = false;
        List<String> flags = new ArrayList<>();
        List<NeighbourState> states = new ArrayList<>();
        while (t.hasNext()) {
            String k = t.next();
            switch (k) {
                case "dev" -> dev = t.next("a device name");
                case "lladdr" -> lladdr = t.next("a link-layer address");
                case "router" -> router = true;
                case "proxy" -> proxy = true;
                case "extern_learn", "offload", "managed" -> flags.add(k);
                case "used" -> t.next("used times"); // -s statistics: not modelled
                case "probes" -> L2Dumps.number(t, "a probe count");
                case "proto", "protocol" -> protocol = t.next("a protocol");
                default -> states.add(state(k, t));
            }
        }
        return new NeighbourEntry(dst, dev, lladdr, router, proxy, flags, states, protocol);
    }

    private static NeighbourState state(String word, LineTokens t) {
        try {
            return NeighbourState.valueOf(word);
        } catch (IllegalArgumentException e) {
            throw t.errorAtPrevious("a neighbour attribute (dev, lladdr, router, proxy) or state (REACHABLE, STALE, PERMANENT...)");
        }
    }

    private static NeighbourEntry read(L2Dumps.JsonEntry e) {
        String dst = e.requiredString("dst");
        if (!L2Dumps.isIpAddress(dst)) {
            throw e.error("an IPv4 or IPv6 address for \"dst\"", dst);
        }
        List<String> flags = new ArrayList<>();
        for (String f : List.of("extern_learn", "offload", "managed")) {
            if (e.has(f)) {
                flags.add(f);
            }
        }
        List<NeighbourState> states = new ArrayList<>();
        for (String s : e.strings("state")) {
            try {
                states.add(NeighbourState.valueOf(s));
            } catch (IllegalArgumentException ex) {
                throw e.error("a neighbour state for \"state\"", s);
            }
        }
        return new NeighbourEntry(dst, e.string("dev"), e.string("lladdr"), e.has("router"), e.has("proxy"),
                flags, states, e.string("protocol"));
    }
}
