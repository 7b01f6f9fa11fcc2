package io.overlaysim.routing;

import java.util.Arrays;

/**
 * The storage of a {@link PoptriePrefixMap}'s master prefix set: many small sorted lists of
 * {@code (key, value)} pairs in two shared primitive arrays, a {@code char} key and an
 * {@code int} value per pair, so a prefix costs 6 bytes and no object.
 *
 * <p>A list is a block {@code b}: {@code keys[b]} holds its count, {@code values[b]} a value
 * the owner attaches to it (the covering answer of a /18 bucket), and the pairs follow at
 * {@code b + 1 ...}. The block's capacity is a function of its count ({@link #capacity}: even
 * up to 16, then eight steps per doubling) and one header bit, so a block needs no capacity field
 * and wastes little; a list that outgrows its class, or falls two classes below it, moves.
 * Freed blocks are kept on a stack per class and reused first, so steady churn allocates nothing.
 *
 * <p>A key is a prefix below a fixed-length base, as a heap index: {@code 1 << d | bits}, its
 * {@code d} bits after the base (1 &lt;= d &lt;= width). Lists are sorted in the binary trie's
 * preorder ({@link #order}): by start address, then by length, so a covering prefix precedes
 * what it covers and the prefixes under one subtree are contiguous.
 */
final class PoptrieArena {
    private static final int CLASSES = 8 + 8 * 11;
    /** The header's count bits (a list holds at most 2^15 - 2 keys) and its one-class-slack bit. */
    private static final int COUNT = 0x7fff;
    private static final int ROOMY = 0x8000;

    private char[] keys = new char[4096];
    private int[] values = new int[4096];
    private int top = 1; // block 0 is never used, so 0 means "no list"
    private final int[][] free = new int[CLASSES][];
    private final int[] freeCount = new int[CLASSES];

    /** The preorder rank of a heap-index key whose prefixes have at most {@code width} bits. */
    static int order(int key, int width) {
        int d = 31 - Integer.numberOfLeadingZeros(key);
        return ((key ^ 1 << d) << (width - d)) << 4 | d;
    }

    /** The capacity of the block holding {@code n >= 1} pairs. */
    static int capacity(int n) {
        if (n <= 16) {
            return (n + 1) & ~1;
        }
        int step = Integer.highestOneBit(n - 1) >>> 3;
        return (n + step - 1) & -step;
    }

    private static int classOf(int capacity) {
        if (capacity <= 16) {
            return (capacity >>> 1) - 1;
        }
        int h = Integer.highestOneBit(capacity - 1);
        return 8 + 8 * (Integer.numberOfTrailingZeros(h) - 4) + (capacity - h) / (h >>> 3) - 1;
    }

    int count(int b) {
        return keys[b] & COUNT;
    }

    int attached(int b) {
        return values[b];
    }

    void attach(int b, int value) {
        values[b] = value;
    }

    int key(int b, int i) {
        return keys[b + 1 + i];
    }

    int value(int b, int i) {
        return values[b + 1 + i];
    }

    void setValue(int b, int i, int value) {
        values[b + 1 + i] = value;
    }

    /** The index of {@code key} in list {@code b}, or {@code -(insertion point) - 1}. */
    int find(int b, int key, int width) {
        char[] k = keys;
        int target = order(key, width);
        int lo = b + 1;
        int hi = b + (k[b] & COUNT);
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            int o = order(k[mid], width);
            if (o < target) {
                lo = mid + 1;
            } else if (o > target) {
                hi = mid - 1;
            } else {
                return mid - b - 1;
            }
        }
        return -(lo - b - 1) - 1;
    }

    /** A new list holding one pair, with {@code attached} attached. */
    int create(int attached, int key, int value) {
        int b = alloc(capacity(1));
        keys[b] = 1;
        values[b] = attached;
        keys[b + 1] = (char) key;
        values[b + 1] = value;
        return b;
    }

    /**
     * The capacity of block {@code b}: the class of its count, or the class above when its
     * {@link #ROOMY} bit says a delete left it there. That one class of slack is what keeps a
     * delete and the add that follows from moving the list twice.
     */
    private int capacityOf(int b) {
        int n = keys[b] & COUNT;
        int c = capacity(n);
        return (keys[b] & ROOMY) != 0 ? capacity(c + 1) : c;
    }

    private void setCount(int b, int n, int capacity) {
        keys[b] = (char) (n | (capacity > capacity(n) ? ROOMY : 0));
    }

    /** Inserts a pair at index {@code at}; returns the list's block, which may have moved. */
    int insert(int b, int at, int key, int value) {
        int n = keys[b] & COUNT;
        int capacity = capacityOf(b);
        if (n + 1 > capacity) {
            capacity = capacity(n + 1);
            int nb = alloc(capacity);
            copy(b, nb, 0, 0, at + 1);
            copy(b, nb, at + 1, at + 2, n - at);
            release(b, capacityOf(b));
            b = nb;
        } else {
            copy(b, b, at + 1, at + 2, n - at);
        }
        setCount(b, n + 1, capacity);
        keys[b + 1 + at] = (char) key;
        values[b + 1 + at] = value;
        return b;
    }

    /** Deletes the pair at index {@code at}; returns the list's block, or 0 when it is now empty. */
    int delete(int b, int at) {
        int n = keys[b] & COUNT;
        int capacity = capacityOf(b);
        if (n == 1) {
            release(b, capacity);
            return 0;
        }
        if (capacity > capacity(capacity(n - 1) + 1)) {
            int nb = alloc(capacity(n - 1));
            copy(b, nb, 0, 0, at + 1);
            copy(b, nb, at + 2, at + 1, n - at - 1);
            release(b, capacity);
            b = nb;
            capacity = capacity(n - 1);
        } else {
            copy(b, b, at + 2, at + 1, n - at - 1);
        }
        setCount(b, n - 1, capacity);
        return b;
    }

    /** Copies {@code length} slots (header is slot 0) from block {@code from} to block {@code to}. */
    private void copy(int from, int to, int fromSlot, int toSlot, int length) {
        System.arraycopy(keys, from + fromSlot, keys, to + toSlot, length);
        System.arraycopy(values, from + fromSlot, values, to + toSlot, length);
    }

    private int alloc(int capacity) {
        int c = classOf(capacity);
        if (freeCount[c] > 0) {
            return free[c][--freeCount[c]];
        }
        int b = top;
        top += capacity + 1;
        if (top > keys.length) {
            // Grow by a sixteenth: the arrays are most of the master set, so slack is counted.
            int length = Math.max(top, keys.length + (keys.length >> 4));
            keys = Arrays.copyOf(keys, length);
            values = Arrays.copyOf(values, length);
        }
        return b;
    }

    private void release(int b, int capacity) {
        int c = classOf(capacity);
        int[] s = free[c];
        int n = freeCount[c];
        if (s == null || n == s.length) {
            s = s == null ? new int[16] : Arrays.copyOf(s, n * 2);
            free[c] = s;
        }
        s[n] = b;
        freeCount[c] = n + 1;
    }

    /** The bytes held by this arena's arrays, free stacks included. */
    long memoryBytes() {
        long bytes = PoptrieRib.arrayBytes(keys.length, 2) + PoptrieRib.arrayBytes(values.length, 4)
                + PoptrieRib.arrayBytes(CLASSES, 4) * 2;
        for (int[] s : free) {
            bytes += s == null ? 0 : PoptrieRib.arrayBytes(s.length, 4);
        }
        return bytes;
    }
}
