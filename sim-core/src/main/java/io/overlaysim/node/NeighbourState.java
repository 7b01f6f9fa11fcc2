package io.overlaysim.node;

/** The states of a neighbour entry ({@code NUD_*}), named as {@code ip neigh} prints them. */
public enum NeighbourState {
    INCOMPLETE, REACHABLE, STALE, DELAY, PROBE, FAILED, NOARP, PERMANENT
}
