package io.overlaysim.routing;

import java.util.Arrays;

/**
 * A Poptrie longest-prefix-match map (Asai and Ohara, "Poptrie: A Compressed Trie with Population
 * Count for Fast and Scalable Software IP Routing Table Lookup", SIGCOMM 2015), updatable in place.
 *
 * <p>The top 18 address bits index a direct-pointing array whose entry is either the answer
 * itself or a node. A node resolves the next 6 bits with two 64-bit vectors: {@code vector}
 * marks the slots that lead to a child node, {@code leafvec} marks where a run of equal answers
 * starts among the other slots (leaf compression). The children of a node, and its leaves, are
 * contiguous, so the slot's index among them is a population count ({@link Long#bitCount}) of
 * the vector below it. A lookup of a /24-heavy table touches the top array, one node and one leaf.
 *
 * <p>Updates change the master set ({@link PoptrieRib}) and regenerate only the /18 subtrees the
 * prefix covers; the arrays are managed with exact-size free lists, so churn reuses space.
 * {@link #lookup(int, int)}, used for the kernel's backtracking in {@code fib_table_lookup}, asks
 * the master set and is slower than {@link #lookup(int)}.
 *
 * <pre>{@code
 * PrefixMap fib = new PoptriePrefixMap();
 * fib.put(0x0a000000, 8, 1);            // 10.0.0.0/8 -> route 1
 * fib.put(0x0a010200, 24, 2);           // 10.1.2.0/24 -> route 2
 * fib.lookup(0x0a010203);               // 2
 * fib.lookup(0x0a010203, 23);           // 8L << 32 | 1
 * }</pre>
 */
public final class PoptriePrefixMap implements PrefixMap {
    private static final int TOP = PoptrieRib.TOP_BITS;
    private static final int LOW_BITS = 32 - TOP;
    /** Nodes are {@code [vector, leafvec, base1 << 32 | base0]}, three longs each. */
    private static final int NODE_LONGS = 3;

    private final PoptrieRib rib = new PoptrieRib();
    /**
     * The direct-pointing top level: an answer ({@code >= -1}, NONE included) or a node
     * {@code ~index} (index >= 1, so never -1).
     */
    private final int[] dir = new int[PoptrieRib.BUCKETS];
    private long[] nodes = new long[NODE_LONGS * 1024];
    private int[] leaves = new int[4096];
    private int nodeTop = 1; // node 0 is never used, so ~index is never NONE
    private int leafTop = 0;
    private int nodesInUse;
    private int leavesInUse;
    private final PoptrieFreeBlocks freeNodes = new PoptrieFreeBlocks();
    private final PoptrieFreeBlocks freeLeaves = new PoptrieFreeBlocks();
    // Per-depth scratch for the subtree builder (depth 0: bits 18-23, 1: 24-29, 2: 30-31).
    private final int[][] slotValue = new int[3][64];
    private final int[][] runStart = new int[3][64];
    private final int[][] runEnd = new int[3][64];
    private final int[][] runSlot = new int[3][64];
    private final int[][] leafRun = new int[3][64];

    public PoptriePrefixMap() {
        Arrays.fill(dir, NONE);
    }

    private static int mask(int bits, int length) {
        return length == 0 ? 0 : bits & (-1 << (32 - length));
    }

    private static void checkLength(int length) {
        if (length < 0 || length > 32) {
            throw new IllegalArgumentException("prefix length is 0..32: " + length);
        }
    }

    // ---------------------------------------------------------------- lookups

    @Override
    public int lookup(int address) {
        int e = dir[address >>> LOW_BITS];
        if (e >= -1) {
            return e;
        }
        long[] nodes = this.nodes;
        int p = ~e * NODE_LONGS;
        int shift = 32 + TOP;
        while (true) {
            long vector = nodes[p];
            int v = (int) (((long) address << shift) >>> 58);
            long below = -1L >>> (63 - v);
            if ((vector >>> v & 1) == 0) {
                return leaves[(int) nodes[p + 2] + Long.bitCount(nodes[p + 1] & below) - 1];
            }
            p = ((int) (nodes[p + 2] >>> 32) + Long.bitCount(vector & below) - 1) * NODE_LONGS;
            shift += 6;
        }
    }

    @Override
    public long lookup(int address, int maxLength) {
        if (maxLength < 0) {
            return -1L;
        }
        long r = rib.lookupLong(address, maxLength);
        return r != -1L ? r : rib.coveringShort(address, Math.min(maxLength, TOP) + 1);
    }

    @Override
    public int get(int bits, int length) {
        checkLength(length);
        bits = mask(bits, length);
        return length <= TOP ? rib.getShort(bits, length) : rib.getLong(bits, length);
    }

    @Override
    public int size() {
        return rib.size();
    }

