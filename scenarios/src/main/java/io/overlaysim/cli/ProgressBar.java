package io.overlaysim.cli;

import io.overlaysim.scenario.run.ScenarioRun;
import java.io.PrintWriter;

/**
 * A one-line progress bar on a terminal, in simulated time and packets, drawn only once a run
 * has taken more than a second of wall time (short runs print nothing) and erased at the end.
 * Ours rather than a library's (me.tongfei:progressbar): it needs no terminal library (JLine),
 * no background thread (it is drawn between slices of the run), and it is 60 lines.
 */
final class ProgressBar implements ScenarioRun.Progress {
    private static final long SHOW_AFTER_NANOS = 1_000_000_000L;
    private static final long REDRAW_NANOS = 100_000_000L;
    private static final int WIDTH = 30;

    private final PrintWriter out;
    private final String label;
    private final long started = System.nanoTime();
    private long lastDrawn;
    private boolean drawn;

    ProgressBar(PrintWriter out, String label) {
        this.out = out;
        this.label = label;
    }

    @Override
    public void update(long simNanos, long endNanos, long packets) {
        long now = System.nanoTime();
        if (now - started < SHOW_AFTER_NANOS || now - lastDrawn < REDRAW_NANOS) {
            return;
        }
        lastDrawn = now;
        drawn = true;
        double f = endNanos == 0 ? 1 : Math.min(1, (double) simNanos / endNanos);
        int full = (int) Math.round(f * WIDTH);
        out.print("\r" + label + " [" + "=".repeat(full) + " ".repeat(WIDTH - full) + "] "
                + String.format("%.1f/%.1f s simulated, %d packets", simNanos / 1e9, endNanos / 1e9, packets) + "\033[K");
        out.flush();
    }

    /** Erases the bar, if it was drawn. */
    void clear() {
        if (drawn) {
            out.print("\r\033[K");
            out.flush();
        }
    }
}
