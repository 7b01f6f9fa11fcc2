package io.overlaysim.engine;

import java.util.Arrays;

/**
 * The pending-event set of a {@link Simulation}, ordered by (time, insertion sequence): a
 * calendar queue whose events live in the buckets themselves, so that what the queue does per
 * event is a few sequential passes over memory rather than pointer chasing.
 *
 * <p>Why this shape: with 100 k pending events a heap, or buckets that link event slots, read
 * a cold cache line at nearly every step (the events outgrow the L2 cache), and that miss is
 * the cost of an event. Here an insert appends the event to its bucket ({@code time >>
 * coarseShift}, a wheel of {@link KeyBlock}s whose tails stay in cache) as two words: a key
 * packing the time's offset in the bucket with the event's slot, and the action. When dispatch
 * reaches a bucket, one counting-sort pass on the offset's high bits (about four groups per
 * event, exact when the bucket is that narrow) and an insertion pass that only moves events
 * within their group sort it into the "front", which is then dispatched in order. Every pass
 * reads and writes sequentially (the ladder queue of Tang, Goh and Thng, ACM TOMACS 2005, with
 * two rungs).
 *
 * <p>Order: appends are in insertion order and both passes are stable, so events at equal times
 * stay in sequence order without comparing sequence numbers. Three structures hold the events
 * that do not fit that scheme. An insert into the bucket being dispatched, or before it, goes
 * into the sorted "side" run by insertion from its tail (it has the largest sequence so far, so
 * it lands after every equal time; it is newer than every event of the front, so the front
 * wins ties); events scheduled a short delay ahead land at the tail, so this is O(1) too. One
 * that would move more than {@value #SIDE_MAX_MOVES} events goes to the side heap instead
 * (merged with the run by (time, sequence)), so that no insert costs O(n). An insert beyond the
 * wheel's horizon goes to the far heap ({@link FarHeap}, by (time, sequence)), whose events join
 * their bucket ahead of the wheel's (they were inserted before any of those). The widths adapt
 * to the traffic (see {@link #adapt}); re-filing keeps every tie's order.
 *
 * <p>Slots: each event has one, named by its handle, for {@link #isPending}, {@link #timeOf} and
 * cancellation; they are taken from a ring in order (see {@link #allocateSlot}).
 * <p>Cancellation is lazy and O(1): it clears the slot's bit in {@code liveBits}, and the entry
 * is dropped when it reaches the front, or when cancelled entries outnumber live ones by a
 * compaction. An event handle packs the slot (low 32 bits) and the low 32 bits of the event's
 * sequence number (high 32 bits); a slot is reused only once its entry has left the queue.
 */
final class EventQueue {
    private static final int NONE = -1;
    private static final int MIN_COARSE = 64;
    private static final int MAX_COARSE = 1 << 14;
    private static final int INITIAL_SHIFT = 16;
    private static final int MAX_SHIFT = 32;   // a time offset in a bucket fits a key's high half
    private static final int MAX_SORT_BITS = 16;
    private static final int ADAPT_LOADS = 64;
    private static final int DENSE = 4096;
    private static final int TARGET = 1024;
    private static final int SPARSE = 64;
    private static final int COMPACT_MIN_CANCELLED = 1024;
    private static final int SIDE_MAX_MOVES = 16;
    private static final int SMALL_BUCKET = 16;


    // Slots: meta[2 * slot] is the event's time, meta[2 * slot + 1] its sequence number; both are
    // written at insert and read only by isPending and timeOf. A set bit in liveBits marks a
    // slot whose event is pending (neither run nor cancelled), one in usedBits a slot whose
    // entry is still somewhere in the queue. New events take the next unused slot after the
    // last one taken (a ring, a quarter of it kept free): the meta writes then go through memory
    // in order instead of to the random slot an event just freed, a cache miss each.
    private long[] meta = new long[128];
    private long[] liveBits = new long[1];
    private long[] usedBits = new long[1];
    private int cursor;
    private int used;

