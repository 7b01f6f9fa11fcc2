package io.overlaysim.engine;

import java.util.Arrays;

/**
 * The pending-event set of a {@link Simulation}, ordered by (time, insertion sequence): a
 * calendar queue (a wheel of time buckets) in primitive arrays, with a small sorted "near"
 * array for the bucket being dispatched and a heap for the far future.
 *
 * <p>Why this shape: a heap costs O(log n) cache-missing steps per event, and at 100 k pending
 * events it outgrows the L2 cache. Here an insert prepends the event's slot to the list of its
 * bucket ({@code time >> shift}); when the near array runs out, the next non-empty bucket
 * (found in a bitmap) is unlinked, put back in insertion order and sorted by (time, sequence)
 * into the near array. Buckets hold a few events each, so both steps are O(1) per event. An
 * insert into the bucket being dispatched (or before it) goes straight into the near array by
 * insertion; it has the largest sequence number so far, so it lands after every equal time.
 * Events beyond the wheel (as many buckets ahead as it has) wait in a {@link FarHeap} and join
 * the near array when their bucket comes up. The bucket width and the number of buckets adapt
 * to the traffic (see {@link #adapt}), re-filing the pending events; the order never depends
 * on them.
 *
 * <p>Cancellation is lazy and O(1): it clears the slot's action, and the entry is dropped when
 * its bucket is loaded or it reaches the front, or when cancelled entries outnumber live ones
 * by re-filing everything. An event handle packs the slot (low 32 bits) and the low 32 bits of
 * the event's sequence number (high 32 bits): a handle whose event has fired or been cancelled
 * is recognised because its slot's action is gone or its slot now holds another event.
 */
final class EventQueue {
    private static final int MIN_BUCKETS = 1 << 12;
    private static final int MAX_BUCKETS = 1 << 20;
    private static final int NONE = -1;
    private static final int INITIAL_SHIFT = 10;
    private static final int MAX_SHIFT = 48;
    private static final int COMPACT_MIN_CANCELLED = 1024;
    private static final int ADAPT_PERIOD = 4096;

    // Slots. meta[2 * slot] is the time, meta[2 * slot + 1] the low 32 bits of the sequence
    // number (high half) and the next slot in the bucket (low half): what loading a bucket reads
    // comes from one cache line. The full sequence number is read only to order equal times.
    private long[] meta = new long[128];
    private long[] slotSeq = new long[64];
    private Runnable[] slotAction = new Runnable[64];
    private int[] freeSlots = new int[64];
    private int freeCount;
    private int slotsUsed;

    // Near: the events of buckets <= cur, sorted, from nearHead to nearTail.
    private int[] near = new int[64];
    private int nearHead;
    private int nearTail;
    private int[] sortBuffer = new int[64];
    private long[] nearMark = new long[1];

    // The wheel: bucket b = (time >> shift) & mask holds the events of one bucket index in
    // (cur, cur + buckets), newest first; a set bit in bucketBits marks a non-empty bucket.
    private int shift = INITIAL_SHIFT;
    private long cur = -1;
    private int buckets = MIN_BUCKETS;
    private int mask = MIN_BUCKETS - 1;
    private int[] bucketHead = filled(new int[MIN_BUCKETS]);
    private long[] bucketBits = new long[MIN_BUCKETS >>> 6];
    private int wheelCount;
    private final FarHeap far = new FarHeap();

    private long nextSeq;
    private long lastTime;
    private int live;
    private int cancelled;

    // Since the last adaptation: buckets loaded, distinct times in them, inserts, far inserts.
    private int loads;
    private long loadedDistinct;
    private long inserts;
    private long farInserts;

    /** Number of live (not cancelled) pending events. */
    int liveCount() {
        return live;
    }

    /** Entries held, cancelled ones included (for tests: compaction keeps it near liveCount). */
    int storedCount() {
        return nearTail - nearHead + wheelCount + far.size();
    }

