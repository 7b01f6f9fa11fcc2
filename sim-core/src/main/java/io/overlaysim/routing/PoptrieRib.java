package io.overlaysim.routing;

import java.util.Arrays;

/**
 * The master prefix set behind {@link PoptriePrefixMap}: the exact prefixes and their values,
 * from which the lookup arrays are regenerated, one /18 subtree at a time, on every update.
 *
 * <p>Prefixes of length 0 to 18 live in a heap-ordered binary trie flattened into one array (the
 * prefix {@code bits/len} at index {@code 1 << len | bits >>> (32 - len)}), so the covering prefix
 * of a /18 is found by walking up parents. Longer prefixes are grouped by their /18 bucket, each
 * bucket a small sorted array of {@code (key, value)} pairs whose key order is the binary trie's
 * preorder (start address, then length): a covering prefix always precedes what it covers, and
 * the prefixes of one child slot are contiguous, which is what the subtree builder relies on.
 */
final class PoptrieRib {
    /** The direct-pointing stride: the bits resolved by the top level. */
    static final int TOP_BITS = 18;
    static final int BUCKETS = 1 << TOP_BITS;
    private static final int LOW_BITS = 32 - TOP_BITS;
    private static final int LOW_MASK = (1 << LOW_BITS) - 1;
    /** Where a bucket's first key is: after its count and its covering answer. */
    static final int HEADER = 2;

    /** Exact values of prefixes of length 0..18, heap-indexed; NONE where absent. */
    private final int[] shortValues = new int[2 << TOP_BITS];
    /** For each /18 bucket, the length of its longest covering prefix of length <= 18, or -1. */
    private final byte[] coverLength = new byte[BUCKETS];
    /** For each /18 bucket, {@code [count, cover, key0, value0, key1, value1, ...]} or null. */
    private final int[][] buckets = new int[BUCKETS][];
    private int size;

    PoptrieRib() {
        Arrays.fill(shortValues, PrefixMap.NONE);
        Arrays.fill(coverLength, (byte) -1);
    }

    int size() {
        return size;
    }

    static int heapIndex(int bits, int length) {
        return length == 0 ? 1 : 1 << length | bits >>> (32 - length);
    }

    /** The bucket key of a prefix longer than /18: its low address bits, then length - 19. */
    static int key(int bits, int length) {
        return (bits & LOW_MASK) << 4 | (length - TOP_BITS - 1);
    }

    static int keyLength(int key) {
        return (key & 15) + TOP_BITS + 1;
    }

    static int keyAddress(int bucket, int key) {
        return bucket << LOW_BITS | key >>> 4;
    }

    int getShort(int bits, int length) {
        return shortValues[heapIndex(bits, length)];
    }

    int putShort(int bits, int length, int value) {
        int i = heapIndex(bits, length);
        int old = shortValues[i];
        shortValues[i] = value;
        if (old == PrefixMap.NONE) {
            size++;
        }
        return old;
    }

    int removeShort(int bits, int length) {
        int i = heapIndex(bits, length);
        int old = shortValues[i];
        if (old != PrefixMap.NONE) {
            shortValues[i] = PrefixMap.NONE;
            size--;
        }
        return old;
    }

    /**
     * The longest prefix strictly shorter than {@code length} covering {@code bits}, as
     * {@code length << 32 | value}, or -1L.
     */
    long coveringShort(int bits, int length) {
        for (int len = Math.min(length - 1, TOP_BITS); len >= 0; len--) {
            int v = shortValues[heapIndex(bits, len)];
            if (v != PrefixMap.NONE) {
                return (long) len << 32 | (v & 0xffffffffL);
            }
        }
        return -1L;
    }

    int coverLength(int bucket) {
        return coverLength[bucket];
    }

    void setCoverLength(int bucket, int length) {
        coverLength[bucket] = (byte) length;
    }

    /**
     * The bucket's pairs, {@code [count, cover, key0, value0, ...]} ({@code cover} the value of
     * its longest covering prefix of length <= 18, or NONE), or null when it holds none.
     */
    int[] bucket(int bucket) {
        return buckets[bucket];
    }

