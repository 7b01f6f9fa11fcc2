package io.overlaysim.engine;

import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.random.RandomGenerator;

/**
 * A discrete-event simulation: a clock in nanoseconds, the pending events, and the seeded random
 * streams of one run. There is no global simulator: components get the {@code Simulation} they
 * belong to, and two simulations in one JVM share nothing.
 *
 * <p>Events run in order of (time, insertion sequence): two events at the same nanosecond run in
 * the order they were scheduled, so a run is a pure function of the scenario and the seed.
 * Scheduling returns an event handle (a {@code long}, allocation-free) for {@link #cancel} and
 * {@link #isPending}; a {@link Timer} is a reusable handle for events that are rescheduled over
 * and over (retransmission, keepalive, hold timers).
 *
 * <pre>{@code
 * Simulation sim = new Simulation(42);
 * long ev = sim.scheduleAfter(1_000_000, () -> System.out.println("1 ms at " + sim.now()));
 * sim.cancel(ev);                       // true: it had not fired
 * sim.scheduleAfter(2_000_000, sim::stop);
 * sim.runUntil(10_000_000_000L);        // RunOutcome.STOPPED, now() == 2_000_000
 * sim.random("link:worker01/enp1s0").nextDouble();
 * }</pre>
 *
 * <p>Not thread-safe: a simulation runs on one thread.
 */
public final class Simulation {
    /** A handle that never names an event; what holders of an optional event store when idle. */
    public static final long NO_EVENT = -1L;

    private final EventQueue queue = new EventQueue();
    private final RandomStreams random;
    private long now;
    private boolean running;
    private boolean stopRequested;
    private long cancelled;

    /** A simulation at time 0 whose random streams derive from {@code seed}. */
    public Simulation(long seed) {
        this.random = new RandomStreams(seed);
    }

    /** The current simulated time in nanoseconds; never decreases. */
    public long now() {
        return now;
    }

    /** The scenario seed the random streams derive from. */
    public long seed() {
        return random.seed();
    }

    /**
     * The random stream of one component, named e.g. {@code "link:worker01/enp1s0"}: the same
     * name gives the same generator object, and its numbers depend only on the seed and the
     * name, not on which other streams exist or in what order they were created.
     */
    public RandomGenerator random(String component) {
        return random.stream(component);
    }

    /** The random streams of this simulation. */
    public RandomStreams randomStreams() {
        return random;
    }

    /**
     * Schedules {@code action} at the absolute time {@code time} and returns its handle. The
     * action object may be shared by many events: the queue stores a reference, nothing else.
     *
     * @throws IllegalArgumentException when {@code time} is before {@link #now()}
     */
    public long schedule(long time, Runnable action) {
        if (time < now) {
            throw new IllegalArgumentException("cannot schedule an event in the past: time "
                    + time + " ns is before now (" + now + " ns)");
        }
        Objects.requireNonNull(action, "action");
        return queue.insert(time, action);
    }

    /**
     * Schedules {@code action} {@code delay} nanoseconds from now and returns its handle.
     *
     * @throws IllegalArgumentException when {@code delay} is negative or now + delay overflows
     */
    public long scheduleAfter(long delay, Runnable action) {
        if (delay < 0) {
            throw new IllegalArgumentException("delay must be >= 0 ns, got " + delay);
        }
        long time = now + delay;
        if (time < now) {
            throw new IllegalArgumentException("delay " + delay + " ns from " + now
                    + " ns overflows the clock");
        }
        return schedule(time, action);
    }

    /** Cancels a pending event; false when the handle's event already fired or was cancelled. */
    public boolean cancel(long event) {
        if (queue.cancel(event)) {
            cancelled++;
            return true;
        }
        return false;
    }

    /** Whether the handle's event is still to run. */
    public boolean isPending(long event) {
        return queue.isPending(event);
    }

