package io.overlaysim.iproute;

import io.overlaysim.net.AddressFormatException;
import io.overlaysim.routing.IpPrefix;
import io.overlaysim.routing.Numbers;
import io.overlaysim.routing.Rule;
import io.overlaysim.routing.RuleAction;
import io.overlaysim.routing.RuleSet;
import io.overlaysim.routing.TableNames;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses {@code ip rule} text: {@code PRIO:\tfrom SEL [to SEL] [tos T] [fwmark M[/MASK]] [iif DEV]
 * [oif DEV] lookup TABLE | goto N | nop | blackhole | unreachable | prohibit
 * [suppress_prefixlength N]}. The result replaces the defaults: it is the node's rule list.
 */
public final class RuleParser {
    private RuleParser() {
    }

    public static RuleSet parse(String file, String text, TableNames tables) {
        RuleSet set = RuleSet.empty();
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (LineTokens.isCommentOrBlank(lines[i])) {
                continue;
            }
            set.add(parseRule(LineTokens.of(file, i + 1, lines[i]), tables));
        }
        return set;
    }

    public static Rule parseRule(LineTokens t, TableNames tables) {
        String p = t.next("a priority (\"N:\")");
        if (!p.endsWith(":")) {
            throw t.errorAtPrevious("a priority followed by a colon (\"32766:\")");
        }
        Integer prio = Numbers.parseUnsigned(p.substring(0, p.length() - 1), 0xffffffffL);
        if (prio == null) {
            throw t.errorAtPrevious("a priority followed by a colon (\"32766:\")");
        }
        boolean invert = t.accept("not");
        IpPrefix from = null;
        IpPrefix to = null;
        int tos = 0;
        Long mark = null;
        long mask = 0xffffffffL;
        String iif = null;
        String oif = null;
        RuleAction action = null;
        int suppressLen = -1;
        int suppressGroup = -1;
        boolean detached = false;
        List<String> ignored = new ArrayList<>();
        while (t.hasNext()) {
            String k = t.next();
            switch (k) {
                case "from" -> from = selector(t);
                case "to" -> to = selector(t);
                case "tos", "dsfield" -> tos = number(t, "a TOS value");
                case "fwmark" -> {
                    String v = t.next("a mark");
                    int slash = v.indexOf('/');
                    Long m = Numbers.parseLong(slash < 0 ? v : v.substring(0, slash));
                    Long mk = slash < 0 ? Long.valueOf(0xffffffffL) : Numbers.parseLong(v.substring(slash + 1));
                    if (m == null || mk == null) {
                        throw t.errorAtPrevious("a mark (N or N/MASK)");
                    }
                    mark = m;
                    mask = mk;
                }
                case "iif" -> iif = t.next("a device name");
                case "oif" -> oif = t.next("a device name");
                case "[detached]" -> detached = true;
                case "lookup", "table" -> {
                    Integer id = tables.id(t.next("a table"));
                    if (id == null) {
                        throw t.errorAtPrevious("a table name or number");
                    }
                    action = new RuleAction.Lookup(id);
                }
                case "goto" -> action = new RuleAction.Goto(number(t, "a rule priority"));
                case "nop" -> action = new RuleAction.Nop();
                case "blackhole" -> action = new RuleAction.Blackhole();
                case "unreachable" -> action = new RuleAction.Unreachable();
                case "prohibit" -> action = new RuleAction.Prohibit();
                case "suppress_prefixlength" -> suppressLen = number(t, "a prefix length");
                case "suppress_ifgroup" -> suppressGroup = number(t, "a group");
                case "uidrange", "ipproto", "sport", "dport", "realms", "protocol", "proto", "l3mdev", "tun_id" -> {
                    if (!k.equals("l3mdev")) {
                        ignored.add(k + " " + t.next("a value for " + k));
                    }
                }
                default -> throw t.errorAtPrevious("a rule selector or action (from, to, fwmark, iif, oif, lookup, ...)");
            }
        }
        if (action == null) {
            throw t.error("an action (lookup TABLE, goto N, nop, blackhole, unreachable, prohibit)");
        }
        return new Rule(prio, invert, from, to, tos, mark, mask, iif, oif, action, suppressLen, suppressGroup, detached);
    }

    private static IpPrefix selector(LineTokens t) {
        String s = t.next("an address selector");
        if (s.equals("all")) {
            return null;
        }
        try {
            return IpPrefix.parse(s);
        } catch (IllegalArgumentException e) {
            throw t.errorAtPrevious("an address selector (all, ADDR or PREFIX)");
        }
    }

    private static int number(LineTokens t, String expected) {
        Integer n = Numbers.parseUnsigned(t.next(expected), Integer.MAX_VALUE);
        if (n == null) {
            throw t.errorAtPrevious(expected);
        }
        return n;
    }
}
