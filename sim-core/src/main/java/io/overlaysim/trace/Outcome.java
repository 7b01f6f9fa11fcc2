package io.overlaysim.trace;

/** How a packet's walk ended, with the stable names of {@code trace --json}. */
public enum Outcome {
    /** Reached a socket, an application or the ARP table. */
    DELIVERED("delivered"),
    /** Dropped, and the node that dropped it sent an ICMP error back. */
    ICMP_ERROR("icmp-error"),
    /** Dropped silently (a blackhole, a full queue, a lost frame). */
    DROPPED("dropped"),
    /** Turned into other packets: fragments, a reassembled datagram. */
    CONSUMED("consumed"),
    /** Still queued, on a wire, waiting for ARP or reassembly when the run stopped. */
    IN_FLIGHT("in-flight");

    private final String label;

    Outcome(String label) {
        this.label = label;
    }

    /** The stable name, e.g. {@code icmp-error}. */
    public String label() {
        return label;
    }

    @Override
    public String toString() {
        return label;
    }
}