    // The front: bucket curCoarse (starting at frontBase ns), sorted, dispatched from frontHead
    // to front.size; events inserted into it (or before it) since it was loaded wait in the side
    // run, sorted, from sideHead to side.size, or in the side heap when they would have moved
    // too many.
    private final KeyBlock front = new KeyBlock(64);
    private long frontBase;
    private int frontHead;
    private final EventBlock side = new EventBlock(64);
    private int sideHead;
    private final FarHeap sideHeap = new FarHeap();
    private long curCoarse = -1;
    private int sortShift = INITIAL_SHIFT;
    private int[] groupStart = new int[2];

    // The wheel: bucket c in (curCoarse, curCoarse + coarseCount) is wheel[c & mask]; a set bit
    // in wheelBits marks a non-empty one.
    private int coarseShift = INITIAL_SHIFT;
    private int coarseCount = MIN_COARSE;
    private int coarseMask = MIN_COARSE - 1;
    private KeyBlock[] wheel = blocks(MIN_COARSE);
    private long[] wheelBits = new long[MIN_COARSE >>> 6];
    private int wheelEntries;
    private final FarHeap far = new FarHeap();
    private final EventBlock gather = new EventBlock(64);
    private final KeyBlock farGather = new KeyBlock(64);

    private long nextSeq;
    private long lastTime;
    private int live;
    private int peakLive;
    private int cancelled;

    // Since the last adaptation: buckets loaded, their events, inserts, far and side inserts,
    // events the side inserts moved, and the furthest bucket ahead an insert filed into.
    private int loads;
    private long loadedEntries;
    private long inserts;
    private long farInserts;
    private long sideInserts;
    private long sideMoves;
    private long maxAhead;

    /** Number of live (not cancelled) pending events. */
    int liveCount() {
        return live;
    }

    /** The largest number of live events ever pending at once. */
    int peakLiveCount() {
        return peakLive;
    }

    /** Number of events ever inserted. */
    long insertedCount() {
        return nextSeq;
    }

    /** Entries held, cancelled ones included (for tests: compaction keeps it near liveCount). */
    int storedCount() {
        return front.size - frontHead + side.size - sideHead + sideHeap.size() + wheelEntries + far.size();
    }

    /**
     * log2 of the time resolution of the last bucket sort in nanoseconds: events closer than
     * that may need the insertion pass (for tests of the adaptation).
     */
    int bucketShift() {
        return sortShift;
    }

    /** Adds an event and returns its handle. */
    long insert(long time, Runnable action) {
        int slot = allocateSlot();
        long seq = nextSeq++;
        meta[2 * slot] = time;
        meta[2 * slot + 1] = seq;
        liveBits[slot >>> 6] |= 1L << slot;
        if (++live > peakLive) {
            peakLive = live;
        }
        inserts++;
        place(time, seq, slot, action);
        return (seq << 32) | slot;
    }

    /** Files an event into the side run, its wheel bucket or the far heap. */
    private void place(long time, long seq, int slot, Runnable action) {
        long ahead = (time >> coarseShift) - curCoarse;
        if (ahead <= 0) {
            insertSide(time, seq, slot, action);
        } else if (ahead < coarseCount) {
            if (ahead > maxAhead) {
                maxAhead = ahead;
            }
            int b = (int) (time >> coarseShift) & coarseMask;
            KeyBlock blk = wheel[b];
            if (blk.size == 0) {
                wheelBits[b >>> 6] |= 1L << b;
            }
            blk.add(KeyBlock.key(time & ((1L << coarseShift) - 1), slot), action);
            wheelEntries++;
        } else {
            insertFar(time, seq, slot, action);
        }
    }

    private void insertFar(long time, long seq, int slot, Runnable action) {
        farInserts++;
        far.push(time, seq, slot, action);
    }

