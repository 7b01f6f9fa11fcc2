package io.overlaysim.iproute;

import com.fasterxml.jackson.databind.JsonNode;
import io.overlaysim.routing.IpPrefix;
import io.overlaysim.routing.Rule;
import io.overlaysim.routing.RuleAction;
import io.overlaysim.routing.RuleSet;
import io.overlaysim.routing.TableNames;

/**
 * Parses {@code ip -j rule}: {@code [{"priority":0,"src":"all","table":"local"}, ...]}, the
 * members iproute2's {@code ip/iprule.c} ({@code print_rule}) writes. Like the text form, the
 * result replaces the kernel's defaults.
 */
public final class RuleJsonParser {
    private RuleJsonParser() {
    }

    public static RuleSet parse(String file, String text, TableNames tables) {
        RuleSet set = RuleSet.empty();
        for (JsonDump.Element e : JsonDump.read(file, text)) {
            set.add(rule(file, e, tables));
        }
        return set;
    }

    private static Rule rule(String file, JsonDump.Element e, TableNames tables) {
        JsonNode n = e.node();
        if (!n.path("priority").canConvertToLong()) {
            throw JsonDump.fieldError(file, e, "priority", "a rule priority", n.get("priority"));
        }
        int prio = (int) n.get("priority").asLong();
        IpPrefix from = selector(file, e, "src", "srclen");
        IpPrefix to = selector(file, e, "dst", "dstlen");
        RuleAction action;
        if (n.has("table")) {
            Integer id = tables.id(n.get("table").asText());
            if (id == null) {
                throw JsonDump.fieldError(file, e, "table", "a table name or number", n.get("table"));
            }
            action = new RuleAction.Lookup(id);
        } else if (n.has("goto")) {
            action = new RuleAction.Goto(n.get("goto").asInt());
        } else {
            action = switch (n.path("action").asText("")) {
                case "nop" -> new RuleAction.Nop();
                case "blackhole" -> new RuleAction.Blackhole();
                case "unreachable" -> new RuleAction.Unreachable();
                case "prohibit" -> new RuleAction.Prohibit();
                default -> throw JsonDump.fieldError(file, e, "action",
                        "an action (table, goto, nop, blackhole, unreachable, prohibit)", n.get("action"));
            };
        }
        Long mark = null;
        long mask = 0xffffffffL;
        if (n.has("fwmark")) {
            mark = Long.decode(n.get("fwmark").asText());
            if (n.has("fwmask")) {
                mask = Long.decode(n.get("fwmask").asText());
            }
        }
        return new Rule(prio, n.path("not").asBoolean(false), from, to, 0, mark, mask,
                n.has("iif") ? n.get("iif").asText() : null, n.has("oif") ? n.get("oif").asText() : null, action,
                n.path("suppress_prefixlen").asInt(-1), -1, n.path("iif_detached").asBoolean(false)
                        || n.path("oif_detached").asBoolean(false));
    }

    private static IpPrefix selector(String file, JsonDump.Element e, String key, String lenKey) {
        JsonNode v = e.node().get(key);
        if (v == null || v.asText().equals("all")) {
            return null;
        }
        String text = v.asText() + (e.node().has(lenKey) ? "/" + e.node().get(lenKey).asInt() : "");
        try {
            return IpPrefix.parse(text);
        } catch (IllegalArgumentException ex) {
            throw JsonDump.fieldError(file, e, key, "an address selector", v);
        }
    }
}
