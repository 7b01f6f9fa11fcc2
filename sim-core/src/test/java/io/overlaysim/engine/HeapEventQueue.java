package io.overlaysim.engine;

import java.util.Arrays;

/**
 * The reference pending-event set: the engine's previous queue, a 4-ary min-heap over primitive
 * arrays ordered by (time, insertion sequence), kept in tests so that the bucketed
 * {@link EventQueue} is checked against it event for event.
 *
 * <p>Why this shape: the heap holds only the time ({@code long[]}) and a slot number
 * ({@code int[]}) per entry, so a sift touches two flat arrays and allocates nothing; a 4-ary
 * heap is half as deep as a binary one and reads the four children of a node from one or two
 * cache lines. The least of four children is chosen branch-free (see {@link #siftDown}). The
 * action and the full sequence number live in slot arrays, read only on time ties: a new entry
 * has the largest sequence so far, which settles ties on insertion without reading them.
 *
 * <p>Cancellation is lazy and O(1): it clears the slot's action, and the entry is dropped when it
 * reaches the top, or when cancelled entries outnumber live ones by rebuilding the heap; so no
 * heap position is tracked on every move. An event handle packs the slot (low 32 bits) and the
 * low 32 bits of the event's sequence number (high 32 bits): a handle whose event has fired or
 * been cancelled is recognised because its slot's action is gone or its slot now holds an event
 * with another sequence number. (A radix heap, which the monotone clock would allow, measured no
 * faster on the hold model and has a worse worst case.)
 */
final class HeapEventQueue {
    private static final int ARITY_SHIFT = 2;
    private static final int INITIAL_CAPACITY = 64;
    private static final int COMPACT_MIN_SIZE = 1024;

    // The heap: entries 0..size-1, live or cancelled.
    private long[] heapTime = filled(new long[INITIAL_CAPACITY], 0);
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
    private long lastTime;

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
        if (size + 4 >= heapTime.length) {
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

    /** The time of the event {@link #poll} returned last. */
    long lastTime() {
        return lastTime;
    }

    /**
     * Removes and returns the action of the next live event if it is due at or before
     * {@code limit}, else returns null (dropping cancelled entries from the top on the way).
     * After a non-null return {@link #lastTime()} is the event's time.
     */
    Runnable poll(long limit) {
        while (size > 0) {
            int slot = heapSlot[0];
            Runnable action = slotAction[slot];
            if (action == null) {
                removeTop();
                freeSlots[freeCount++] = slot;
                cancelledInHeap--;
                continue;
            }
            long time = heapTime[0];
            if (time > limit) {
                return null;
            }
            lastTime = time;
            slotAction[slot] = null;
            removeTop();
            freeSlots[freeCount++] = slot;
            return action;
        }
        return null;
    }

    private void removeTop() {
        int last = --size;
        long time = heapTime[last];
        heapTime[last] = Long.MAX_VALUE;
        if (last > 0) {
            siftDown(0, time, heapSlot[last], last);
        }
    }

    /**
     * Places (time, slot) at or below {@code pos} in a heap of {@code n} entries.
     *
     * <p>The hot part is choosing the least of four children: it is done as a branch-free
     * tournament on times alone (C2 turns it into conditional moves), because on random times
     * every compare-and-branch is a coin toss the CPU mispredicts (measured: twice as fast as
     * the branchy loop). Equal times among the four children need the sequence numbers; the
     * tournament detects every such tie (within either pair, or between the two pair winners)
     * and then chooses by (time, sequence). Heap entries past {@code n} hold
     * {@link Long#MAX_VALUE}, so every node has four children to compare.
     */
    private void siftDown(int pos, long time, int slot, int n) {
        long[] ht = heapTime;
        int[] hs = heapSlot;
        while (true) {
            int c = (pos << ARITY_SHIFT) + 1;
            if (c >= n) {
                break;
            }
            long t0 = ht[c];
            long t1 = ht[c + 1];
            long t2 = ht[c + 2];
            long t3 = ht[c + 3];
            int a = t1 < t0 ? c + 1 : c;
            long ta = Math.min(t0, t1);
            int b = t3 < t2 ? c + 3 : c + 2;
            long tb = Math.min(t2, t3);
            int min = tb < ta ? b : a;
            long minTime = Math.min(ta, tb);
            if ((t0 == t1) | (t2 == t3) | (ta == tb)) {
                min = leastChild(c, n);
                minTime = ht[min];
            }
            if (minTime > time || (minTime == time && slotSeq[hs[min]] > slotSeq[slot])) {
                break;
            }
            ht[pos] = minTime;
            hs[pos] = hs[min];
            pos = min;
        }
        ht[pos] = time;
        hs[pos] = slot;
    }
    /** The child of the four starting at {@code first} with the least (time, sequence). */
    private int leastChild(int first, int n) {
        long[] ht = heapTime;
        int[] hs = heapSlot;
        int end = Math.min(first + 4, n);
        int min = first;
        for (int c = first + 1; c < end; c++) {
            if (ht[c] < ht[min] || (ht[c] == ht[min] && slotSeq[hs[c]] < slotSeq[hs[min]])) {
                min = c;
            }
        }
        return min;
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
        Arrays.fill(heapTime, n, size, Long.MAX_VALUE);
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
        int old = heapTime.length;
        heapTime = filled(Arrays.copyOf(heapTime, old * 2), old);
        heapSlot = Arrays.copyOf(heapSlot, old * 2);
    }
    /** Fills {@code a} from {@code from} on with the past-the-end marker {@link Long#MAX_VALUE}. */
    private static long[] filled(long[] a, int from) {
        Arrays.fill(a, from, a.length, Long.MAX_VALUE);
        return a;
    }
}
