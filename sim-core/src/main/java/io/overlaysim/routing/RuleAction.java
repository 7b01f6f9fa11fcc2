package io.overlaysim.routing;

/** What an {@code ip rule} does when it matches ({@code FR_ACT_*}). */
public sealed interface RuleAction {
    /** {@code lookup TABLE}. */
    record Lookup(int table) implements RuleAction {
    }

    /** {@code goto PRIORITY}: continue at the first rule with that priority. */
    record Goto(int priority) implements RuleAction {
    }

    /** {@code nop}. */
    record Nop() implements RuleAction {
    }

    /** {@code blackhole}: EINVAL. */
    record Blackhole() implements RuleAction {
    }

    /** {@code unreachable}: ENETUNREACH ({@code fib4_rule_action}, not EHOSTUNREACH as the route type). */
    record Unreachable() implements RuleAction {
    }

    /** {@code prohibit}: EACCES. */
    record Prohibit() implements RuleAction {
    }
}
