package io.overlaysim.engine;

import java.util.Arrays;

/**
 * The pending-event set of a {@link Simulation}: a 4-ary min-heap over primitive arrays, ordered
 * by (time, insertion sequence).
 *
 * <p>Why this shape: the heap holds only the time ({@code long[]}) and a slot number
 * ({@code int[]}) per entry, so a sift touches two flat arrays and allocates nothing; a 4-ary
 * heap keeps the four children of a node in one cache line of the time array. The action and
 * the full sequence number live in slot arrays, read only on time ties. Cancellation is lazy: it
 * clears the slot's action in O(1) and the entry is dropped when it reaches the top (or when
 * cancelled entries outnumber live ones, by rebuilding the heap), so there is no position
 * bookkeeping on every move.
 *
 * <p>An event handle packs the slot (low 32 bits) and the low 32 bits of the event's sequence
 * number (high 32 bits): a handle whose event has fired or been cancelled is recognised because
 * its slot's action is gone or its slot now holds an event with another sequence number.
 */
final class EventQueue {
    private static final int ARITY_SHIFT = 2;
    private static final int INITIAL_CAPACITY = 64;
    private static final int COMPACT_MIN_SIZE = 1024;

    // The heap: entries 0..size-1, live or cancelled.
    private long[] heapTime = new long[INITIAL_CAPACITY];
    private int[] heapSlot = new int[INITIAL_CAPACITY];
    private int size;
    private int cancelledInHeap;

    // Slots: the action (null once fired or cancelled) and the sequence number of the event.
    private Runnable[] slotAction = new Runnable[INITIAL_CAPACITY];
    private long[] slotSeq = new long[INITIAL_CAPACITY];
    private long[] slotTime = new long[INITIAL_CAPACITY];
    private int[] freeSlots = new int[INITIAL_CAPACITY];
    private int freeCount;
    private int slotsUsed;

    private long nextSeq;

    /** Number of live (not cancelled) pending events. */
    int liveCount() {
        return size - cancelledInHeap;
    }

    /** Adds an event and returns its handle. */
    long insert(long time, Runnable action) {
        int slot = allocateSlot();
        long seq = nextSeq++;
        slotAction[slot] = action;
        slotSeq[slot] = seq;
        slotTime[slot] = time;
        if (size == heapTime.length) {
            growHeap();
        }
        // Sift up. The new entry has the largest sequence number, so a parent with an equal time
        // stays above it: the tie-break needs no sequence lookup here.
        long[] ht = heapTime;
        int[] hs = heapSlot;
        int pos = size++;
        while (pos > 0) {
            int parent = (pos - 1) >>> ARITY_SHIFT;
            long pt = ht[parent];
            if (pt <= time) {
                break;
            }
            ht[pos] = pt;
            hs[pos] = hs[parent];
            pos = parent;
        }
        ht[pos] = time;
        hs[pos] = slot;
        return ((long) (int) seq << 32) | slot;
    }

    /** Whether the handle names an event that has neither fired nor been cancelled. */
    boolean isPending(long handle) {
        int slot = (int) handle;
        return slot >= 0 && slot < slotsUsed
                && slotAction[slot] != null
                && (int) slotSeq[slot] == (int) (handle >>> 32);
    }

    /** The time of a pending event; the caller has checked {@link #isPending}. */
    long timeOf(long handle) {
        return slotTime[(int) handle];
    }

    /** Cancels a pending event; false when it had already fired or been cancelled. */
    boolean cancel(long handle) {
        if (!isPending(handle)) {
            return false;
        }
        slotAction[(int) handle] = null;
        cancelledInHeap++;
        if (cancelledInHeap > (size >>> 1) && size >= COMPACT_MIN_SIZE) {
            compact();
        }
        return true;
    }

    /** Drops cancelled entries from the top; whether a live event remains. */
    boolean hasNext() {
        while (size > 0) {
            int slot = heapSlot[0];
            if (slotAction[slot] != null) {
                return true;
            }
            removeTop();
            freeSlot(slot);
            cancelledInHeap--;
        }
        return false;
    }

    /** The time of the next live event; call after {@link #hasNext} returned true. */
    long nextTime() {
        return heapTime[0];
    }

    /** Removes the next live event and returns its action; call after {@link #hasNext}. */
    Runnable takeNext() {
        int slot = heapSlot[0];
        Runnable action = slotAction[slot];
        slotAction[slot] = null;
        removeTop();
        freeSlot(slot);
        return action;
    }

    private void removeTop() {
        int last = --size;
        if (last > 0) {
            siftDown(0, heapTime[last], heapSlot[last], last);
        }
    }

    /** Places (time, slot) at or below {@code pos} in a heap of {@code n} entries. */
    private void siftDown(int pos, long time, int slot, int n) {
        long[] ht = heapTime;
        int[] hs = heapSlot;
        long seq = slotSeq[slot];
        while (true) {
            int first = (pos << ARITY_SHIFT) + 1;
            if (first >= n) {
                break;
            }
            int end = Math.min(first + 4, n);
            int min = first;
            long minTime = ht[first];
            for (int c = first + 1; c < end; c++) {
                long t = ht[c];
                if (t < minTime || (t == minTime && slotSeq[hs[c]] < slotSeq[hs[min]])) {
                    min = c;
                    minTime = t;
                }
            }
            if (minTime > time || (minTime == time && slotSeq[hs[min]] > seq)) {
                break;
            }
            ht[pos] = minTime;
            hs[pos] = hs[min];
            pos = min;
        }
        ht[pos] = time;
        hs[pos] = slot;
    }

    /** Removes every cancelled entry and rebuilds the heap bottom-up (Floyd), in O(n). */
    private void compact() {
        int n = 0;
        for (int i = 0; i < size; i++) {
            int slot = heapSlot[i];
            if (slotAction[slot] == null) {
                freeSlot(slot);
            } else {
                heapTime[n] = heapTime[i];
                heapSlot[n] = slot;
                n++;
            }
        }
        size = n;
        cancelledInHeap = 0;
        for (int i = (n - 2) >>> ARITY_SHIFT; n > 1 && i >= 0; i--) {
            siftDown(i, heapTime[i], heapSlot[i], n);
        }
    }

    private int allocateSlot() {
        if (freeCount > 0) {
            return freeSlots[--freeCount];
        }
        if (slotsUsed == slotAction.length) {
            int capacity = slotAction.length * 2;
            slotAction = Arrays.copyOf(slotAction, capacity);
            slotSeq = Arrays.copyOf(slotSeq, capacity);
            slotTime = Arrays.copyOf(slotTime, capacity);
            freeSlots = Arrays.copyOf(freeSlots, capacity);
        }
        return slotsUsed++;
    }

    private void freeSlot(int slot) {
        freeSlots[freeCount++] = slot;
    }

    private void growHeap() {
        int capacity = heapTime.length * 2;
        heapTime = Arrays.copyOf(heapTime, capacity);
        heapSlot = Arrays.copyOf(heapSlot, capacity);
    }
}
