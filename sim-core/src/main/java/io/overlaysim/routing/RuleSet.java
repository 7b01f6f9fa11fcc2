package io.overlaysim.routing;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The IPv4 policy rules of a node, in priority order (rules of equal priority keep the order they
 * were added, as {@code fib_nl_newrule} inserts after the last rule of the same priority).
 */
public final class RuleSet {
    private final List<Rule> rules = new ArrayList<>();

    /** The kernel's defaults: 0 local, 32766 main, 32767 default. */
    public static RuleSet defaults() {
        RuleSet s = new RuleSet();
        s.add(Rule.lookup(0, TableNames.LOCAL));
        s.add(Rule.lookup(32766, TableNames.MAIN));
        s.add(Rule.lookup(32767, TableNames.DEFAULT));
        return s;
    }

    /** An empty set (an {@code ip rule} dump replaces the defaults with what it lists). */
    public static RuleSet empty() {
        return new RuleSet();
    }

    public void add(Rule r) {
        int i = rules.size();
        while (i > 0 && rules.get(i - 1).priority() > r.priority()) {
            i--;
        }
        rules.add(i, r);
    }

    public boolean remove(Rule r) {
        return rules.remove(r);
    }

    public List<Rule> rules() {
        return List.copyOf(rules);
    }

    public int size() {
        return rules.size();
    }

    Rule get(int i) {
        return rules.get(i);
    }

    /**
     * Whether these are exactly the default rules: the kernel then keeps table local merged into
     * main ({@code fib_has_custom_rules} false) and looks up main and default only.
     */
    public boolean isDefault() {
        List<Rule> d = defaults().rules;
        return rules.equals(d);
    }

    /** Index of the first rule with this priority at or after {@code from}, or -1. */
    int indexOfPriority(int priority) {
        for (int i = 0; i < rules.size(); i++) {
            if (rules.get(i).priority() == priority) {
                return i;
            }
        }
        return -1;
    }

    static Comparator<Rule> order() {
        return Comparator.comparingInt(Rule::priority);
    }
}
