package io.overlaysim.transport;

/**
 * What became of a segment handed to {@link TcpStack#receive}: the IP layer turns it into the
 * packet ledger's outcome (delivered, or dropped with a reason).
 */
public enum TcpReceiveOutcome {
    /** A connection or listener took the segment (even if it only answered it with an ACK). */
    DELIVERED,
    /** The checksum over the pseudo-header was wrong ({@code TCP_MIB_CSUMERRORS}); dropped. */
    BAD_CHECKSUM,
    /** Shorter than a header or a bad data offset; dropped. */
    MALFORMED,
    /** No socket matched; answered with a RST unless the segment was itself a RST. */
    NO_SOCKET
}
