package io.overlaysim.routing;

/**
 * The {@link PrefixMap} a routing table uses: the small {@link HashPrefixMap} while the table is
 * small, and the {@link PoptriePrefixMap} once it grows past {@link #THRESHOLD} prefixes. A
 * simulated node's tables hold tens of routes (a Poptrie's 2^18-entry direct array, 1 MiB, would
 * dwarf them across thousands of nodes), while a replayed full table or a route reflector's Loc-RIB
 * export holds hundreds of thousands, where the Poptrie's 150+ M lookups/s matter. The switch is
 * one-way: a table that shrank again keeps its Poptrie.
 */
public final class AdaptivePrefixMap implements PrefixMap {
    /** Prefixes above which the table moves to a Poptrie. */
    public static final int THRESHOLD = 4096;

    private PrefixMap map = new HashPrefixMap();
    private boolean large;

    @Override
    public int put(int bits, int length, int value) {
        int old = map.put(bits, length, value);
        if (!large && map.size() > THRESHOLD) {
            PoptriePrefixMap p = new PoptriePrefixMap();
            ((HashPrefixMap) map).forEach(p::put);
            map = p;
            large = true;
        }
        return old;
    }

    @Override
    public int remove(int bits, int length) {
        return map.remove(bits, length);
    }

    @Override
    public int get(int bits, int length) {
        return map.get(bits, length);
    }

    @Override
    public int lookup(int address) {
        return map.lookup(address);
    }

    @Override
    public long lookup(int address, int maxLength) {
        return map.lookup(address, maxLength);
    }

    @Override
    public int size() {
        return map.size();
    }

    /** Whether the table has moved to the Poptrie. */
    public boolean isLarge() {
        return large;
    }
}