    // ---------------------------------------------------------------- updates

    @Override
    public int put(int bits, int length, int value) {
        checkLength(length);
        if (value < 0) {
            throw new IllegalArgumentException("values are non-negative: " + value);
        }
        bits = mask(bits, length);
        if (length > TOP) {
            int bucket = bits >>> LOW_BITS;
            int e = dir[bucket];
            // A bucket without a subtree has its cover as its answer; one with keeps it in the master set.
            int old = rib.putLong(bits, length, value, e >= -1 ? e : NONE);
            if (old != value) {
                rebuild(bucket, rib.bucket(bucket)[1]);
            }
            return old;
        }
        int old = rib.putShort(bits, length, value);
        int first = bits >>> LOW_BITS;
        int end = first + (1 << (TOP - length));
        for (int b = first; b < end; b++) {
            // A bucket whose cover is longer than this prefix does not see it.
            if (rib.coverLength(b) <= length) {
                rib.setCoverLength(b, length);
                refreshCover(b, value);
            }
        }
        return old;
    }

    @Override
    public int remove(int bits, int length) {
        checkLength(length);
        bits = mask(bits, length);
        if (length > TOP) {
            int bucket = bits >>> LOW_BITS;
            int[] entries = rib.bucket(bucket);
            int cover = entries == null ? NONE : entries[1];
            int old = rib.removeLong(bits, length);
            if (old != NONE) {
                rebuild(bucket, cover);
            }
            return old;
        }
        int old = rib.removeShort(bits, length);
        if (old == NONE) {
            return NONE;
        }
        long cover = rib.coveringShort(bits, length);
        int coverLength = cover < 0 ? -1 : (int) (cover >>> 32);
        int coverValue = cover < 0 ? NONE : (int) cover;
        int first = bits >>> LOW_BITS;
        int end = first + (1 << (TOP - length));
        for (int b = first; b < end; b++) {
            if (rib.coverLength(b) == length) {
                rib.setCoverLength(b, coverLength);
                refreshCover(b, coverValue);
            }
        }
        return old;
    }

    /** The bucket's covering prefix changed to {@code value}: update its answer or its subtree. */
    private void refreshCover(int bucket, int value) {
        if (dir[bucket] >= -1) {
            dir[bucket] = value;
        } else {
            rib.setCover(bucket, value);
            rebuild(bucket, value);
        }
    }

    /**
     * Regenerates the subtree of one /18 bucket from the master set. The map has one writer and
     * no concurrent reader, so the root is rewritten in place and the old blocks are freed first:
     * the exact-size free lists are LIFO, so a same-shaped subtree lands in the same, cache-hot
     * blocks.
     */
    private void rebuild(int bucket, int cover) {
        int old = dir[bucket];
        int[] entries = rib.bucket(bucket);
        int root;
        if (old < -1) {
            root = ~old;
            freeSubtree(root);
            if (entries == null) {
                freeNodeBlock(root, 1);
            }
        } else {
            root = entries == null ? 0 : allocNodes(1);
        }
        if (entries == null) {
            dir[bucket] = cover;
        } else {
            build(root, bucket, entries, 0, entries[0], TOP, cover, 0);
            dir[bucket] = ~root;
        }
    }

    /**
     * Writes the node for the region of length {@code offset} holding entries
     * {@code [lo, hi)} of the bucket, all longer than {@code offset}, with {@code cover} the
     * answer where none of them matches.
     */
    private void build(int node, int bucket, int[] entries, int lo, int hi, int offset, int cover,
                       int depth) {
        int[] value = slotValue[depth];
        int[] first = runStart[depth];
        int[] ends = runEnd[depth];
        int[] slots = runSlot[depth];
        Arrays.fill(value, cover);
        long vector = 0;
        int children = 0;
        int i = lo;
        while (i < hi) {
            int key = entries[PoptrieRib.HEADER + 2 * i];
            int length = PoptrieRib.keyLength(key);
            int v = slot(PoptrieRib.keyAddress(bucket, key), offset);
            if (length <= offset + 6) {
                // Preorder: a covering prefix is painted before the ones it covers.
                int x = entries[PoptrieRib.HEADER + 1 + 2 * i];
                if (length == offset + 6) {
                    value[v] = x;
                } else {
                    Arrays.fill(value, v, v + (1 << (offset + 6 - length)), x);
                }
                i++;
            } else {
                vector |= 1L << v;
                first[children] = i;
                slots[children] = v;
                children++;
                do {
                    i++;
                } while (i < hi && slot(PoptrieRib.keyAddress(bucket, entries[PoptrieRib.HEADER + 2 * i]), offset) == v);
                ends[children - 1] = i;
            }
        }
        // Leaf compression: one leaf per run of equal answers, skipping child slots; branch-free
        // in the answers, so the cost does not depend on how they alternate.
        int[] run = leafRun[depth];
        long leafvec = 0;
        int leafCount = 0;
        int previous = Integer.MIN_VALUE; // no answer is below NONE, so the first leaf starts a run
        for (int v = 0; v < 64; v++) {
            if ((vector >>> v & 1) == 0) {
                int x = value[v];
                int starts = x != previous ? 1 : 0;
                run[leafCount] = x;
                leafvec |= (long) starts << v;
                leafCount += starts;
                previous = x;
            }
        }
        int base0 = leafCount == 0 ? 0 : allocLeaves(leafCount);
        System.arraycopy(run, 0, leaves, base0, leafCount);
        int base1 = children == 0 ? 0 : allocNodes(children);
        int p = node * NODE_LONGS;
        nodes[p] = vector;
        nodes[p + 1] = leafvec;
        nodes[p + 2] = (long) base1 << 32 | (base0 & 0xffffffffL);
        for (int c = 0; c < children; c++) {
            build(base1 + c, bucket, entries, first[c], ends[c], offset + 6,
                    value[slots[c]], depth + 1);
        }
    }

