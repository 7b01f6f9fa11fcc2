package io.overlaysim.engine;

import java.util.Arrays;

/**
 * A growable run of events of one {@link EventQueue} bucket in two parallel arrays: a key
 * packing the event's time offset within the bucket (high 32 bits) and its slot (low 32 bits),
 * and its action. Events are appended in insertion order and read front to back, so every pass
 * over a block is sequential in memory, two streams of 8 and 4 bytes per event.
 */
final class KeyBlock {
    long[] key;
    Runnable[] action;
    int size;

    KeyBlock(int capacity) {
        key = new long[capacity];
        action = new Runnable[capacity];
    }

    static long key(long offset, int slot) {
        return (offset << 32) | (slot & 0xFFFF_FFFFL);
    }

    static long offset(long key) {
        return key >>> 32;
    }

    static int slot(long key) {
        return (int) key;
    }

    void add(long k, Runnable a) {
        int n = size;
        if (n == key.length) {
            grow(n + 1);
        }
        key[n] = k;
        action[n] = a;
        size = n + 1;
    }

    /** Makes room for at least {@code capacity} events, keeping the first {@link #size}. */
    void ensureCapacity(int capacity) {
        if (capacity > key.length) {
            grow(capacity);
        }
    }

    private void grow(int min) {
        int capacity = Math.max(min, key.length * 2);
        key = Arrays.copyOf(key, capacity);
        action = Arrays.copyOf(action, capacity);
    }

    /** Forgets the events from {@code from} on (dropping the references to their actions). */
    void truncate(int from) {
        Arrays.fill(action, from, size, null);
        size = from;
    }
}