    /**
     * Inserts a new event (largest sequence so far) into the sorted side run, after every equal
     * time, by moving the later events up; when that would move more than
     * {@value #SIDE_MAX_MOVES}, into the side heap instead, so that no insert costs O(n).
     */
    private void insertSide(long time, long seq, int slot, Runnable action) {
        sideInserts++;
        EventBlock sd = side;
        if (sd.size == sd.time.length && sideHead > sd.size >>> 1) {
            int n = sd.size - sideHead;
            System.arraycopy(sd.time, sideHead, sd.time, 0, n);
            System.arraycopy(sd.slot, sideHead, sd.slot, 0, n);
            System.arraycopy(sd.action, sideHead, sd.action, 0, n);
            Arrays.fill(sd.action, n, sd.size, null);
            sd.size = n;
            sideHead = 0;
        }
        int head = sideHead;
        int n = sd.size;
        long[] t = sd.time;
        int pos = n;
        int stop = Math.max(head, n - SIDE_MAX_MOVES);
        while (pos > stop && t[pos - 1] > time) {
            pos--;
        }
        if (pos > head && t[pos - 1] > time) {
            sideMoves += SIDE_MAX_MOVES;
            sideHeap.push(time, seq, slot, action);
            return;
        }
        sd.add(time, slot, action);
        if (pos < n) {
            sideMoves += n - pos;
            for (int i = n; i > pos; i--) {
                sd.move(i - 1, i);
            }
            sd.time[pos] = time;
            sd.slot[pos] = slot;
            sd.action[pos] = action;
        }
    }

    /** Whether the handle names an event that has neither fired nor been cancelled. */
    boolean isPending(long handle) {
        int slot = (int) handle;
        return slot >= 0 && slot < meta.length >>> 1
                && (liveBits[slot >>> 6] & (1L << slot)) != 0
                && (int) meta[2 * slot + 1] == (int) (handle >>> 32);
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
        int slot = (int) handle;
        liveBits[slot >>> 6] &= ~(1L << slot);
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
        // The common case, kept small enough to be inlined: the next event is live and due, at
        // the front or at the head of the side run (the earlier of the two; the front wins ties,
        // being older), with nothing in the side heap.
        if (sideHeap.size() == 0) {
            KeyBlock fr = front;
            EventBlock sd = side;
            int h = frontHead;
            int r = sideHead;
            boolean fromFront = h < fr.size
                    && (r == sd.size || frontBase + KeyBlock.offset(fr.key[h]) <= sd.time[r]);
            if (fromFront || r < sd.size) {
                int slot = fromFront ? KeyBlock.slot(fr.key[h]) : sd.slot[r];
                long time = fromFront ? frontBase + KeyBlock.offset(fr.key[h]) : sd.time[r];
                int w = slot >>> 6;
                long bit = 1L << slot;
                if ((liveBits[w] & bit) != 0 && time <= limit) {
                    Runnable action;
                    if (fromFront) {
                        action = fr.action[h];
                        fr.action[h] = null;
                        frontHead = h + 1;
                    } else {
                        action = sd.action[r];
                        sd.action[r] = null;
                        sideHead = r + 1;
                    }
                    liveBits[w] &= ~bit;
                    usedBits[w] &= ~bit;
                    used--;
                    live--;
                    lastTime = time;
                    return action;
                }
            }
        }
        return pollAny(limit);
    }

