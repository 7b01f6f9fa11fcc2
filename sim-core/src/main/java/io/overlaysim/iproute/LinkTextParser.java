package io.overlaysim.iproute;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads the text of {@code ip link}, {@code ip -d link}, {@code ip -o link} and the link lines
 * of {@code ip addr}: a header line per device ({@code N: name: <FLAGS> mtu ...}) followed by
 * indented lines ({@code link/...}, the {@code -d} kind and port lines, {@code altname}).
 * Address lines ({@code inet}, {@code inet6}, {@code valid_lft}) are skipped: they belong to
 * the address parser.
 */
final class LinkTextParser {
    private static final Set<String> ADDRESS_LINES = Set.of("inet", "inet6", "valid_lft", "preferred_lft");
    private static final Set<String> LINK_LINE_KEYS = Set.of("brd", "peer", "link-netns",
            "link-netnsid", "permaddr", "promiscuity", "allmulti", "minmtu", "maxmtu");

    private LinkTextParser() {
    }

    static ParsedDump<LinkInfo> parse(String file, String content, boolean lenient) {
        List<LinkInfo> links = new ArrayList<>();
        List<DumpParseException> warnings = new ArrayList<>();
        Builder current = null;
        boolean skipping = false;
        List<String> lines = L2Dumps.lines(content);
        for (int i = 0; i < lines.size(); i++) {
            String raw = lines.get(i);
            if (LineTokens.isCommentOrBlank(raw)) {
                continue;
            }
            for (String segment : oneLineSegments(raw)) {
                LineTokens t = LineTokens.of(file, i + 1, segment);
                if (!t.hasNext()) {
                    continue;
                }
                boolean indented = Character.isWhitespace(segment.charAt(0));
                try {
                    if (!indented) {
                        if (current != null) {
                            links.add(current.build());
                        }
                        current = null;
                        skipping = false;
                        current = parseHeader(t);
                        skipping = current == null; // an `ip -o addr` line: nothing of ours
                    } else if (!skipping) {
                        if (current == null) {
                            throw t.error("a link header (N: name: <FLAGS> mtu ...)");
                        }
                        parseContinuation(t, current);
                    }
                } catch (DumpParseException e) {
                    if (!lenient) {
                        throw e;
                    }
                    warnings.add(e);
                    if (!indented) {
                        current = null;
                        skipping = true;
                    }
                }
            }
        }
        if (current != null) {
            links.add(current.build());
        }
        return new ParsedDump<>(links, warnings);
    }

    /**
     * Splits an {@code ip -o} line at its {@code \} markers (where {@code ip} replaced the line
     * breaks), padding each piece so that columns stay those of the file.
     */
    static List<String> oneLineSegments(String raw) {
        if (raw.indexOf('\\') < 0) {
            return List.of(raw);
        }
        List<String> out = new ArrayList<>();
        int start = 0;
        for (int j = 0; j <= raw.length(); j++) {
            if (j == raw.length() || raw.charAt(j) == '\\') {
                String piece = raw.substring(start, j);
                out.add(start == 0 ? piece : " ".repeat(start) + piece);
                start = j + 1;
            }
        }
        return out;
    }

    private static Builder parseHeader(LineTokens t) {
        Builder b = new Builder();
        String idx = t.next("an interface index");
        if (!idx.endsWith(":") || idx.length() < 2 || !idx.substring(0, idx.length() - 1).chars().allMatch(Character::isDigit)
                || idx.length() > 11) {
            throw t.errorAtPrevious("a link header (N: name: <FLAGS> mtu ...)");
        }
        b.ifindex = Integer.parseInt(idx.substring(0, idx.length() - 1));
        String nameTok = t.next("a device name");
        if (!nameTok.endsWith(":")) {
            if (t.hasNext() && (t.peek().equals("inet") || t.peek().equals("inet6"))) {
                return null;
            }
            throw t.errorAtPrevious("a device name followed by \":\"");
        }
        String name = nameTok.substring(0, nameTok.length() - 1);
        int at = name.lastIndexOf('@');
        if (at > 0 && at < name.length() - 1) {
            b.link = LinkRef.parse(name.substring(at + 1));
            name = name.substring(0, at);
        }
        if (name.isEmpty()) {
            throw t.errorAtPrevious("a device name followed by \":\"");
        }
        b.name = name;
        String flags = t.next("link flags (<UP,...>)");
        if (!flags.startsWith("<") || !flags.endsWith(">")) {
            throw t.errorAtPrevious("link flags (<UP,...>)");
        }
        String inner = flags.substring(1, flags.length() - 1);
        if (!inner.isEmpty()) {
            b.flags.addAll(List.of(inner.split(",")));
        }
        boolean mtuSeen = false;
        while (t.hasNext()) {
            String key = t.next();
            switch (key) {
                case "mtu" -> {
                    b.mtu = L2Dumps.number(t, "an MTU");
                    mtuSeen = true;
                }
                case "qdisc" -> b.qdisc = t.next("a qdisc name");
                case "master" -> b.master = t.next("a master device name");
                case "state" -> b.state = t.next("an operational state");
                case "mode" -> b.mode = t.next("a link mode");
                case "group" -> b.group = t.next("a device group");
                case "qlen" -> b.qlen = L2Dumps.number(t, "a queue length");
                default -> throw t.errorAtPrevious("a link attribute (mtu, qdisc, master, state, mode, group, qlen)");
            }
        }
        if (!mtuSeen) {
            throw t.error("\"mtu\"");
        }
        return b;
    }

