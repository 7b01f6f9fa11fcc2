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
 * <p>Updates change the master set and regenerate only the /18 subtrees the prefix covers
 * ({@link PoptrieBuilder}). The master set costs about 6 bytes a prefix: prefixes longer than
 * /18 in one sorted list per bucket, which the bucket's root node points to ({@code ribAt}),
 * shorter ones in {@link PoptrieRib}, all lists in one {@link PoptrieArena}. Every array is
 * managed with free lists, so churn reuses space and allocates nothing.
 * {@link #lookup(int, int)}, used for the kernel's backtracking in {@code fib_table_lookup}, asks
 * the master set and is slower than {@link #lookup(int)}. The bulk
 * {@link #lookup(int[], int, int[], int, int)} overlaps the cache misses of many destinations.
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

    /** The bits a bulk lookup resolves together, level by level. */
    private static final int LANES = 16;
    /**
     * In a bulk lookup, the lowest code of a node to visit ({@code ~index}); a lane below it
     * holds a leaf to read, as {@code Integer.MIN_VALUE + index}.
     */
    private static final int NODE_FLOOR = -(1 << 30);
    /** Leaves are fewer than this, so a pending leaf's code never meets a node's. */
    private static final int MAX_LEAVES = 1 << 30;

    private final PoptrieArena arena = new PoptrieArena();
    private final PoptrieRib rib = new PoptrieRib(arena);
    /**
     * The direct-pointing top level: an answer ({@code >= -1}, NONE included) or a node
     * {@code ~index} (index >= 1, so never -1).
     */
    private final int[] dir = new int[PoptrieRib.BUCKETS];
    long[] nodes = new long[NODE_LONGS * 1024];
    /** For each root node, its bucket's master list of longer prefixes in {@link #arena}. */
    private int[] ribAt = new int[1024];
    int[] leaves = new int[4096];
    private int nodeTop = 1; // node 0 is never used, so ~index is never NONE
    private int leafTop = 0;
    private int nodesInUse;
    private int leavesInUse;
    private int size;
    private final PoptrieFreeBlocks freeNodes = new PoptrieFreeBlocks();
    private final PoptrieFreeBlocks freeLeaves = new PoptrieFreeBlocks();
    private final PoptrieBuilder builder = new PoptrieBuilder(this);

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

    /**
     * Looks up many addresses at once: {@code out[outFrom + i]} becomes {@code lookup(addresses[from + i])}
     * for {@code i < count}. The lookups advance level by level over groups of {@value #LANES}
     * addresses, and no branch waits on a load, so the cache misses of a group's top-level
     * entries, then of its nodes, then of its leaves are in flight together rather than one
     * after another: on destinations spread over a table larger than the caches, the misses are
     * what bounds the rate. Safe to call from several readers at once (the state is in {@code out}).
     */
    public void lookup(int[] addresses, int from, int[] out, int outFrom, int count) {
        int[] dir = this.dir;
        long[] nodes = this.nodes;
        int[] leaves = this.leaves;
        for (int g = 0; g < count; g += LANES) {
            int lanes = Math.min(LANES, count - g);
            int a = from + g;
            int o = outFrom + g;
            // A lane holds an answer (>= -1), a node to visit (~index, in [-2^30, -2]) or a leaf
            // to read (MIN_VALUE + index, below -2^30).
            int lowest = 0;
            for (int j = 0; j < lanes; j++) {
                int e = dir[addresses[a + j] >>> LOW_BITS];
                out[o + j] = e;
                lowest = Math.min(lowest, e);
            }
            boolean leafPending = false;
            for (int shift = 32 + TOP; lowest < -1; shift += 6) {
                lowest = 0;
                for (int j = 0; j < lanes; j++) {
                    int e = out[o + j];
                    if (e < -1 && e >= NODE_FLOOR) {
                        int p = ~e * NODE_LONGS;
                        long vector = nodes[p];
                        long base = nodes[p + 2];
                        int v = (int) (((long) addresses[a + j] << shift) >>> 58);
                        long below = -1L >>> (63 - v);
                        int child = ~((int) (base >>> 32) + Long.bitCount(vector & below) - 1);
                        int leaf = Integer.MIN_VALUE + (int) base + Long.bitCount(nodes[p + 1] & below) - 1;
                        e = (vector >>> v & 1) != 0 ? child : leaf;
                        out[o + j] = e;
                        lowest = Math.min(lowest, e >= NODE_FLOOR ? e : 0);
                        leafPending = true;
                    }
                }
            }
            if (leafPending) {
                for (int j = 0; j < lanes; j++) {
                    int e = out[o + j];
                    if (e < NODE_FLOOR) {
                        out[o + j] = leaves[e - Integer.MIN_VALUE];
                    }
                }
            }
        }
    }

    /** {@link #lookup(int[], int, int[], int, int)} of the whole array. */
    public void lookup(int[] addresses, int[] out) {
        if (out.length < addresses.length) {
            throw new IllegalArgumentException("out has " + out.length + " slots for " + addresses.length + " addresses");
        }
        lookup(addresses, 0, out, 0, addresses.length);
    }

    @Override
    public long lookup(int address, int maxLength) {
        if (maxLength < 0) {
            return -1L;
        }
        if (maxLength > TOP) {
            int b = block(address >>> LOW_BITS);
            if (b != 0) {
                for (int len = Math.min(maxLength, 32); len > TOP; len--) {
                    int i = arena.find(b, PoptrieRib.longKey(address, len), LOW_BITS);
                    if (i >= 0) {
                        return (long) len << 32 | (arena.value(b, i) & 0xffffffffL);
                    }
                }
            }
        }
        return rib.covering(address, Math.min(maxLength, TOP) + 1);
    }

    @Override
    public int get(int bits, int length) {
        checkLength(length);
        bits = mask(bits, length);
        if (length <= TOP) {
            return rib.get(bits, length);
        }
        int b = block(bits >>> LOW_BITS);
        int i = b == 0 ? -1 : arena.find(b, PoptrieRib.longKey(bits, length), LOW_BITS);
        return i < 0 ? NONE : arena.value(b, i);
    }

    @Override
    public int size() {
        return size;
    }

    /** The master list of a bucket's prefixes longer than /18, or 0: its root node points to it. */
    private int block(int bucket) {
        int e = dir[bucket];
        return e < -1 ? ribAt[~e] : 0;
    }

    // ---------------------------------------------------------------- updates

    @Override
    public int put(int bits, int length, int value) {
        checkLength(length);
        if (value < 0) {
            throw new IllegalArgumentException("values are non-negative: " + value);
        }
        bits = mask(bits, length);
        if (length <= TOP) {
            int old = rib.put(bits, length, value);
            if (old == NONE) {
                size++;
            }
            if (old != value) {
                repaint(bits, length);
            }
            return old;
        }
        int bucket = bits >>> LOW_BITS;
        int key = PoptrieRib.longKey(bits, length);
        int e = dir[bucket];
        int b;
        int old;
        if (e >= -1) {
            // A bucket without a subtree has its cover as its answer; one with keeps it in its list.
            b = arena.create(e, key, value);
            old = NONE;
        } else {
            b = ribAt[~e];
            int i = arena.find(b, key, LOW_BITS);
            if (i >= 0) {
                old = arena.value(b, i);
                if (old == value) {
                    return old;
                }
                arena.setValue(b, i, value);
            } else {
                b = arena.insert(b, -i - 1, key, value);
                old = NONE;
            }
        }
        if (old == NONE) {
            size++;
        }
        rebuild(bucket, b, NONE);
        return old;
    }

    @Override
    public int remove(int bits, int length) {
        checkLength(length);
        bits = mask(bits, length);
        if (length <= TOP) {
            int old = rib.remove(bits, length);
            if (old != NONE) {
                size--;
                repaint(bits, length);
            }
            return old;
        }
        int bucket = bits >>> LOW_BITS;
        int b = block(bucket);
        int i = b == 0 ? -1 : arena.find(b, PoptrieRib.longKey(bits, length), LOW_BITS);
        if (i < 0) {
            return NONE;
        }
        int old = arena.value(b, i);
        int cover = arena.attached(b);
        size--;
        rebuild(bucket, arena.delete(b, i), cover);
        return old;
    }

    /**
     * A prefix of length 0..18 changed: gives each bucket it spans its new covering answer, as
     * its direct answer or, under a subtree, as the subtree's default (regenerating the subtree).
     */
    private void repaint(int bits, int length) {
        int first = bits >>> LOW_BITS;
        int end = first + (1 << (TOP - length));
        int groupBits = TOP - 12;
        for (int g = first >>> groupBits; g <= (end - 1) >>> groupBits; g++) {
            int[] covers = rib.groupCovers(g);
            int from = Math.max(first, g << groupBits);
            int to = Math.min(end, (g + 1) << groupBits);
            for (int bucket = from; bucket < to; bucket++) {
                int cover = covers[bucket & ((1 << groupBits) - 1)];
                int e = dir[bucket];
                if (e >= -1) {
                    dir[bucket] = cover;
                } else {
                    int b = ribAt[~e];
                    if (arena.attached(b) != cover) {
                        arena.attach(b, cover);
                        rebuild(bucket, b, cover);
                    }
                }
            }
        }
    }

    /**
     * Regenerates the subtree of one /18 bucket from its master list {@code b} (0 when it is now
     * empty, {@code cover} then being its answer). The map has one writer and no concurrent
     * reader, so the root is rewritten in place and the old blocks are freed first: the
     * exact-size free lists are LIFO, so a same-shaped subtree lands in the same, cache-hot blocks.
     */
    private void rebuild(int bucket, int b, int cover) {
        int old = dir[bucket];
        int root;
        if (old < -1) {
            root = ~old;
            builder.freeSubtree(root);
            if (b == 0) {
                freeNodeBlock(root, 1);
            }
        } else {
            root = b == 0 ? 0 : allocNodes(1);
        }
        if (b == 0) {
            dir[bucket] = cover;
        } else {
            builder.build(root, bucket, arena, b, 0, arena.count(b), TOP, arena.attached(b), 0);
            ribAt[root] = b;
            dir[bucket] = ~root;
        }
    }

    // ---------------------------------------------------------------- allocator

    int allocNodes(int count) {
        nodesInUse += count;
        if (freeNodes.size(count) > 0) {
            return freeNodes.pop(count);
        }
        int at = nodeTop;
        nodeTop += count;
        if (nodeTop > ribAt.length) {
            // Grow by a sixteenth: the footprint counts what is allocated, not what is used.
            int length = Math.max(nodeTop, ribAt.length + (ribAt.length >> 4));
            nodes = Arrays.copyOf(nodes, length * NODE_LONGS);
            ribAt = Arrays.copyOf(ribAt, length);
        }
        return at;
    }

    void freeNodeBlock(int at, int count) {
        nodesInUse -= count;
        freeNodes.push(count, at);
    }

    int allocLeaves(int count) {
        leavesInUse += count;
        if (freeLeaves.size(count) > 0) {
            return freeLeaves.pop(count);
        }
        int at = leafTop;
        if (leafTop > MAX_LEAVES - count) {
            throw new IllegalStateException("more than 2^30 leaves");
        }
        leafTop += count;
        if (leafTop > leaves.length) {
            leaves = Arrays.copyOf(leaves, Math.max(leafTop, leaves.length + (leaves.length >> 4)));
        }
        return at;
    }

    void freeLeafBlock(int at, int count) {
        leavesInUse -= count;
        freeLeaves.push(count, at);
    }

    // ---------------------------------------------------------------- footprint

    /** The statistics of the structure's footprint, for benchmarks and reports. */
    public Footprint footprint() {
        long lookupBytes = PoptrieRib.arrayBytes(dir.length, 4) + PoptrieRib.arrayBytes(nodes.length, 8)
                + PoptrieRib.arrayBytes(leaves.length, 4);
        long masterBytes = rib.memoryBytes() + arena.memoryBytes() + PoptrieRib.arrayBytes(ribAt.length, 4)
                + freeNodes.memoryBytes() + freeLeaves.memoryBytes();
        return new Footprint(size, nodesInUse, leavesInUse, nodeTop, leafTop, lookupBytes, masterBytes);
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