    /**
     * {@link #poll} in general: the earliest of the front, the side run and the side heap (the
     * front wins ties with the run, being older; the heap's ties compare sequence numbers),
     * cancelled entries, and loading the next bucket when the front and the run are consumed
     * and the heap holds nothing before it.
     */
    private Runnable pollAny(long limit) {
        KeyBlock fr = front;
        EventBlock sd = side;
        FarHeap sh = sideHeap;
        while (true) {
            int h = frontHead;
            int r = sideHead;
            int src = NONE;
            long time = Long.MAX_VALUE;
            if (h < fr.size) {
                src = 0;
                time = frontBase + KeyBlock.offset(fr.key[h]);
            }
            if (r < sd.size && (src == NONE || sd.time[r] < time)) {
                src = 1;
                time = sd.time[r];
            }
            if (sh.size() > 0) {
                long t = sh.peekTime();
                // The front is older than the side heap's events (they came after it was loaded,
                // or lie in earlier buckets): it wins ties; the run and the heap compare sequences.
                if (src == NONE || t < time
                        || (t == time && src == 1 && sh.peekSeq() < meta[2 * sd.slot[r] + 1])) {
                    src = 2;
                    time = t;
                }
            }
            if (h == fr.size && r == sd.size && (wheelEntries > 0 || far.size() > 0)
                    && loadNextBucket(src == NONE ? limit : Math.min(limit, time))) {
                continue;
            }
            if (src == NONE) {
                return null;
            }
            int slot = src == 0 ? KeyBlock.slot(fr.key[h]) : src == 1 ? sd.slot[r] : sh.peekSlot();
            int w = slot >>> 6;
            long bit = 1L << slot;
            boolean alive = (liveBits[w] & bit) != 0;
            if (alive && time > limit) {
                return null;
            }
            Runnable action;
            if (src == 0) {
                action = fr.action[h];
                fr.action[h] = null;
                frontHead = h + 1;
            } else if (src == 1) {
                action = sd.action[r];
                sd.action[r] = null;
                sideHead = r + 1;
            } else {
                action = sh.peekAction();
                sh.removeTop();
            }
            usedBits[w] &= ~bit;
            used--;
            if (!alive) {
                cancelled--;
                continue;
            }
            liveBits[w] &= ~bit;
            live--;
            lastTime = time;
            return action;
        }
    }

    /**
     * Makes the next bucket the front (the wheel's next non-empty one or the far heap's
     * earliest, whichever comes first), sorted. False when nothing is pending, or when that
     * bucket starts after {@code limit}: the caller's clock stops before it, and events it
     * schedules in between must still find the wheel (not the side run) in front of them.
     * Called with the front and the side run consumed (the side heap may hold events; they are
     * merged by time).
     */
    private boolean loadNextBucket(long limit) {
        side.size = 0;
        sideHead = 0;
        if (wheelEntries == 0 && far.size() == 0) {
            return false;
        }
        if (++loads >= ADAPT_LOADS) {
            adapt();
        }
        long next = Long.MAX_VALUE;
        int b = NONE;
        if (wheelEntries > 0) {
            b = nextNonEmptyBucket();
            next = curCoarse + 1 + ((b - (curCoarse + 1)) & coarseMask);
        }
        if (far.size() > 0 && far.peekTime() >> coarseShift < next) {
            next = far.peekTime() >> coarseShift;
            b = NONE;
        }
        if (next > limit >> coarseShift) {
            loads--;
            return false;
        }
        curCoarse = next;
        long base = next << coarseShift;
        frontBase = base;
        KeyBlock g = farGather;
        while (far.size() > 0 && far.peekTime() >> coarseShift == next) {
            g.add(KeyBlock.key(far.peekTime() - base, far.peekSlot()), far.peekAction());
            far.removeTop();
        }
        KeyBlock blk = b == NONE ? null : wheel[b];
        int n = g.size + (blk == null ? 0 : blk.size);
        KeyBlock fr = front;
        fr.ensureCapacity(n);
        frontHead = 0;
        loadedEntries += n;
        if (n <= SMALL_BUCKET) {
            // A few events: sorting them by insertion costs less than setting up the groups.
            fr.size = 0;
            append(fr, g);
            g.truncate(0);
            if (blk != null) {
                append(fr, blk);
                wheelEntries -= blk.size;
                blk.truncate(0);
                wheelBits[b >>> 6] &= ~(1L << b);
            }
            sortShift = coarseShift;
            insertionPass(fr, n);
            return true;
        }
        // About four groups per event: most hold none or one, and the insertion pass has little
        // to do; none at all once a group is one nanosecond wide.
        int bits = Math.min(Math.min(coarseShift, MAX_SORT_BITS), 34 - Integer.numberOfLeadingZeros(n));
        int groups = 1 << bits;
        int shift = coarseShift - bits;
        sortShift = shift;
        if (groupStart.length < groups + 1) {
            groupStart = new int[groups + 1];
        }
        int[] st = groupStart;
        Arrays.fill(st, 0, groups + 1, 0);
        count(g, st, shift);
        count(blk, st, shift);
        for (int i = 0; i < groups; i++) {
            st[i + 1] += st[i];
        }
        scatter(g, st, shift);
        g.truncate(0);
        if (blk != null) {
            scatter(blk, st, shift);
            wheelEntries -= blk.size;
            blk.truncate(0);
            wheelBits[b >>> 6] &= ~(1L << b);
        }
        fr.size = n;
        if (shift > 0) {
            insertionPass(fr, n);
        }
        return true;
    }

