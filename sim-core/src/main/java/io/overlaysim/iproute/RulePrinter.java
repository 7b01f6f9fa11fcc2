package io.overlaysim.iproute;

import io.overlaysim.routing.IpPrefix;
import io.overlaysim.routing.Rule;
import io.overlaysim.routing.RuleAction;
import io.overlaysim.routing.TableNames;

/**
 * Prints a rule as {@code ip rule} does ({@code print_rule} in iproute2's {@code ip/iprule.c}),
 * with a space instead of the tab after the priority: {@code 32766: from all lookup main}.
 * {@link RuleParser} reads it back.
 */
public final class RulePrinter {
    private RulePrinter() {
    }

    public static String print(Rule r, TableNames tables) {
        StringBuilder sb = new StringBuilder();
        sb.append(Integer.toUnsignedString(r.priority())).append(": ");
        if (r.invert()) {
            sb.append("not ");
        }
        sb.append("from ").append(selector(r.from()));
        if (r.to() != null) {
            sb.append(" to ").append(selector(r.to()));
        }
        if (r.tos() != 0) {
            sb.append(" tos 0x").append(Integer.toHexString(r.tos()));
        }
        if (r.fwmark() != null) {
            sb.append(" fwmark 0x").append(Long.toHexString(r.fwmark()));
            if (r.fwmask() != 0xffffffffL) {
                sb.append("/0x").append(Long.toHexString(r.fwmask()));
            }
        }
        if (r.iif() != null) {
            sb.append(" iif ").append(r.iif());
        }
        if (r.oif() != null) {
            sb.append(" oif ").append(r.oif());
        }
        sb.append(' ').append(switch (r.action()) {
            case RuleAction.Lookup l -> "lookup " + tables.name(l.table());
            case RuleAction.Goto g -> "goto " + g.priority();
            case RuleAction.Nop n -> "nop";
            case RuleAction.Blackhole b -> "blackhole";
            case RuleAction.Unreachable u -> "unreachable";
            case RuleAction.Prohibit p -> "prohibit";
        });
        if (r.suppressPrefixLength() >= 0) {
            sb.append(" suppress_prefixlength ").append(r.suppressPrefixLength());
        }
        if (r.suppressIfgroup() >= 0) {
            sb.append(" suppress_ifgroup ").append(r.suppressIfgroup());
        }
        return sb.toString();
    }

    private static String selector(IpPrefix p) {
        if (p == null) {
            return "all";
        }
        return p.isHost() ? p.toString().substring(0, p.toString().indexOf('/')) : p.toString();
    }
}