    /**
     * The time a pending event is due.
     *
     * @throws IllegalStateException when the event is not pending
     */
    public long timeOf(long event) {
        if (!queue.isPending(event)) {
            throw new IllegalStateException("event " + Long.toHexString(event) + " is not pending");
        }
        return queue.timeOf(event);
    }

    /** A new, idle timer that runs {@code action} whenever it fires. */
    public Timer timer(Runnable action) {
        return new Timer(this, action);
    }

    /**
     * Runs every event due at or before {@code time}, then sets the clock to {@code time}.
     * Returns {@link RunOutcome#STOPPED} when an event called {@link #stop()} (the clock then
     * stays at that event's time), else {@link RunOutcome#TIME_REACHED}.
     */
    public RunOutcome runUntil(long time) {
        if (time < now) {
            throw new IllegalArgumentException("cannot run until " + time
                    + " ns: the clock is already at " + now + " ns");
        }
        enter();
        try {
            while (dispatchNext(time)) {
                if (stopRequested) {
                    return RunOutcome.STOPPED;
                }
            }
            now = time;
            return RunOutcome.TIME_REACHED;
        } finally {
            running = false;
        }
    }

    /** Runs until no event is pending ({@link RunOutcome#IDLE}) or one calls {@link #stop()}. */
    public RunOutcome runUntilIdle() {
        enter();
        try {
            while (dispatchNext(Long.MAX_VALUE)) {
                if (stopRequested) {
                    return RunOutcome.STOPPED;
                }
            }
            return RunOutcome.IDLE;
        } finally {
            running = false;
        }
    }

    /**
     * Runs until {@code condition} holds, checked before the first event and after each one.
     * Returns {@link RunOutcome#CONDITION_MET}, or {@link RunOutcome#IDLE} when the events run
     * out first, or {@link RunOutcome#STOPPED}.
     */
    public RunOutcome runUntil(BooleanSupplier condition) {
        Objects.requireNonNull(condition, "condition");
        enter();
        try {
            if (condition.getAsBoolean()) {
                return RunOutcome.CONDITION_MET;
            }
            while (dispatchNext(Long.MAX_VALUE)) {
                if (stopRequested) {
                    return RunOutcome.STOPPED;
                }
                if (condition.getAsBoolean()) {
                    return RunOutcome.CONDITION_MET;
                }
            }
            return RunOutcome.IDLE;
        } finally {
            running = false;
        }
    }

    /**
     * Asks the running {@code run*} call to return after the event being dispatched; pending
     * events stay pending, and a later run resumes with them. Outside a run, it does nothing.
     */
    public void stop() {
        if (running) {
            stopRequested = true;
        }
    }

    /** Whether a {@code run*} call is in progress (true inside an event). */
    public boolean isRunning() {
        return running;
    }

    /** The number of events scheduled and neither run nor cancelled yet. */
    public int pendingEvents() {
        return queue.liveCount();
    }

    /** Event counts since the simulation was created. */
    public EngineStatistics statistics() {
        // Every event scheduled has run, been cancelled, or is pending: the queue counts the
        // inserts and the peak, so the hot path keeps no counters of its own.
        long scheduled = queue.insertedCount();
        int pending = queue.liveCount();
        return new EngineStatistics(scheduled, scheduled - cancelled - pending, cancelled, pending, queue.peakLiveCount());
    }

    private void enter() {
        if (running) {
            throw new IllegalStateException("the simulation is already running: a run* method"
                    + " was called from inside an event (use stop() or schedule instead)");
        }
        running = true;
        stopRequested = false;
    }

    /** Runs the next event if it is due at or before {@code limit}; whether there was one. */
    private boolean dispatchNext(long limit) {
        Runnable action = queue.poll(limit);
        if (action == null) {
            return false;
        }
        // Time never goes backwards: schedule() refuses times before now, so the next event is
        // at now or later.
        now = queue.lastTime();
        action.run();
        return true;
    }
}
