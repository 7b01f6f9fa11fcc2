package io.overlaysim.routing;

/**
 * A longest-prefix-match map from IPv4 prefixes to non-negative {@code int} values (an index
 * into the caller's own array of route entries). Updatable in place: BGP churn must not rebuild
 * the world. Prefixes are given as {@code (bits, length)} with host bits already cleared.
 *
 * <p>{@link #lookup(int, int)} exists for the kernel's backtracking in {@code fib_table_lookup}:
 * when every alias at the longest match is rejected (a dead nexthop, a scope or TOS mismatch), the
 * search resumes at the next shorter prefix covering the address.
 */
public interface PrefixMap {
    /** The value returned when nothing matches. */
    int NONE = -1;

    /** Sets the value of a prefix, replacing any; returns the old value or {@link #NONE}. */
    int put(int bits, int length, int value);

    /** Removes a prefix; returns its value or {@link #NONE}. */
    int remove(int bits, int length);

    /** The value stored for exactly this prefix, or {@link #NONE}. */
    int get(int bits, int length);

    /** The value of the longest prefix containing {@code address}, or {@link #NONE}. */
    int lookup(int address);

    /**
     * The longest prefix of length at most {@code maxLength} containing {@code address}, encoded
     * as {@code (long) length << 32 | value}, or {@code -1L} when none.
     */
    long lookup(int address, int maxLength);

    /** The number of prefixes stored. */
    int size();
}