    /** The 6-bit slot of {@code address} at bit {@code offset}, zero-padded past bit 31. */
    private static int slot(int address, int offset) {
        return (int) (((long) address << (32 + offset)) >>> 58);
    }

    private void freeSubtree(int node) {
        int p = node * NODE_LONGS;
        long vector = nodes[p];
        long leafvec = nodes[p + 1];
        int base0 = (int) nodes[p + 2];
        int base1 = (int) (nodes[p + 2] >>> 32);
        int children = Long.bitCount(vector);
        for (int c = 0; c < children; c++) {
            freeSubtree(base1 + c);
        }
        if (children > 0) {
            freeNodeBlock(base1, children);
        }
        int leafCount = Long.bitCount(leafvec);
        if (leafCount > 0) {
            freeLeafBlock(base0, leafCount);
        }
    }

    // ---------------------------------------------------------------- allocator

    private int allocNodes(int count) {
        nodesInUse += count;
        if (freeNodes.size(count) > 0) {
            return freeNodes.pop(count);
        }
        int at = nodeTop;
        nodeTop += count;
        if (nodeTop * NODE_LONGS > nodes.length) {
            nodes = Arrays.copyOf(nodes, Math.max(nodeTop * NODE_LONGS, nodes.length + (nodes.length >> 2)));
        }
        return at;
    }

    private void freeNodeBlock(int at, int count) {
        nodesInUse -= count;
        freeNodes.push(count, at);
    }

    private int allocLeaves(int count) {
        leavesInUse += count;
        if (freeLeaves.size(count) > 0) {
            return freeLeaves.pop(count);
        }
        int at = leafTop;
        leafTop += count;
        if (leafTop > leaves.length) {
            leaves = Arrays.copyOf(leaves, Math.max(leafTop, leaves.length + (leaves.length >> 2)));
        }
        return at;
    }

    private void freeLeafBlock(int at, int count) {
        leavesInUse -= count;
        freeLeaves.push(count, at);
    }

    // ---------------------------------------------------------------- footprint

    /** The statistics of the structure's footprint, for benchmarks and reports. */
    public Footprint footprint() {
        long lookupBytes = PoptrieRib.arrayBytes(dir.length, 4) + PoptrieRib.arrayBytes(nodes.length, 8)
                + PoptrieRib.arrayBytes(leaves.length, 4);
        long masterBytes = rib.memoryBytes() + freeNodes.memoryBytes() + freeLeaves.memoryBytes();
        return new Footprint(size(), nodesInUse, leavesInUse, nodeTop, leafTop, lookupBytes, masterBytes);
    }

    /**
     * The footprint of a {@link PoptriePrefixMap}.
     *
     * @param prefixes the number of prefixes stored
     * @param nodes nodes in use
     * @param leaves leaves in use
     * @param nodeSlots node slots ever handed out (in use plus free lists)
     * @param leafSlots leaf slots ever handed out
     * @param lookupBytes bytes of the arrays a lookup reads (top level, nodes, leaves), as allocated
     * @param masterBytes bytes of the master prefix set updates regenerate from, and free lists
     */
    public record Footprint(int prefixes, int nodes, int leaves, int nodeSlots, int leafSlots,
                            long lookupBytes, long masterBytes) {
        /** Lookup-structure bytes per stored prefix. */
        public double lookupBytesPerPrefix() {
            return prefixes == 0 ? 0 : (double) lookupBytes / prefixes;
        }

        /** All bytes (lookup structure and master set) per stored prefix. */
        public double totalBytesPerPrefix() {
            return prefixes == 0 ? 0 : (double) (lookupBytes + masterBytes) / prefixes;
        }
    }
}