    /** Records a bucket's new covering answer, if the bucket holds longer prefixes. */
    void setCover(int bucket, int value) {
        int[] b = buckets[bucket];
        if (b != null) {
            b[1] = value;
        }
    }

    private static int find(int[] b, int key) {
        int lo = 0;
        int hi = b[0] - 1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int k = b[HEADER + 2 * mid];
            if (k < key) {
                lo = mid + 1;
            } else if (k > key) {
                hi = mid - 1;
            } else {
                return mid;
            }
        }
        return -(lo + 1);
    }

    int getLong(int bits, int length) {
        int[] b = buckets[bits >>> LOW_BITS];
        if (b == null) {
            return PrefixMap.NONE;
        }
        int i = find(b, key(bits, length));
        return i < 0 ? PrefixMap.NONE : b[HEADER + 1 + 2 * i];
    }

    /**
     * Puts a prefix longer than /18; {@code cover} is the bucket's covering answer, recorded in
     * its header if this creates the bucket.
     */
    int putLong(int bits, int length, int value, int cover) {
        int bucket = bits >>> LOW_BITS;
        int key = key(bits, length);
        int[] b = buckets[bucket];
        if (b == null) {
            b = new int[HEADER + 4];
            b[1] = cover;
            buckets[bucket] = b;
        }
        int i = find(b, key);
        if (i >= 0) {
            int old = b[HEADER + 1 + 2 * i];
            b[HEADER + 1 + 2 * i] = value;
            return old;
        }
        int at = -(i + 1);
        int n = b[0];
        if (HEADER + 2 * (n + 1) > b.length) {
            b = Arrays.copyOf(b, HEADER + 2 * (n + Math.max(2, n >> 1)));
            buckets[bucket] = b;
        }
        System.arraycopy(b, HEADER + 2 * at, b, HEADER + 2 + 2 * at, 2 * (n - at));
        b[HEADER + 2 * at] = key;
        b[HEADER + 1 + 2 * at] = value;
        b[0] = n + 1;
        size++;
        return PrefixMap.NONE;
    }

    int removeLong(int bits, int length) {
        int bucket = bits >>> LOW_BITS;
        int[] b = buckets[bucket];
        if (b == null) {
            return PrefixMap.NONE;
        }
        int i = find(b, key(bits, length));
        if (i < 0) {
            return PrefixMap.NONE;
        }
        int old = b[HEADER + 1 + 2 * i];
        int n = b[0] - 1;
        System.arraycopy(b, HEADER + 2 + 2 * i, b, HEADER + 2 * i, 2 * (n - i));
        b[0] = n;
        if (n == 0) {
            buckets[bucket] = null;
        } else if (b.length > HEADER + 8 && HEADER + 4 * n < b.length) {
            buckets[bucket] = Arrays.copyOf(b, HEADER + 2 * n + 2);
        }
        size--;
        return old;
    }

    /**
     * The longest prefix of length in {@code 19..maxLength} containing {@code address}, as
     * {@code length << 32 | value}, or -1L.
     */
    long lookupLong(int address, int maxLength) {
        int[] b = buckets[address >>> LOW_BITS];
        if (b == null) {
            return -1L;
        }
        for (int len = Math.min(maxLength, 32); len > TOP_BITS; len--) {
            int i = find(b, key(address & (-1 << (32 - len)), len));
            if (i >= 0) {
                return (long) len << 32 | (b[HEADER + 1 + 2 * i] & 0xffffffffL);
            }
        }
        return -1L;
    }

    /** The bytes held by this set's arrays (16-byte array headers, 8-byte alignment). */
    long memoryBytes() {
        long bytes = arrayBytes(shortValues.length, 4) + arrayBytes(coverLength.length, 1)
                + arrayBytes(buckets.length, 4);
        for (int[] b : buckets) {
            if (b != null) {
                bytes += arrayBytes(b.length, 4);
            }
        }
        return bytes;
    }

    static long arrayBytes(long length, int elementSize) {
        return (16 + length * elementSize + 7) & ~7L;
    }
}