    /** log2 of the current bucket width in nanoseconds (for tests of the adaptation). */
    int bucketShift() {
        return shift;
    }

    /** Adds an event and returns its handle. */
    long insert(long time, Runnable action) {
        int slot = allocateSlot();
        long seq = nextSeq++;
        slotAction[slot] = action;
        slotSeq[slot] = seq;
        meta[2 * slot] = time;
        meta[2 * slot + 1] = seq << 32;
        live++;
        inserts++;
        place(slot, time);
        return ((long) (int) seq << 32) | slot;
    }

    /** Files a slot into the near array, its wheel bucket, or the far heap. */
    private void place(int slot, long time) {
        long ahead = (time >> shift) - cur;
        if (ahead <= 0) {
            insertNear(slot, time);
        } else if (ahead < buckets) {
            int b = (int) (time >> shift) & mask;
            int head = bucketHead[b];
            if (head == NONE) {
                bucketBits[b >>> 6] |= 1L << b;
            }
            int m = 2 * slot + 1;
            meta[m] = (meta[m] & 0xFFFF_FFFF_0000_0000L) | (head & 0xFFFF_FFFFL);
            bucketHead[b] = slot;
            wheelCount++;
        } else {
            farInserts++;
            far.push(time, slotSeq[slot], slot);
        }
    }

    /** Inserts a new event (largest sequence so far) into the sorted near array. */
    private void insertNear(int slot, long time) {
        if (nearTail == near.length) {
            if (nearHead > near.length >>> 1) {
                System.arraycopy(near, nearHead, near, 0, nearTail - nearHead);
                nearTail -= nearHead;
                nearHead = 0;
            } else {
                near = Arrays.copyOf(near, near.length * 2);
            }
        }
        int[] nr = near;
        long[] mt = meta;
        int pos = nearTail++;
        while (pos > nearHead && mt[2 * nr[pos - 1]] > time) {
            nr[pos] = nr[pos - 1];
            pos--;
        }
        nr[pos] = slot;
    }

    /** Whether the handle names an event that has neither fired nor been cancelled. */
    boolean isPending(long handle) {
        int slot = (int) handle;
        return slot >= 0 && slot < slotsUsed
                && slotAction[slot] != null
                && (int) (meta[2 * slot + 1] >>> 32) == (int) (handle >>> 32);
    }

    /** The time of a pending event; the caller has checked {@link #isPending}. */
    long timeOf(long handle) {
        return meta[2 * (int) handle];
    }

