package io.overlaysim.engine;

import static org.assertj.core.api.Assertions.assertThat;

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
        run(1, 20_000, 400_000, (r, now) -> now + r.nextLong(1_000_000));
    }

    @Test
    void fixedLinkDelaysMakeManyTies() {
        long[] delays = {0, 0, 1_000, 1_000, 1_000, 50_000, 120_000, 10_000_000};
        run(2, 20_000, 400_000, (r, now) -> now + delays[r.nextInt(delays.length)]);
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
        run(5, 10_000, 300_000, (r, now) -> {
            int phase = (int) (now >>> 33) & 1;   // alternate dense and sparse eras
            return now + (phase == 0 ? r.nextLong(2_000) : r.nextLong(1L << 34));
        });
    }

    @Test
    void smallQueuesAndManyCancellations() {
        for (long seed = 10; seed < 30; seed++) {
            long spread = 1L << (seed % 40);
            run(seed, 50, 20_000, (r, now) -> now + r.nextLong(spread + 1));
        }
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
    private static void run(long seed, int pending, int steps, TimeSource times) {
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
                assertThat(a).as("step %d", step).isEqualTo(b);
                if (a != null) {
                    assertThat(q.lastTime()).isEqualTo(ref.lastTime());
                    now = q.lastTime();
                    long t = times.next(r, now);
                    handles[(int) seq & 0xFFFF] = q.insert(t, new Tagged(seq));
                    refHandles[(int) seq & 0xFFFF] = ref.insert(t, new Tagged(seq));
                    seq++;
                } else if (limit != Long.MAX_VALUE) {
                    now = limit;   // what runUntil(limit) does to the clock
                }
            }
            assertThat(q.liveCount()).isEqualTo(ref.liveCount());
        }
        while (true) {
            Runnable a = q.poll(Long.MAX_VALUE);
            assertThat(a).isEqualTo(ref.poll(Long.MAX_VALUE));
            if (a == null) {
                break;
            }
        }
        assertThat(q.liveCount()).isZero();
    }
}
