package io.overlaysim.routing;

/**
 * The sysctls that change what a lookup answers.
 *
 * @param ipForward {@code net.ipv4.ip_forward} (input lookups for other hosts need it)
 * @param multipathHashPolicy {@code net.ipv4.fib_multipath_hash_policy}: 0 L3, 1 L4
 * @param multipathHashSeed {@code net.ipv4.fib_multipath_hash_seed} (the corpus answers used 1)
 * @param ignoreRoutesWithLinkdown {@code conf.all.ignore_routes_with_linkdown}
 * @param rpFilter {@code conf.all.rp_filter} (0 off, 1 strict, 2 loose)
 */
public record FibConfig(boolean ipForward, int multipathHashPolicy, int multipathHashSeed,
        boolean ignoreRoutesWithLinkdown, int rpFilter) {

    /** What the corpus answers were made with: forwarding on, L3 hash, seed 1, rp_filter off. */
    public static FibConfig oracle() {
        return new FibConfig(true, 0, 1, false, 0);
    }
}