    /** Cancels a pending event; false when it had already fired or been cancelled. */
    boolean cancel(long handle) {
        if (!isPending(handle)) {
            return false;
        }
        slotAction[(int) handle] = null;
        live--;
        cancelled++;
        if (cancelled > live && cancelled >= COMPACT_MIN_CANCELLED) {
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
     * {@code limit}, else returns null (dropping cancelled entries on the way). After a non-null
     * return {@link #lastTime()} is the event's time.
     */
    Runnable poll(long limit) {
        while (true) {
            while (nearHead == nearTail) {
                if (!loadNextBucket()) {
                    return null;
                }
            }
            int slot = near[nearHead];
            Runnable action = slotAction[slot];
            if (action == null) {
                nearHead++;
                cancelled--;
                freeSlots[freeCount++] = slot;
                continue;
            }
            long time = meta[2 * slot];
            if (time > limit) {
                return null;
            }
            nearHead++;
            slotAction[slot] = null;
            freeSlots[freeCount++] = slot;
            live--;
            lastTime = time;
            return action;
        }
    }

    /**
     * Fills the (empty) near array with the next non-empty bucket: the first one after
     * {@code cur} in the wheel or the far heap's earliest, whichever comes first. False when
     * nothing is pending.
     */
    private boolean loadNextBucket() {
        nearHead = 0;
        nearTail = 0;
        if (++loads >= ADAPT_PERIOD || loadedDistinct >= ADAPT_PERIOD) {
            adapt();
        }
        if (wheelCount == 0 && far.size() == 0) {
            return false;
        }
        long next = Long.MAX_VALUE;
        int b = NONE;
        if (wheelCount > 0) {
            b = nextNonEmptyBucket();
            next = cur + 1 + ((b - (cur + 1)) & mask);
        }
        if (far.size() > 0) {
            long farNext = far.peekTime() >> shift;
            if (farNext < next) {
                next = farNext;
                b = NONE;
            }
        }
        cur = next;
        int n = 0;
        if (b != NONE) {
            int s = bucketHead[b];
            bucketHead[b] = NONE;
            bucketBits[b >>> 6] &= ~(1L << b);
            while (s != NONE) {
                wheelCount--;
                if (n == near.length) {
                    near = Arrays.copyOf(near, n * 2);
                }
                near[n++] = s;
                s = (int) meta[2 * s + 1];
            }
            // The list is newest first: reverse it into insertion order (sorting then mostly
            // finds ties already in sequence order).
            for (int i = 0, j = n - 1; i < j; i++, j--) {
                int t = near[i];
                near[i] = near[j];
                near[j] = t;
            }
        }
        while (far.size() > 0 && far.peekTime() >> shift == next) {
            if (n == near.length) {
                near = Arrays.copyOf(near, n * 2);
            }
            near[n++] = far.pop();
        }
        sortNear(n);
        nearTail = n;
        return true;
    }

    /** The first set bit of the wheel's bitmap after bucket {@code cur}, circularly. */
    private int nextNonEmptyBucket() {
        int start = (int) (cur + 1) & mask;
        int w = start >>> 6;
        long bits = bucketBits[w] & (-1L << start);
        while (bits == 0) {
            w = (w + 1) & (bucketBits.length - 1);
            bits = bucketBits[w];
        }
        return (w << 6) + Long.numberOfTrailingZeros(bits);
    }

    /** Frees the cancelled entries among near[0..n) keeping the order; the new length. */
    private int dropCancelled(int n) {
        int m = 0;
        for (int i = 0; i < n; i++) {
            int s = near[i];
            if (slotAction[s] == null) {
                cancelled--;
                freeSlots[freeCount++] = s;
            } else {
                near[m++] = s;
            }
        }
        return m;
    }

    /** Sorts near[0..n) by (time, sequence) and counts its distinct times for {@link #adapt}. */
    private void sortNear(int n) {
        if (sortBuffer.length < n) {
            sortBuffer = new int[near.length];
        }
        SlotSort.sort(near, sortBuffer, n, meta, slotSeq);
        long[] mt = meta;
        int distinct = n > 0 ? 1 : 0;
        for (int i = 1; i < n; i++) {
            if (mt[2 * near[i]] != mt[2 * near[i - 1]]) {
                distinct++;
            }
        }
        loadedDistinct += distinct;
    }

    /**
     * Tunes the wheel to the traffic seen over the last {@value #ADAPT_PERIOD} bucket loads (or
     * fewer, once they held that many distinct times). More than 6 distinct times per bucket
     * make the sorts and the inserts into the near array costly: the width shrinks to aim at
     * about 3. When more than 1 insert in 8 misses the wheel, it spans too short a time: with
     * well-filled buckets their number doubles (up to {@value #MAX_BUCKETS}), else the width
     * doubles. Ties do not count: events at one time share a bucket whatever its width. Called
     * with the near array empty.
     */
    private void adapt() {
        int newShift = shift;
        int newBuckets = buckets;
        if (loadedDistinct > 6L * loads && shift > 0) {
            // Aim at about 3 distinct times per bucket in one step: log2(distinct / 3 / loads).
            int halvings = 63 - Long.numberOfLeadingZeros(loadedDistinct / (3L * loads));
            newShift = Math.max(0, shift - Math.max(1, halvings));
        } else if (farInserts * 8 > inserts) {
            if (loadedDistinct >= 2L * loads && buckets < MAX_BUCKETS) {
                newBuckets = buckets * 2;   // buckets well filled: more of them, same width
            } else if (shift < MAX_SHIFT) {
                newShift = shift + 1;
            }
        }
        if (newShift != shift || newBuckets != buckets) {
            if (newBuckets != buckets) {
                growWheel(newBuckets);
            }
            refile(newShift, false);
        }
        loads = 0;
        loadedDistinct = 0;
        inserts = 0;
        farInserts = 0;
    }

    /**
     * Replaces the wheel by an empty one of {@code n} buckets; the caller re-files its events
     * ({@link #refile} finds them by scanning the slots, not the old wheel).
     */
    private void growWheel(int n) {
        buckets = n;
        mask = n - 1;
        bucketHead = filled(new int[n]);
        bucketBits = new long[n >>> 6];
    }

    /** Drops cancelled entries: the far heap's alone when that suffices, else all by re-filing. */
    private void compact() {
        // Restarted timers usually sit beyond the wheel: filtering the far heap alone is cheap.
        int before = freeCount;
        freeCount = far.dropCancelled(slotAction, freeSlots, freeCount);
        cancelled -= freeCount - before;
        if (cancelled * 2 <= live) {
            return;
        }
        int n = nearTail - nearHead;
        System.arraycopy(near, nearHead, near, 0, n);
        nearHead = 0;
        nearTail = dropCancelled(n);
        refile(shift, true);
    }

    /**
     * Takes every event out of the wheel and the far heap, frees the cancelled ones, and files
     * the others again with bucket width {@code 1 << newShift}. With {@code keepCur} the
     * current bucket stays (the near array may be in use); without, the near array is empty and
     * the wheel restarts just before the earliest event.
     */
    private void refile(int newShift, boolean keepCur) {
        // Empty the wheel and the far heap; their events are found again by a sequential scan
        // of the slots (chasing the bucket lists would be a cache miss per entry).
        for (int w = 0; w < bucketBits.length; w++) {
            for (long bits = bucketBits[w]; bits != 0; bits &= bits - 1) {
                bucketHead[(w << 6) + Long.numberOfTrailingZeros(bits)] = NONE;
            }
            bucketBits[w] = 0;
        }
        far.clear();
        wheelCount = 0;
        int words = (slotsUsed + 63) >>> 6;
        if (nearMark.length < words) {
            nearMark = new long[slotAction.length >>> 6];
        }
        long[] mark = nearMark;
        Arrays.fill(mark, 0, words, 0);
        for (int i = nearHead; i < nearTail; i++) {
            mark[near[i] >>> 6] |= 1L << near[i];
        }
        // The near array holds no cancelled entry here, so every other slot without an action
        // is free: rebuild the free list, and find the earliest live event.
        freeCount = 0;
        cancelled = 0;
        long min = Long.MAX_VALUE;
        for (int s = 0; s < slotsUsed; s++) {
            if ((mark[s >>> 6] & (1L << s)) == 0) {
                if (slotAction[s] == null) {
                    freeSlots[freeCount++] = s;
                } else {
                    min = Math.min(min, meta[2 * s]);
                }
            }
        }
        shift = newShift;
        if (!keepCur) {
            cur = min == Long.MAX_VALUE ? (lastTime >> shift) - 1 : (min >> shift) - 1;
        }
        for (int s = 0; s < slotsUsed; s++) {
            if ((mark[s >>> 6] & (1L << s)) == 0 && slotAction[s] != null) {
                place(s, meta[2 * s]);
            }
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
            meta = Arrays.copyOf(meta, 2 * capacity);
            freeSlots = Arrays.copyOf(freeSlots, capacity);
        }
        return slotsUsed++;
    }

    private static int[] filled(int[] a) {
        Arrays.fill(a, NONE);
        return a;
    }
}