    /** Appends src's events to dst (which has the room). */
    private static void append(KeyBlock dst, KeyBlock src) {
        int n = src.size;
        System.arraycopy(src.key, 0, dst.key, dst.size, n);
        System.arraycopy(src.action, 0, dst.action, dst.size, n);
        dst.size += n;
    }

    /** Counts blk's events per group, one group up ({@code st[g + 1]}). */
    private static void count(KeyBlock blk, int[] st, int shift) {
        if (blk == null) {
            return;
        }
        long[] k = blk.key;
        for (int i = 0, n = blk.size; i < n; i++) {
            st[(int) (KeyBlock.offset(k[i]) >>> shift) + 1]++;
        }
    }

    /** Moves blk's events to the front at their groups' next positions (st[g] counts up). */
    private void scatter(KeyBlock blk, int[] st, int shift) {
        long[] k = blk.key;
        Runnable[] a = blk.action;
        KeyBlock fr = front;
        long[] fk = fr.key;
        Runnable[] fa = fr.action;
        for (int i = 0, n = blk.size; i < n; i++) {
            long ki = k[i];
            int p = st[(int) (KeyBlock.offset(ki) >>> shift)]++;
            fk[p] = ki;
            fa[p] = a[i];
        }
    }

    /**
     * Sorts blk[0..n) by time offset, stably; the events are already grouped by offset in order,
     * so each moves at most within its group.
     */
    private static void insertionPass(KeyBlock blk, int n) {
        long[] k = blk.key;
        Runnable[] a = blk.action;
        for (int i = 1; i < n; i++) {
            long ki = k[i];
            long ti = KeyBlock.offset(ki);
            if (ti >= KeyBlock.offset(k[i - 1])) {
                continue;
            }
            Runnable ai = a[i];
            int j = i;
            do {
                k[j] = k[j - 1];
                a[j] = a[j - 1];
                j--;
            } while (j > 0 && KeyBlock.offset(k[j - 1]) > ti);
            k[j] = ki;
            a[j] = ai;
        }
    }

    /** The first set bit of the wheel's bitmap after bucket {@code curCoarse}, circularly. */
    private int nextNonEmptyBucket() {
        int start = (int) (curCoarse + 1) & coarseMask;
        int w = start >>> 6;
        long bits = wheelBits[w] & (-1L << start);
        while (bits == 0) {
            w = (w + 1) & (wheelBits.length - 1);
            bits = wheelBits[w];
        }
        return (w << 6) + Long.numberOfTrailingZeros(bits);
    }

