package io.overlaysim.engine;

import java.util.Arrays;

/**
 * A growable run of events in three parallel arrays (time, slot, action): an
 * {@link EventQueue}'s sorted side run, and the events it re-files. Unlike a {@link KeyBlock}
 * it holds absolute times (side-run events may lie before the current bucket's start).
 */
final class EventBlock {
    long[] time;
    int[] slot;
    Runnable[] action;
    int size;

    EventBlock(int capacity) {
        time = new long[capacity];
        slot = new int[capacity];
        action = new Runnable[capacity];
    }

    void add(long t, int s, Runnable a) {
        int n = size;
        if (n == time.length) {
            grow(n + 1);
        }
        time[n] = t;
        slot[n] = s;
        action[n] = a;
        size = n + 1;
    }

    private void grow(int min) {
        int capacity = Math.max(min, time.length * 2);
        time = Arrays.copyOf(time, capacity);
        slot = Arrays.copyOf(slot, capacity);
        action = Arrays.copyOf(action, capacity);
    }

    /** Forgets the events from {@code from} on (dropping the references to their actions). */
    void truncate(int from) {
        Arrays.fill(action, from, size, null);
        size = from;
    }

    /** Moves entry {@code from} to {@code to} (within this block). */
    void move(int from, int to) {
        time[to] = time[from];
        slot[to] = slot[from];
        action[to] = action[from];
    }
}
