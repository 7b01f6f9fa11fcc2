package io.overlaysim.engine;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.SplittableRandom;

/**
 * A plain main (not a test) that runs the hold model through a {@link Simulation}, then on the
 * bare {@link EventQueue} and on the reference {@link HeapEventQueue}, and reports events per second of thread CPU time, the best
 * of several rounds: on a machine shared with other jobs, CPU time is less disturbed than wall
 * time, and the best round the least. The JMH benchmark in {@code bench} is the official figure.
 *
 * <pre>
 * java -cp sim-core/target/classes:sim-core/target/test-classes \
 *     io.overlaysim.engine.EventQueueCpuTime 100000 UNIFORM 2000000 20
 * </pre>
 *
 * Arguments: pending events, delays ({@code UNIFORM} 0..1 ms or {@code FIXED}: 1, 5, 20, 100,
 * 250 µs), events per round, rounds.
 */
final class EventQueueCpuTime {
    private static final int DELAYS = 1 << 16;
    private static final Runnable NOTHING = () -> { };

    private final long[] delays = new long[DELAYS];
    private int next;

    private EventQueueCpuTime(boolean fixed) {
        SplittableRandom r = new SplittableRandom(1);
        long[] links = {1_000, 5_000, 20_000, 100_000, 250_000};
        for (int i = 0; i < DELAYS; i++) {
            delays[i] = fixed ? links[r.nextInt(links.length)] : r.nextLong(1_000_000);
        }
    }

    private void holdBuckets(EventQueue q, int n) {
        for (int i = 0; i < n; i++) {
            Runnable a = q.poll(Long.MAX_VALUE);
            q.insert(q.lastTime() + delays[next++ & (DELAYS - 1)], a);
        }
    }

    private void holdHeap(HeapEventQueue q, int n) {
        for (int i = 0; i < n; i++) {
            Runnable a = q.poll(Long.MAX_VALUE);
            q.insert(q.lastTime() + delays[next++ & (DELAYS - 1)], a);
        }
    }

    /** The hold model through {@link Simulation}, as {@code EngineBenchmark} runs it. */
    private static double simulation(int pending, boolean fixed, int events, int rounds) {
        EventQueueCpuTime h = new EventQueueCpuTime(fixed);
        Simulation sim = new Simulation(1);
        int[] budget = {0};
        Runnable[] hold = new Runnable[1];
        hold[0] = () -> {
            sim.scheduleAfter(h.delays[h.next++ & (DELAYS - 1)], hold[0]);
            if (--budget[0] == 0) {
                sim.stop();
            }
        };
        for (int i = 0; i < pending; i++) {
            sim.schedule(h.delays[i & (DELAYS - 1)], hold[0]);
        }
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        double best = 0;
        for (int round = 0; round < rounds; round++) {
            long c0 = mx.getCurrentThreadCpuTime();
            for (int done = 0; done < events; done += 100_000) {
                budget[0] = 100_000;
                sim.runUntilIdle();
            }
            best = Math.max(best, events * 1e3 / (mx.getCurrentThreadCpuTime() - c0));
        }
        return best;
    }

    public static void main(String[] args) {
        int pending = Integer.parseInt(args[0]);
        boolean fixed = args[1].equals("FIXED");
        int events = Integer.parseInt(args[2]);
        int rounds = Integer.parseInt(args[3]);
        System.out.printf("%-14s pending=%d delays=%s: best %.1f M events/s of CPU time%n",
                "Simulation", pending, args[1], simulation(pending, fixed, events, rounds));
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        for (String kind : new String[] {"EventQueue", "HeapEventQueue"}) {
            EventQueueCpuTime h = new EventQueueCpuTime(fixed);
            EventQueue buckets = new EventQueue();
            HeapEventQueue heap = new HeapEventQueue();
            for (int i = 0; i < pending; i++) {
                long t = h.delays[i & (DELAYS - 1)];
                if (kind.equals("EventQueue")) {
                    buckets.insert(t, NOTHING);
                } else {
                    heap.insert(t, NOTHING);
                }
            }
            double best = 0;
            for (int round = 0; round < rounds; round++) {
                long c0 = mx.getCurrentThreadCpuTime();
                for (int done = 0; done < events; done += 1_000) {
                    if (kind.equals("EventQueue")) {
                        h.holdBuckets(buckets, 1_000);
                    } else {
                        h.holdHeap(heap, 1_000);
                    }
                }
                best = Math.max(best, events * 1e3 / (mx.getCurrentThreadCpuTime() - c0));
            }
            System.out.printf("%-14s pending=%d delays=%s: best %.1f M events/s of CPU time%n",
                    kind, pending, args[1], best);
        }
    }
}