    /**
     * Tunes the wheel to the traffic seen over the last {@value #ADAPT_LOADS} bucket loads.
     * More than {@value #DENSE} events per bucket make the sort leave the caches, and side
     * inserts that move more than 4 events each on average make the side run costly: the width
     * shrinks (with more buckets, to keep the horizon the inserts used). When more than 1
     * insert in 8 misses the wheel, its horizon is too short: more buckets (up to
     * {@value #MAX_COARSE}), else wider ones. Fewer than {@value #SPARSE} events per bucket make
     * its fixed costs count: the width doubles, unless the side run is working hard. A horizon
     * twice as long as any insert reached halves: every bucket's storage is reused sooner, so
     * the appends find it in cache. Called between buckets.
     */
    private void adapt() {
        long avg = loadedEntries / Math.max(1, loads);
        int newShift = coarseShift;
        int newCount = coarseCount;
        if (avg > DENSE && coarseShift > 0) {
            int halvings = Math.min(coarseShift, 63 - Long.numberOfLeadingZeros(avg / TARGET));
            newShift = coarseShift - halvings;
            newCount = wheelSize((maxAhead + 1) << halvings);
        } else if (sideMoves > 4 * sideInserts + 64 && coarseShift > 0) {
            newShift = coarseShift - 1;
            newCount = wheelSize((maxAhead + 1) << 1);
        } else if (farInserts * 8 > inserts) {
            if (coarseCount < MAX_COARSE) {
                newCount = coarseCount * 2;
            } else if (coarseShift < MAX_SHIFT) {
                newShift = coarseShift + 1;
            }
        } else if (avg < SPARSE && sideMoves <= sideInserts && coarseShift < MAX_SHIFT) {
            newShift = coarseShift + 1;
        } else if (farInserts * 64 < inserts && 2 * (maxAhead + 1) <= coarseCount) {
            newCount = wheelSize(maxAhead + 1);
        }
        maxAhead = 0;
        loads = 0;
        loadedEntries = 0;
        inserts = 0;
        farInserts = 0;
        sideInserts = 0;
        sideMoves = 0;
        if (newShift != coarseShift || newCount != coarseCount) {
            refile(newShift, newCount);
        }
    }

    /**
     * Takes every event out of the wheel and the far heap and files it again with bucket width
     * {@code 1 << newShift} and {@code newCount} buckets. Called between buckets (the front and
     * the side run are empty). Ties keep their order: events at one time share an old bucket
     * (taken in order), or some are in the far heap (older, so taken first, in order).
     */
    private void refile(int newShift, int newCount) {
        EventBlock g = gather;
        while (far.size() > 0) {
            g.add(far.peekTime(), far.peekSlot(), far.peekAction());
            far.removeTop();
        }
        for (int w = 0; w < wheelBits.length; w++) {
            for (long bits = wheelBits[w]; bits != 0; bits &= bits - 1) {
                int b = (w << 6) + Long.numberOfTrailingZeros(bits);
                KeyBlock blk = wheel[b];
                long base = (curCoarse + 1 + ((b - (curCoarse + 1)) & coarseMask)) << coarseShift;
                for (int i = 0; i < blk.size; i++) {
                    long k = blk.key[i];
                    g.add(base + KeyBlock.offset(k), KeyBlock.slot(k), blk.action[i]);
                }
                blk.truncate(0);
            }
            wheelBits[w] = 0;
        }
        wheelEntries = 0;
        if (newCount != coarseCount) {
            coarseCount = newCount;
            coarseMask = newCount - 1;
            wheel = blocks(newCount);
            wheelBits = new long[newCount >>> 6];
        }
        coarseShift = newShift;
        long min = lastTime;
        if (g.size > 0) {
            min = Long.MAX_VALUE;
            for (int i = 0; i < g.size; i++) {
                min = Math.min(min, g.time[i]);
            }
        }
        curCoarse = (min >> newShift) - 1;
        for (int i = 0; i < g.size; i++) {
            int s = g.slot[i];
            place(g.time[i], meta[2 * s + 1], s, g.action[i]);
        }
        g.truncate(0);
    }

