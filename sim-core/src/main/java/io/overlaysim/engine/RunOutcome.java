package io.overlaysim.engine;

/** Why a {@code Simulation.run*} call returned. */
public enum RunOutcome {
    /** No event was pending any more. */
    IDLE,
    /** The clock reached the time given to {@code runUntil(long)}. */
    TIME_REACHED,
    /** The condition given to {@code runUntil(BooleanSupplier)} held. */
    CONDITION_MET,
    /** An event called {@code Simulation.stop()}. */
    STOPPED
}
