package io.overlaysim.routing;

import java.util.Arrays;

/**
 * The subtree builder of a {@link PoptriePrefixMap}: writes the nodes and leaves of one /18
 * bucket from its sorted master list, and frees them again. Allocation goes through the map,
 * whose arrays may grow, so they are read from it after every allocation.
 */
final class PoptrieBuilder {
    private static final int NODE_LONGS = 3;

    private final PoptriePrefixMap map;
    // Per-depth scratch for the subtree builder (depth 0: bits 18-23, 1: 24-29, 2: 30-31).
    private final int[][] slotValue = new int[3][64];
    private final int[][] runStart = new int[3][64];
    private final int[][] runEnd = new int[3][64];
    private final int[][] runSlot = new int[3][64];
    private final int[][] leafRun = new int[3][64];

    PoptrieBuilder(PoptriePrefixMap map) {
        this.map = map;
    }

    /**
     * Writes the node for the region of length {@code offset} holding entries
     * {@code [lo, hi)} of the bucket, all longer than {@code offset}, with {@code cover} the
     * answer where none of them matches.
     */
    void build(int node, int bucket, PoptrieArena arena, int b, int lo, int hi, int offset, int cover,
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
            int key = arena.key(b, i);
            int length = PoptrieRib.longKeyLength(key);
            int v = slot(PoptrieRib.longKeyAddress(bucket, key), offset);
            if (length <= offset + 6) {
                // Preorder: a covering prefix is painted before the ones it covers.
                int x = arena.value(b, i);
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
                } while (i < hi && slot(PoptrieRib.longKeyAddress(bucket, arena.key(b, i)), offset) == v);
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
        int base0 = leafCount == 0 ? 0 : map.allocLeaves(leafCount);
        System.arraycopy(run, 0, map.leaves, base0, leafCount);
        int base1 = children == 0 ? 0 : map.allocNodes(children);
        long[] nodes = map.nodes;
        int p = node * NODE_LONGS;
        nodes[p] = vector;
        nodes[p + 1] = leafvec;
        nodes[p + 2] = (long) base1 << 32 | (base0 & 0xffffffffL);
        for (int c = 0; c < children; c++) {
            build(base1 + c, bucket, arena, b, first[c], ends[c], offset + 6,
                    value[slots[c]], depth + 1);
        }
    }

    /** The 6-bit slot of {@code address} at bit {@code offset}, zero-padded past bit 31. */
    private static int slot(int address, int offset) {
        return (int) (((long) address << (32 + offset)) >>> 58);
    }

    void freeSubtree(int node) {
        long[] nodes = map.nodes;
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
            map.freeNodeBlock(base1, children);
        }
        int leafCount = Long.bitCount(leafvec);
        if (leafCount > 0) {
            map.freeLeafBlock(base0, leafCount);
        }
    }
}
