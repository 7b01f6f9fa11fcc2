package io.overlaysim.routing;

/**
 * One route inside a FIB table ({@code struct fib_alias} with its {@code fib_info}): the
 * original {@link Route}, and what lookups need as plain fields.
 */
final class FibAlias {
    final Route route;
    final int table;
    final int prefix;
    final int length;
    final RouteType type;
    final int tos;
    final long priority;
    final int scope;
    final int prefsrc;
    final FibNextHop[] hops;
    final long sequence;

    FibAlias(Route route, int table, int prefix, int length, int tos, long priority, int scope, int prefsrc,
            FibNextHop[] hops, long sequence) {
        this.route = route;
        this.table = table;
        this.prefix = prefix;
        this.length = length;
        this.type = route.type();
        this.tos = tos;
        this.priority = priority;
        this.scope = scope;
        this.prefsrc = prefsrc;
        this.hops = hops;
        this.sequence = sequence;
    }

    /** {@code fib_rebalance}: upper bounds over the live next hops, weights scaled to 2^31. */
    void rebalance(boolean ignoreLinkdown) {
        long total = 0;
        for (FibNextHop h : hops) {
            if (!skipped(h, ignoreLinkdown)) {
                total += h.weight;
            }
        }
        long w = 0;
        for (FibNextHop h : hops) {
            if (skipped(h, ignoreLinkdown) || total == 0) {
                h.upperBound = -1;
            } else {
                w += h.weight;
                // DIV_ROUND_CLOSEST_ULL((u64)w << 31, total) - 1
                h.upperBound = (int) ((((w << 31) + total / 2) / total) - 1);
            }
        }
    }

    private static boolean skipped(FibNextHop h, boolean ignoreLinkdown) {
        return (h.flags & FibNextHop.F_DEAD) != 0 || (ignoreLinkdown && (h.flags & FibNextHop.F_LINKDOWN) != 0);
    }
}
