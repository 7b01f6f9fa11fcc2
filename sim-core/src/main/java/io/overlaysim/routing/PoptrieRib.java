package io.overlaysim.routing;

import java.util.Arrays;

/**
 * The short half of {@link PoptriePrefixMap}'s master prefix set: the exact prefixes of length
 * 0 to 18 and their values, from which the answers of the /18 buckets are painted. (Longer
 * prefixes are kept per /18 bucket, in a list the bucket's root node points to.)
 *
 * <p>Prefixes of length 0 to 12 live in a heap-ordered binary trie flattened into one array
 * (the prefix {@code bits/len} at index {@code 1 << len | bits >>> (32 - len)}, 32 KB); those of
 * length 13 to 18 in one sorted {@link PoptrieArena} list per /12, keyed by their 1 to 6 bits
 * after it. A flat array of all 2^19 short prefixes would cost 2 MB, more than a whole
 * Internet table's worth of them (about 35 k) at 6 bytes each.
 */
final class PoptrieRib {
    /** The direct-pointing stride: the bits resolved by the top level. */
    static final int TOP_BITS = 18;
    static final int BUCKETS = 1 << TOP_BITS;
    static final int LOW_BITS = 32 - TOP_BITS;
    private static final int LOW_MASK = (1 << LOW_BITS) - 1;
    /** Prefixes up to this length are in the heap array, longer short ones in group lists. */
    private static final int HEAP_BITS = 12;
    private static final int GROUP_WIDTH = TOP_BITS - HEAP_BITS;

    private final PoptrieArena arena;
    private final int[] heap = new int[2 << HEAP_BITS];
    /** For each /12, the arena list of its prefixes of length 13..18, or 0. */
    private final int[] groups = new int[1 << HEAP_BITS];
    /** Scratch: the answers of the 64 buckets of one group. */
    private final int[] covers = new int[1 << GROUP_WIDTH];

    PoptrieRib(PoptrieArena arena) {
        this.arena = arena;
        Arrays.fill(heap, PrefixMap.NONE);
    }

    private static int heapIndex(int bits, int length) {
        return length == 0 ? 1 : 1 << length | bits >>> (32 - length);
    }

    /** The key, below its /12, of a prefix of length 13..18. */
    private static int groupKey(int bits, int length) {
        int d = length - HEAP_BITS;
        return 1 << d | (bits >>> LOW_BITS & (1 << GROUP_WIDTH) - 1) >>> (GROUP_WIDTH - d);
    }

    /** The key, below its /18 bucket, of a prefix of length 19..32. */
    static int longKey(int bits, int length) {
        int d = length - TOP_BITS;
        return 1 << d | (bits & LOW_MASK) >>> (LOW_BITS - d);
    }

    static int longKeyLength(int key) {
        return TOP_BITS + 31 - Integer.numberOfLeadingZeros(key);
    }

    static int longKeyAddress(int bucket, int key) {
        int d = 31 - Integer.numberOfLeadingZeros(key);
        return bucket << LOW_BITS | (key ^ 1 << d) << (LOW_BITS - d);
    }

    /** The value of exactly this prefix of length 0..18, or NONE. */
    int get(int bits, int length) {
        if (length <= HEAP_BITS) {
            return heap[heapIndex(bits, length)];
        }
        int b = groups[bits >>> (32 - HEAP_BITS)];
        int i = b == 0 ? -1 : arena.find(b, groupKey(bits, length), GROUP_WIDTH);
        return i < 0 ? PrefixMap.NONE : arena.value(b, i);
    }

    /** Sets a prefix of length 0..18; returns the old value or NONE. */
    int put(int bits, int length, int value) {
        if (length <= HEAP_BITS) {
            int i = heapIndex(bits, length);
            int old = heap[i];
            heap[i] = value;
            return old;
        }
        int g = bits >>> (32 - HEAP_BITS);
        int key = groupKey(bits, length);
        int b = groups[g];
        if (b == 0) {
            groups[g] = arena.create(0, key, value);
            return PrefixMap.NONE;
        }
        int i = arena.find(b, key, GROUP_WIDTH);
        if (i >= 0) {
            int old = arena.value(b, i);
            arena.setValue(b, i, value);
            return old;
        }
        groups[g] = arena.insert(b, -i - 1, key, value);
        return PrefixMap.NONE;
    }

    /** Removes a prefix of length 0..18; returns its value or NONE. */
    int remove(int bits, int length) {
        if (length <= HEAP_BITS) {
            int i = heapIndex(bits, length);
            int old = heap[i];
            heap[i] = PrefixMap.NONE;
            return old;
        }
        int g = bits >>> (32 - HEAP_BITS);
        int b = groups[g];
        int i = b == 0 ? -1 : arena.find(b, groupKey(bits, length), GROUP_WIDTH);
        if (i < 0) {
            return PrefixMap.NONE;
        }
        int old = arena.value(b, i);
        groups[g] = arena.delete(b, i);
        return old;
    }

    /**
     * The longest prefix of length 0..18 shorter than {@code length} containing {@code bits}, as
     * {@code length << 32 | value}, or -1L.
     */
    long covering(int bits, int length) {
        int b = groups[bits >>> (32 - HEAP_BITS)];
        for (int len = Math.min(length - 1, TOP_BITS); len >= 0; len--) {
            int v;
            if (len > HEAP_BITS) {
                int i = b == 0 ? -1 : arena.find(b, groupKey(bits, len), GROUP_WIDTH);
                v = i < 0 ? PrefixMap.NONE : arena.value(b, i);
            } else {
                v = heap[heapIndex(bits, len)];
            }
            if (v != PrefixMap.NONE) {
                return (long) len << 32 | (v & 0xffffffffL);
            }
        }
        return -1L;
    }

    /**
     * The answers of the 64 /18 buckets of one /12 group: for each, the value of its longest
     * covering prefix of length 0..18, or NONE. The array is scratch, valid until the next call.
     */
    int[] groupCovers(int group) {
        long base = covering(group << (32 - HEAP_BITS), HEAP_BITS + 1);
        int[] out = covers;
        Arrays.fill(out, base < 0 ? PrefixMap.NONE : (int) base);
        int b = groups[group];
        if (b != 0) {
            // Preorder: a covering prefix is painted before the ones it covers.
            for (int i = 0, n = arena.count(b); i < n; i++) {
                int key = arena.key(b, i);
                int d = 31 - Integer.numberOfLeadingZeros(key);
                int from = (key ^ 1 << d) << (GROUP_WIDTH - d);
                Arrays.fill(out, from, from + (1 << (GROUP_WIDTH - d)), arena.value(b, i));
            }
        }
        return out;
    }

    /** The bytes held by this set's own arrays (the arena is counted by its owner). */
    long memoryBytes() {
        return arrayBytes(heap.length, 4) + arrayBytes(groups.length, 4) + arrayBytes(covers.length, 4);
    }

    /** The bytes of a Java array (16-byte header, 8-byte alignment). */
    static long arrayBytes(long length, int elementSize) {
        return (16 + length * elementSize + 7) & ~7L;
    }
}
