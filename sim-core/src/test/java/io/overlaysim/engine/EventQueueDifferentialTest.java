package io.overlaysim.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Objects;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The bucketed {@link EventQueue} against the engine's previous heap ({@link HeapEventQueue}):
 * random schedule / cancel / poll-with-limit sequences under the time distributions simulations
 * produce must give the same events in the same order, with the same times and counts.
 */
class EventQueueDifferentialTest {

    /** An action that knows its sequence number, so the test can see which event came out. */
    private record Tagged(long seq) implements Runnable {
        @Override
        public void run() {}
    }

    @Test
    void holdModelWithUniformDelays() {
        Shifts s = run(1, 20_000, 300_000, (r, now) -> now + r.nextLong(1_000_000));
        // 20 k events over 1 ms: buckets of 1 µs held ~20 distinct times, so they narrowed.
        assertThat(s.min()).isLessThan(8);
    }

    @Test
    void fixedLinkDelaysMakeManyTies() {
        long[] delays = {0, 0, 1_000, 1_000, 1_000, 50_000, 120_000, 10_000_000};
        run(2, 20_000, 300_000, (r, now) -> now + delays[r.nextInt(delays.length)]);
    }

    /**
     * The benchmark's FIXED workload: everything starts at five instants, and each event's
     * successor lands 1 to 250 µs later, mostly inside the bucket being dispatched, in no
     * order: the side run and the side heap share the work, and ties stay in order.
     */
    @Test
    void fiveLinkDelaysFromFiveInstants() {
        long[] delays = {1_000, 5_000, 20_000, 100_000, 250_000};
        run(6, 30_000, 300_000, (r, now) -> now + delays[r.nextInt(delays.length)]);
    }

    @Test
    void farTimersAmongShortDelays() {
        run(3, 5_000, 300_000, (r, now) -> switch (r.nextInt(20)) {
            case 0 -> now + 240_000_000_000L;                      // BGP hold timer
            case 1 -> now + 200_000_000L + r.nextLong(1_000_000);  // TCP RTO
            default -> now + r.nextLong(100_000);
        });
    }

    @Test
    void burstsAtOneInstantAndSparseGaps() {
        run(4, 2_000, 300_000, (r, now) -> r.nextInt(50) == 0
                ? now + (1L << r.nextInt(40))                       // anything from 1 ns to 18 min
                : (now / 1_000_000 + 1) * 1_000_000);               // the next millisecond tick
    }

    @Test
    void widelySpreadTimesMakeTheBucketWidthAdaptBothWays() {
        long[] calls = {0};
        Shifts s = run(5, 10_000, 300_000, (r, now) -> now + (calls[0]++ < 150_000
                ? r.nextLong(2_000)            // a dense era: 10 k events within 2 µs
                : r.nextLong(1L << 34)));      // then a sparse one: within 17 s
        assertThat(s.min()).isLessThan(10);
        assertThat(s.max()).isGreaterThan(10);
    }

    @Test
    void smallQueuesAndManyCancellations() {
        for (long seed = 10; seed < 30; seed++) {
            long spread = 1L << (seed % 40);
            run(seed, 50, 20_000, (r, now) -> now + r.nextLong(spread + 1));
        }
    }

    /**
     * Timers restarted over and over with nothing dispatched (a TCP retransmission timer on
     * every ACK): the cancelled entries must be compacted away, and the order stay right.
     */
    @Test
    void restartedTimersAreCompactedAndStillOrdered() {
        SplittableRandom r = new SplittableRandom(7);
        EventQueue q = new EventQueue();
        HeapEventQueue ref = new HeapEventQueue();
        int timers = 3_000;
        long[] h = new long[timers];
        long[] refH = new long[timers];
        long seq = 0;
        long now = 0;
        for (int i = 0; i < timers; i++) {
            long t = 200_000_000L + r.nextLong(1_000_000);
            h[i] = q.insert(t, new Tagged(seq));
            refH[i] = ref.insert(t, new Tagged(seq++));
        }
        for (int step = 0; step < 200_000; step++) {
            int i = r.nextInt(timers);
            assertThat(q.cancel(h[i])).isEqualTo(ref.cancel(refH[i]));
            long t = now + (r.nextInt(4) == 0 ? 1_000 : 200_000_000L) + r.nextLong(1_000_000);
            h[i] = q.insert(t, new Tagged(seq));
            refH[i] = ref.insert(t, new Tagged(seq++));
            if (step % 97 == 0) {
                Runnable a = q.poll(now + 500_000);
                Runnable b = ref.poll(now + 500_000);
                if (!Objects.equals(a, b)) {
                    assertThat(a).as("step %d", step).isEqualTo(b);
                }
                now = a == null ? now + 500_000 : q.lastTime();
            }
            if (q.storedCount() > 2 * q.liveCount() + 1_024) {
                assertThat(q.storedCount()).as("entries held at step %d", step)
                        .isLessThanOrEqualTo(2 * q.liveCount() + 1_024);
            }
        }
        for (Runnable a = q.poll(Long.MAX_VALUE); a != null; a = q.poll(Long.MAX_VALUE)) {
            assertThat(a).isEqualTo(ref.poll(Long.MAX_VALUE));
        }
        assertThat(ref.poll(Long.MAX_VALUE)).isNull();
    }

