package io.overlaysim.routing;

/**
 * One policy routing rule, as {@code ip rule} prints it:
 * {@code 32500: from 203.221.213.209 lookup 201}.
 *
 * @param priority the rule's priority (order)
 * @param invert {@code not}
 * @param from the source selector ({@code all} is /0)
 * @param to the destination selector
 * @param tos the TOS selector, 0 for any
 * @param fwmark the firewall mark, null for any
 * @param fwmask the mark mask (0xffffffff when none printed)
 * @param iif the input device name, or null
 * @param oif the output device name, or null
 * @param action lookup, goto, nop or a reject
 * @param suppressPrefixLength {@code suppress_prefixlength}, -1 when none
 * @param suppressIfgroup {@code suppress_ifgroup}, -1 when none
 * @param detached whether {@code ip rule} printed {@code [detached]} for iif/oif
 */
public record Rule(
        int priority,
        boolean invert,
        IpPrefix from,
        IpPrefix to,
        int tos,
        Long fwmark,
        long fwmask,
        String iif,
        String oif,
        RuleAction action,
        int suppressPrefixLength,
        int suppressIfgroup,
        boolean detached) {

    /** {@code PRIORITY: from all lookup TABLE}. */
    public static Rule lookup(int priority, int table) {
        return new Rule(priority, false, null, null, 0, null, 0xffffffffL, null, null,
                new RuleAction.Lookup(table), -1, -1, false);
    }

    /** The table a lookup rule consults, or -1. */
    public int table() {
        return action instanceof RuleAction.Lookup l ? l.table() : -1;
    }

    /**
     * Whether the rule matches a flow ({@code fib_rule_match} + {@code fib4_rule_match}).
     *
     * @param iifName the input device ({@code lo} for locally generated traffic)
     * @param oifName the output device asked for, or null
     */
    public boolean matches(int saddr, int daddr, int flowTos, long mark, String iifName, String oifName) {
        boolean ok = true;
        if (iif != null && !iif.equals(iifName)) {
            ok = false;
        } else if (oif != null && !oif.equals(oifName)) {
            ok = false;
        } else if (fwmark != null && ((fwmark ^ mark) & fwmask) != 0) {
            ok = false;
        } else if (from != null && from.isV4() && !from.v4().contains(saddr)) {
            ok = false;
        } else if (to != null && to.isV4() && !to.v4().contains(daddr)) {
            ok = false;
        } else if (tos != 0 && tos != flowTos) {
            ok = false;
        }
        return invert != ok;
    }
}
