package io.overlaysim.routing;

import java.util.Arrays;

/**
 * The free blocks of a {@link PoptriePrefixMap}'s node or leaf array, by exact size 1..64, each
 * size a stack of block indexes. Stacks rather than links inside the free blocks: a pop reads the
 * hot top of a small array, not a cold block.
 */
final class PoptrieFreeBlocks {
    private final int[][] stacks = new int[65][];
    private final int[] sizes = new int[65];

    int size(int blockSize) {
        return sizes[blockSize];
    }

    int pop(int blockSize) {
        return stacks[blockSize][--sizes[blockSize]];
    }

    void push(int blockSize, int at) {
        int[] s = stacks[blockSize];
        int n = sizes[blockSize];
        if (s == null || n == s.length) {
            s = s == null ? new int[16] : Arrays.copyOf(s, n * 2);
            stacks[blockSize] = s;
        }
        s[n] = at;
        sizes[blockSize] = n + 1;
    }

    long memoryBytes() {
        long bytes = PoptrieRib.arrayBytes(stacks.length, 4) + PoptrieRib.arrayBytes(sizes.length, 4);
        for (int[] s : stacks) {
            bytes += s == null ? 0 : PoptrieRib.arrayBytes(s.length, 4);
        }
        return bytes;
    }
}
