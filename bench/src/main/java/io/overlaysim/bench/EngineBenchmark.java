package io.overlaysim.bench;

import io.overlaysim.engine.RunOutcome;
import io.overlaysim.engine.Simulation;
import io.overlaysim.engine.Timer;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The event engine under the classic "hold" model: with {@code pending} events waiting, each
 * operation dispatches the earliest event, whose action schedules one new event a random delay
 * (0..1 ms, or one of a few fixed link delays) ahead. One operation = one schedule + one
 * dispatch; the queue size stays constant.
 * Goal: at least 25 M ops/s on one core with 100 k pending (ns-3's default scheduler: ~1 M).
 *
 * <pre>
 * java -jar bench/target/benchmarks.jar EngineBenchmark -prof gc
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class EngineBenchmark {
    static final int BATCH = 100_000;
    private static final int DELAYS = 1 << 16;

    @Param("100000")
    int pending;

    /**
     * The delay each event's action schedules its successor with: {@code UNIFORM}, uniform in
     * 0..1 ms (the classic hold model, almost no ties); {@code FIXED}, one of five fixed link
     * delays (1, 5, 20, 100, 250 µs), so events pile up at identical times as they do behind
     * links with a constant delay.
     */
    @Param({"UNIFORM", "FIXED"})
    String delay;

    private Simulation sim;
    private final long[] delays = new long[DELAYS];
    private int next;
    private int budget;
    private Timer[] timers;

    /** The shared, reusable action of every event: reschedule one, stop at the end of a batch. */
    private final Runnable hold = this::hold;

    @Setup(Level.Trial)
    public void setUp() {
        sim = new Simulation(1);
        SplittableRandom r = new SplittableRandom(1);
        long[] fixed = {1_000, 5_000, 20_000, 100_000, 250_000};
        for (int i = 0; i < DELAYS; i++) {
            delays[i] = delay.equals("FIXED") ? fixed[r.nextInt(fixed.length)] : r.nextLong(1_000_000);
        }
        for (int i = 0; i < pending; i++) {
            sim.schedule(delays[i & (DELAYS - 1)], hold);
        }
        timers = new Timer[1024];
        for (int i = 0; i < timers.length; i++) {
            timers[i] = sim.timer(() -> { });
        }
    }

    private void hold() {
        sim.scheduleAfter(delays[next++ & (DELAYS - 1)], hold);
        if (--budget == 0) {
            sim.stop();
        }
    }

    /** Schedule + dispatch with {@code pending} events waiting. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public RunOutcome scheduleAndDispatch() {
        budget = BATCH;
        return sim.runUntilIdle();
    }

    /**
     * Restarting a timer (cancel the pending firing, schedule a new one) with {@code pending}
     * other events waiting: what every received TCP segment or BGP KEEPALIVE does.
     */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int timerRestart() {
        Timer[] t = timers;
        for (int i = 0; i < BATCH; i++) {
            t[i & (t.length - 1)].scheduleAfter(10_000_000 + delays[i & (DELAYS - 1)]);
        }
        return sim.pendingEvents();
    }
}
