package io.overlaysim.iproute;

import io.overlaysim.net.MacAddress;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which command a dump came from. {@link #detect} tells it from the file name when the name
 * says it ({@code ip-route.txt}, {@code ip-addr.json}, {@code bridge-fdb.txt},
 * {@code route-table-all.txt}, {@code addr-pod-01.txt}...), and otherwise from the content.
 *
 * <pre>{@code
 * DumpKind.detect("node1/ip-link.txt", text)   // Optional[Detection[kind=LINK, json=false, fromName=true]]
 * }</pre>
 */
public enum DumpKind {
    /** {@code ip route} (the main table). */
    ROUTE,
    /** {@code ip route show table all}. */
    ROUTE_TABLE_ALL,
    /** {@code ip addr} (also {@code -o}). */
    ADDR,
    /** {@code ip link} or {@code ip -d link}. */
    LINK,
    /** {@code ip rule}. */
    RULE,
    /** {@code ip neigh}. */
    NEIGH,
    /** {@code bridge fdb}. */
    FDB,
    /** {@code ip monitor route}: added and {@code Deleted} lines. */
    MONITOR;

    /**
     * The outcome of {@link #detect}.
     *
     * @param kind the command
     * @param json whether it is {@code -j} output
     * @param fromName whether the file name told the kind (else the content did)
     */
    public record Detection(DumpKind kind, boolean json, boolean fromName) {
    }

    private static final Pattern HEADER = Pattern.compile("^\\d+:\\s+\\S+:\\s+<");
    private static final Pattern ONELINE_ADDR = Pattern.compile("^\\d+:\\s+\\S+\\s+inet6?\\s");
    private static final Pattern RULE_LINE = Pattern.compile("^\\d+:\\s+(not\\s+)?(from|to|fwmark|iif|oif|lookup)\\b");
    private static final Set<String> NUD = Set.of("PERMANENT", "NOARP", "REACHABLE", "STALE", "DELAY",
            "PROBE", "FAILED", "INCOMPLETE", "NONE");

    /** Tells the kind of a dump, or empty when neither its name nor its content says. */
    public static Optional<Detection> detect(String fileName, String content) {
        boolean json = L2Dumps.looksLikeJson(content)
                || (content.isBlank() && fileName.toLowerCase(Locale.ROOT).endsWith(".json"));
        DumpKind byName = fromName(fileName);
        if (byName != null) {
            return Optional.of(new Detection(byName, json, true));
        }
        DumpKind byContent = json ? fromJson(content) : fromText(content);
        return Optional.ofNullable(byContent).map(k -> new Detection(k, json, false));
    }

    /** The kind the file name announces, or null. */
    static DumpKind fromName(String fileName) {
        String base = fileName.replace('\\', '/');
        base = base.substring(base.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
        int dot = base.indexOf('.');
        if (dot > 0) {
            base = base.substring(0, dot);
        }
        for (String prefix : List.of("ip-", "ip_", "bridge-", "bridge_")) {
            if (base.startsWith(prefix)) {
                base = base.substring(prefix.length());
                break;
            }
        }
        if (word(base, "route-table-all") || word(base, "route_table_all") || word(base, "table-all")
                || word(base, "route-all")) {
            return ROUTE_TABLE_ALL;
        }
        if (word(base, "route") || word(base, "routes")) {
            return ROUTE;
        }
        if (word(base, "addr") || word(base, "address") || word(base, "addrs")) {
            return ADDR;
        }
        if (word(base, "link") || word(base, "links")) {
            return LINK;
        }
        if (word(base, "rule") || word(base, "rules")) {
            return RULE;
        }
        if (word(base, "neigh") || word(base, "neighbour") || word(base, "neighbor") || word(base, "arp")) {
            return NEIGH;
        }
        if (word(base, "fdb")) {
            return FDB;
        }
        if (word(base, "monitor")) {
            return MONITOR;
        }
        return null;
    }

    /** Whether {@code base} starts with {@code w} followed by its end or a separator. */
    private static boolean word(String base, String w) {
        return base.startsWith(w) && (base.length() == w.length() || "-_".indexOf(base.charAt(w.length())) >= 0);
    }

    private static DumpKind fromText(String content) {
        int links = 0;
        int inet = 0;
        int rules = 0;
        int fdb = 0;
        int neigh = 0;
        int routes = 0;
        boolean deleted = false;
        boolean localTable = false;
        for (String line : L2Dumps.lines(content)) {
            if (LineTokens.isCommentOrBlank(line)) {
                continue;
            }
            String s = line.strip();
            if (s.startsWith("Deleted ")) {
                deleted = true;
            }
            if (ONELINE_ADDR.matcher(line).find()) {
                inet++;
            } else if (HEADER.matcher(line).find()) {
                links++;
            } else if (RULE_LINE.matcher(line).find()) {
                rules++;
            } else if (Character.isWhitespace(line.charAt(0))) {
                if (s.startsWith("inet ") || s.startsWith("inet6 ")) {
                    inet++;
                }
            } else {
                String[] tok = s.split("\\s+");
                if (isMac(tok[0])) {
                    fdb++;
                } else if (looksLikeNeighbour(tok)) {
                    neigh++;
                } else {
                    routes++;
                    // `ip route` shows only main, printed without "table"; any other table means "all".
                    if (s.contains(" table ") || tok[0].equals("local") || tok[0].equals("broadcast")) {
                        localTable = true;
                    }
                }
            }
        }
        if (links > 0 || inet > 0) {
            return inet > 0 ? ADDR : LINK;
        }
        if (deleted) {
            return MONITOR;
        }
        int max = Math.max(Math.max(rules, fdb), Math.max(neigh, routes));
        if (max == 0) {
            return null;
        }
        if (rules == max) {
            return RULE;
        }
        if (fdb == max) {
            return FDB;
        }
        if (neigh == max) {
            return NEIGH;
        }
        return localTable ? ROUTE_TABLE_ALL : ROUTE;
    }

    private static boolean isMac(String s) {
        try {
            MacAddress.parse(s);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** A neighbour line: an address then {@code lladdr}, a NUD state last, or {@code proxy}. */
    private static boolean looksLikeNeighbour(String[] tok) {
        if (!L2Dumps.isIpAddress(tok[0])) {
            return false;
        }
        for (String t : tok) {
            if (t.equals("lladdr") || t.equals("proxy") || t.equals("router")) {
                return true;
            }
        }
        return NUD.contains(tok[tok.length - 1]);
    }

    // JSON is sniffed by member names rather than parsed, so that invalid JSON is still told.
    private static DumpKind fromJson(String content) {
        if (has(content, "deleted")) {
            return MONITOR;
        }
        if (has(content, "addr_info")) {
            return ADDR;
        }
        if (has(content, "ifname") && (has(content, "link_type") || has(content, "mtu"))) {
            return LINK;
        }
        if (has(content, "mac")) {
            return FDB;
        }
        if (has(content, "priority") && !has(content, "gateway")) {
            return RULE;
        }
        if (has(content, "lladdr") || (has(content, "state") && has(content, "dst") && !has(content, "protocol"))) {
            return NEIGH;
        }
        if (has(content, "dst") || has(content, "gateway") || has(content, "prefsrc")) {
            return Pattern.compile("\"table\"\\s*:\\s*\"local\"").matcher(content).find() ? ROUTE_TABLE_ALL : ROUTE;
        }
        return null;
    }

    private static boolean has(String content, String member) {
        return content.contains("\"" + member + "\"");
    }
}
