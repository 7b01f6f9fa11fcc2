package io.overlaysim.mtu;

import io.overlaysim.report.mtu.Encapsulation;

/**
 * Runs one sweep cell for one encapsulation. One runner per encapsulation plugs in here; all
 * three ({@code none}, {@code ipip}, {@code vxlan}) are simulated on the node stack and its tunnel
 * devices by {@link SimulatedCellRunner}. {@link NotSimulatedRunner} stands in for anything that
 * cannot be simulated, and says so in every cell, never with the theory in place of a measurement.
 */
public interface CellRunner {

    /** Simulates the cell (a fresh, seeded simulation each time: cells are independent). */
    CellResult run(SweepCell cell);

    /**
     * A bulk TCP transfer on the cell's cluster (its size and DF unused), or null when this
     * runner does not simulate.
     */
    default TcpBulk tcpBulk(SweepCell cell) {
        return null;
    }

    /** Whether this runner simulates (false: every result is {@link CellResult.Outcome#NOT_SIMULATED}). */
    boolean simulates();

    /** The runner for an encapsulation. */
    static CellRunner forEncapsulation(Encapsulation e) {
        return new SimulatedCellRunner();
    }

    /** A runner that simulates nothing and says why in every cell. */
    record NotSimulatedRunner(String why) implements CellRunner {
        @Override
        public CellResult run(SweepCell cell) {
            return CellResult.notSimulated(cell, why);
        }

        @Override
        public boolean simulates() {
            return false;
        }
    }
}