    /** Drops cancelled entries: the far heap's alone when that suffices, else everywhere. */
    private void compact() {
        // Restarted timers usually sit beyond the wheel: filtering the far heap alone is cheap.
        int dropped = far.dropCancelled(liveBits, usedBits);
        cancelled -= dropped;
        used -= dropped;
        if (cancelled * 2 <= live) {
            return;
        }
        side.truncate(keepLive(side, sideHead, side.size, sideHead));
        dropped = sideHeap.dropCancelled(liveBits, usedBits);
        cancelled -= dropped;
        used -= dropped;
        for (int w = 0; w < wheelBits.length; w++) {
            for (long bits = wheelBits[w]; bits != 0; bits &= bits - 1) {
                int b = (w << 6) + Long.numberOfTrailingZeros(bits);
                KeyBlock blk = wheel[b];
                int n = blk.size;
                int kept = keepLive(blk, 0, n, 0);
                blk.truncate(kept);
                wheelEntries -= n - kept;
                if (kept == 0) {
                    wheelBits[w] &= ~(1L << b);
                }
            }
        }
        front.truncate(keepLive(front, frontHead, front.size, frontHead));
    }

    /**
     * Moves the live entries of blk[from..to) to blk[out..), keeping their order, frees the slots
     * of the cancelled ones, and returns the end of what was kept.
     */
    private int keepLive(EventBlock blk, int from, int to, int out) {
        long[] lb = liveBits;
        for (int i = from; i < to; i++) {
            int s = blk.slot[i];
            if ((lb[s >>> 6] & (1L << s)) == 0) {
                cancelled--;
                release(s);
            } else {
                blk.move(i, out++);
            }
        }
        return out;
    }

    /** {@link #keepLive(EventBlock, int, int, int)} for a block of keys. */
    private int keepLive(KeyBlock blk, int from, int to, int out) {
        long[] lb = liveBits;
        long[] k = blk.key;
        Runnable[] a = blk.action;
        for (int i = from; i < to; i++) {
            int s = KeyBlock.slot(k[i]);
            if ((lb[s >>> 6] & (1L << s)) == 0) {
                cancelled--;
                release(s);
            } else {
                k[out] = k[i];
                a[out] = a[i];
                out++;
            }
        }
        return out;
    }

    /** The next unused slot from the cursor on, circularly; the ring doubles when 3/4 full. */
    private int allocateSlot() {
        int capacity = meta.length >>> 1;
        if (used >= capacity - (capacity >>> 2)) {
            capacity *= 2;
            meta = Arrays.copyOf(meta, 2 * capacity);
            liveBits = Arrays.copyOf(liveBits, capacity >>> 6);
            usedBits = Arrays.copyOf(usedBits, capacity >>> 6);
        }
        long[] ub = usedBits;
        int w = cursor >>> 6;
        long free = ~ub[w] & (-1L << cursor);
        while (free == 0) {
            w = (w + 1) & (ub.length - 1);
            free = ~ub[w];
        }
        int slot = (w << 6) + Long.numberOfTrailingZeros(free);
        ub[w] |= 1L << slot;
        used++;
        cursor = (slot + 1) & (capacity - 1);
        return slot;
    }

    /** Marks the slot of an entry that left the queue as unused. */
    private void release(int slot) {
        usedBits[slot >>> 6] &= ~(1L << slot);
        used--;
    }

    /** The power of two at least {@code n}, within the wheel's bounds. */
    private static int wheelSize(long n) {
        if (n >= MAX_COARSE) {
            return MAX_COARSE;
        }
        return Math.max(MIN_COARSE, Integer.highestOneBit((int) Math.max(1, n) - 1) << 1);
    }

    private static KeyBlock[] blocks(int n) {
        KeyBlock[] b = new KeyBlock[n];
        for (int i = 0; i < n; i++) {
            b[i] = new KeyBlock(16);
        }
        return b;
    }
}
