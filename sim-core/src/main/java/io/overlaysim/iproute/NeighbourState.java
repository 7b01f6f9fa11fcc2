package io.overlaysim.iproute;

/** A neighbour cache entry state ({@code NUD_*} in the kernel's {@code include/net/neighbour.h}). */
public enum NeighbourState {
    INCOMPLETE, REACHABLE, STALE, DELAY, PROBE, FAILED, NOARP, PERMANENT, NONE;

    /** Whether the kernel will send to the entry's address without resolving it first. */
    public boolean isUsable() {
        return switch (this) {
            case REACHABLE, STALE, DELAY, PROBE, NOARP, PERMANENT -> true;
            case INCOMPLETE, FAILED, NONE -> false;
        };
    }
}