    private interface TimeSource {
        long next(SplittableRandom r, long now);
    }

    /**
     * Fills both queues to about {@code pending} events, then runs {@code steps} random
     * operations: mostly a poll whose event schedules a successor, plus extra inserts, cancels
     * of random earlier handles (a third of them stale) and polls with a limit that may stop
     * short.
     */
    /** The bucket widths (log2, ns) the queue went through during a run. */
    private record Shifts(int min, int max) {}

    private static Shifts run(long seed, int pending, int steps, TimeSource times) {
        int minShift = Integer.MAX_VALUE;
        int maxShift = Integer.MIN_VALUE;
        SplittableRandom r = new SplittableRandom(seed);
        EventQueue q = new EventQueue();
        HeapEventQueue ref = new HeapEventQueue();
        long[] handles = new long[1 << 16];
        long[] refHandles = new long[1 << 16];
        long seq = 0;
        long now = 0;
        for (int i = 0; i < pending; i++) {
            long t = times.next(r, now);
            handles[(int) seq & 0xFFFF] = q.insert(t, new Tagged(seq));
            refHandles[(int) seq & 0xFFFF] = ref.insert(t, new Tagged(seq));
            seq++;
        }
        for (int step = 0; step < steps; step++) {
            int op = r.nextInt(100);
            if (op < 10) {
                long t = times.next(r, now);
                handles[(int) seq & 0xFFFF] = q.insert(t, new Tagged(seq));
                refHandles[(int) seq & 0xFFFF] = ref.insert(t, new Tagged(seq));
                seq++;
            } else if (op < 25 && seq > 0) {
                int i = (int) (seq - 1 - r.nextLong(Math.min(seq, 1 << 16))) & 0xFFFF;
                assertThat(q.isPending(handles[i])).isEqualTo(ref.isPending(refHandles[i]));
                if (ref.isPending(refHandles[i])) {
                    assertThat(q.timeOf(handles[i])).isEqualTo(ref.timeOf(refHandles[i]));
                }
                assertThat(q.cancel(handles[i])).isEqualTo(ref.cancel(refHandles[i]));
            } else {
                long limit = op < 30 ? now + r.nextLong(1_000_000) : Long.MAX_VALUE;
                Runnable a = q.poll(limit);
                Runnable b = ref.poll(limit);
                if (!Objects.equals(a, b)) {   // AssertJ only on a difference: it is slow per step
                    assertThat(a).as("step %d", step).isEqualTo(b);
                }
                if (a != null) {
                    if (q.lastTime() != ref.lastTime()) {
                        assertThat(q.lastTime()).as("step %d", step).isEqualTo(ref.lastTime());
                    }
                    now = q.lastTime();
                    long t = times.next(r, now);
                    handles[(int) seq & 0xFFFF] = q.insert(t, new Tagged(seq));
                    refHandles[(int) seq & 0xFFFF] = ref.insert(t, new Tagged(seq));
                    seq++;
                } else if (limit != Long.MAX_VALUE) {
                    now = limit;   // what runUntil(limit) does to the clock
                }
            }
            if (q.liveCount() != ref.liveCount()) {
                assertThat(q.liveCount()).as("step %d", step).isEqualTo(ref.liveCount());
            }
            minShift = Math.min(minShift, q.bucketShift());
            maxShift = Math.max(maxShift, q.bucketShift());
        }
        while (true) {
            Runnable a = q.poll(Long.MAX_VALUE);
            Runnable b = ref.poll(Long.MAX_VALUE);
            if (!Objects.equals(a, b)) {
                assertThat(a).isEqualTo(b);
            }
            if (a == null) {
                break;
            }
        }
        assertThat(q.liveCount()).isZero();
        return new Shifts(minShift, maxShift);
    }
}