    private static void parseContinuation(LineTokens t, Builder b) {
        String first = t.peek();
        if (ADDRESS_LINES.contains(first)) {
            return;
        }
        t.next();
        if (first.startsWith("link/")) {
            parseLinkLine(first.substring(5), t, b);
        } else if (first.equals("altname")) {
            b.altNames.add(t.next("an alternative name"));
            if (t.hasNext()) {
                throw t.error("end of line after an altname");
            }
        } else if (b.promiscuity == null && b.minMtu == null) {
            throw t.errorAtPrevious("link/TYPE, altname, inet or inet6");
        } else if (first.endsWith("_slave") && first.length() > 6) {
            if (b.slave != null) {
                throw t.errorAtPrevious("a single port line");
            }
            b.slave = new LinkSlave(first.substring(0, first.length() - 6), LinkKindText.rest(t));
            LinkKindText.parseGeneric(t, b.generic);
        } else {
            if (b.kind != null) {
                throw t.errorAtPrevious("a single kind line");
            }
            b.kind = LinkKindText.parse(first, t);
            LinkKindText.parseGeneric(t, b.generic);
        }
    }

    private static void parseLinkLine(String type, LineTokens t, Builder b) {
        if (type.isEmpty()) {
            throw t.errorAtPrevious("a link type (link/ether, link/none...)");
        }
        String address = null;
        String brd = null;
        boolean p2p = false;
        if (t.hasNext() && !LINK_LINE_KEYS.contains(t.peek()) && !LinkKindText.GENERIC_KEYS.contains(t.peek())) {
            address = t.next();
        }
        if (t.accept("brd")) {
            brd = t.next("a broadcast address");
        } else if (t.accept("peer")) {
            brd = t.next("a peer address");
            p2p = true;
        }
        b.linkLayer = new LinkLayer(type, address, brd, p2p);
        while (t.hasNext()) {
            if (LinkKindText.GENERIC_KEYS.contains(t.peek())) {
                LinkKindText.parseGeneric(t, b.generic);
                break;
            }
            String key = t.next();
            switch (key) {
                case "link-netns" -> b.linkNetns = t.next("a namespace name");
                case "link-netnsid" -> b.linkNetnsId = L2Dumps.number(t, "a namespace id");
                case "permaddr" -> t.next("a permanent address"); // not modelled
                case "promiscuity" -> b.promiscuity = L2Dumps.number(t, "a promiscuity count");
                case "allmulti" -> b.allmulti = L2Dumps.number(t, "an allmulti count");
                case "minmtu" -> b.minMtu = L2Dumps.number(t, "a minimum MTU");
                case "maxmtu" -> b.maxMtu = L2Dumps.number(t, "a maximum MTU");
                default -> throw t.errorAtPrevious("a link attribute (brd, link-netnsid, promiscuity, minmtu...)");
            }
        }
    }

    /** A device being assembled from its lines. */
    private static final class Builder {
        int ifindex;
        String name;
        LinkRef link;
        final List<String> flags = new ArrayList<>();
        int mtu;
        String qdisc;
        String master;
        String state;
        String mode;
        String group;
        Integer qlen;
        LinkLayer linkLayer;
        String linkNetns;
        Integer linkNetnsId;
        Integer promiscuity;
        Integer allmulti;
        Integer minMtu;
        Integer maxMtu;
        LinkKind kind;
        LinkSlave slave;
        final List<String> generic = new ArrayList<>();
        final List<String> altNames = new ArrayList<>();

        LinkInfo build() {
            boolean detailed = promiscuity != null || minMtu != null || kind != null || slave != null
                    || !generic.isEmpty();
            LinkDetails details = detailed
                    ? new LinkDetails(promiscuity, allmulti, minMtu, maxMtu, kind, slave, generic)
                    : null;
            return new LinkInfo(ifindex, name, link, flags, mtu, qdisc, master, state, mode, group,
                    qlen, linkLayer, linkNetns, linkNetnsId, details, altNames);
        }
    }
}
