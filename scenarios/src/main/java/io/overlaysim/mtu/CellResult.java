package io.overlaysim.mtu;

import java.util.List;

/**
 * What happened to one cell's datagram in the simulation.
 *
 * @param cell the cell
 * @param outcome delivered whole, fragmented, segmented by TCP, refused, lost silently, lost, or not simulated
 * @param fragments how many packets the datagram crossed as (1 when whole, TCP's segments when
 *     segmented, 0 when not delivered)
 * @param where where it was fragmented, refused or lost ({@code worker01/enp1s0 (mtu 1400)}), or empty
 * @param mtu the MTU the refusal named (frag-needed's next-hop MTU, or the local MTU), 0 when none
 * @param convergenceNanos for a DF datagram too large for the path: time until the sender learned
 *     the path MTU (0 when its own interface refused it), -1 when it never did; -1 otherwise too
 * @param wireBytes bytes on the underlay for the datagram, Ethernet on the line (preamble, FCS,
 *     gap, padding) and encapsulation included
 * @param payloadBytes application bytes delivered (0 when not delivered)
 * @param notes what the simulation saw that a reader needs (the ping lines, a dropped ICMP error)
 */
public record CellResult(SweepCell cell, Outcome outcome, int fragments, String where, int mtu, long convergenceNanos,
                         long wireBytes, long payloadBytes, List<String> notes) {
    public CellResult {
        notes = List.copyOf(notes);
    }

    /** What happened to a datagram. */
    public enum Outcome {
        DELIVERED("delivered whole"),
        FRAGMENTED("fragmented"),
        /** Sent by TCP as several segments of at most the MSS, each whole (TCP never relies on fragments). */
        SEGMENTED("segmented by TCP"),
        REFUSED("refused with frag-needed"),
        BLACK_HOLE("lost silently (PMTUD black hole)"),
        LOST("lost"),
        NOT_SIMULATED("not simulated yet");

        private final String text;

        Outcome(String text) {
            this.text = text;
        }

        /** The words the report uses. */
        public String text() {
            return text;
        }

        public boolean delivered() {
            return this == DELIVERED || this == FRAGMENTED || this == SEGMENTED;
        }
    }

    /** A cell no runner can simulate yet, saying why. */
    public static CellResult notSimulated(SweepCell cell, String why) {
        return new CellResult(cell, Outcome.NOT_SIMULATED, 0, "", 0, -1, 0, 0, List.of(why));
    }

    public boolean simulated() {
        return outcome != Outcome.NOT_SIMULATED;
    }

    /** Payload bytes per byte on the line, 0 when nothing was delivered. */
    public double efficiency() {
        return wireBytes == 0 ? 0 : (double) payloadBytes / wireBytes;
    }
}
