package io.overlaysim.engine;

/**
 * A reusable, cancellable event of one {@link Simulation}: at most one firing is pending at a
 * time, and (re)scheduling it allocates nothing. Made for what protocols call timers: a TCP
 * retransmission timer, a BGP keepalive or hold timer, an ARP retry.
 *
 * <pre>{@code
 * Timer hold = sim.timer(session::holdTimerExpired);
 * hold.scheduleAfter(240_000_000_000L);   // 240 s
 * hold.scheduleAfter(240_000_000_000L);   // a KEEPALIVE arrived: restart (the old firing is cancelled)
 * hold.cancel();
 * }</pre>
 */
public final class Timer {
    private final Simulation sim;
    private final Runnable action;
    private final Runnable fire = this::fire;
    private long event = Simulation.NO_EVENT;
    private long expiry;

    Timer(Simulation sim, Runnable action) {
        this.sim = sim;
        this.action = java.util.Objects.requireNonNull(action, "action");
    }

    /** Fires at the absolute time {@code time}, replacing any pending firing. */
    public void scheduleAt(long time) {
        cancel();
        event = sim.schedule(time, fire);
        expiry = time;
    }

    /** Fires {@code delay} nanoseconds from now, replacing any pending firing. */
    public void scheduleAfter(long delay) {
        cancel();
        event = sim.scheduleAfter(delay, fire);
        expiry = sim.now() + delay;
    }

    /** Cancels the pending firing; false when none was pending. */
    public boolean cancel() {
        long e = event;
        event = Simulation.NO_EVENT;
        return e != Simulation.NO_EVENT && sim.cancel(e);
    }

    /** Whether a firing is pending. */
    public boolean isPending() {
        return event != Simulation.NO_EVENT;
    }

    /**
     * The time of the pending firing.
     *
     * @throws IllegalStateException when the timer is idle
     */
    public long expiry() {
        if (event == Simulation.NO_EVENT) {
            throw new IllegalStateException("the timer is not pending");
        }
        return expiry;
    }

    private void fire() {
        event = Simulation.NO_EVENT;
        action.run();
    }
}
