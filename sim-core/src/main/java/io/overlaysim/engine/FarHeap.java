package io.overlaysim.engine;

import java.util.Arrays;

/**
 * The far-future part of an {@link EventQueue}: a binary min-heap of events ordered by (time,
 * sequence), for the events beyond the horizon of the bucket wheel (BGP hold timers, TCP
 * retransmission timeouts, anything scheduled long ahead). Each entry carries its time,
 * sequence number, slot and action, so the heap orders and hands events back without reading
 * the queue's slot arrays.
 */
final class FarHeap {
    private long[] time = new long[16];
    private long[] seq = new long[16];
    private int[] slot = new int[16];
    private Runnable[] action = new Runnable[16];
    private int size;

    int size() {
        return size;
    }

    /** The time of the earliest entry; the heap is not empty. */
    long peekTime() {
        return time[0];
    }

    /** The sequence number of the earliest entry; the heap is not empty. */
    long peekSeq() {
        return seq[0];
    }

    /** The slot of the earliest entry; the heap is not empty. */
    int peekSlot() {
        return slot[0];
    }

    /** The action of the earliest entry; the heap is not empty. */
    Runnable peekAction() {
        return action[0];
    }

    void push(long t, long s, int sl, Runnable a) {
        if (size == time.length) {
            int capacity = size * 2;
            time = Arrays.copyOf(time, capacity);
            seq = Arrays.copyOf(seq, capacity);
            slot = Arrays.copyOf(slot, capacity);
            action = Arrays.copyOf(action, capacity);
        }
        int pos = size++;
        while (pos > 0) {
            int parent = (pos - 1) >>> 1;
            if (time[parent] < t || (time[parent] == t && seq[parent] < s)) {
                break;
            }
            move(parent, pos);
            pos = parent;
        }
        time[pos] = t;
        seq[pos] = s;
        slot[pos] = sl;
        action[pos] = a;
    }

    /** Removes the earliest entry; the heap is not empty. */
    void removeTop() {
        int last = --size;
        if (last > 0) {
            move(last, 0);
            siftDown(0);
        }
        action[last] = null;
    }

    /**
     * Removes the entries whose slot is not marked live in {@code liveBits} (cancelled events),
     * clearing their slots' bits in {@code usedBits}, and restores the heap bottom-up (Floyd) in
     * O(n). Returns how many were removed.
     */
    int dropCancelled(long[] liveBits, long[] usedBits) {
        int n = 0;
        for (int i = 0; i < size; i++) {
            int s = slot[i];
            if ((liveBits[s >>> 6] & (1L << s)) == 0) {
                usedBits[s >>> 6] &= ~(1L << s);
            } else {
                move(i, n++);
            }
        }
        int dropped = size - n;
        Arrays.fill(action, n, size, null);
        size = n;
        for (int i = (n - 2) >>> 1; n > 1 && i >= 0; i--) {
            siftDown(i);
        }
        return dropped;
    }

    private void siftDown(int pos) {
        long t = time[pos];
        long s = seq[pos];
        int sl = slot[pos];
        Runnable a = action[pos];
        while (true) {
            int c = 2 * pos + 1;
            if (c >= size) {
                break;
            }
            if (c + 1 < size && (time[c + 1] < time[c]
                    || (time[c + 1] == time[c] && seq[c + 1] < seq[c]))) {
                c++;
            }
            if (t < time[c] || (t == time[c] && s < seq[c])) {
                break;
            }
            move(c, pos);
            pos = c;
        }
        time[pos] = t;
        seq[pos] = s;
        slot[pos] = sl;
        action[pos] = a;
    }

    /** Forgets every entry. */
    void clear() {
        Arrays.fill(action, 0, size, null);
        size = 0;
    }

    private void move(int from, int to) {
        time[to] = time[from];
        seq[to] = seq[from];
        slot[to] = slot[from];
        action[to] = action[from];
    }
}
