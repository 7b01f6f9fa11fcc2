package io.overlaysim.transport;

/**
 * The states of a TCP connection (RFC 9293 section 3.3.2), named as {@code ss} prints them
 * (ESTAB, SYN-SENT, ...) by {@link #ssName()}. LISTEN belongs to a {@link TcpListener}, never
 * to a connection.
 */
public enum TcpState {
    CLOSED("UNCONN"),
    SYN_SENT("SYN-SENT"),
    SYN_RECEIVED("SYN-RECV"),
    ESTABLISHED("ESTAB"),
    FIN_WAIT_1("FIN-WAIT-1"),
    FIN_WAIT_2("FIN-WAIT-2"),
    CLOSE_WAIT("CLOSE-WAIT"),
    CLOSING("CLOSING"),
    LAST_ACK("LAST-ACK"),
    TIME_WAIT("TIME-WAIT");

    private final String ssName;

    TcpState(String ssName) {
        this.ssName = ssName;
    }

    /** The state as {@code ss -t} shows it. */
    public String ssName() {
        return ssName;
    }

    /** Whether the handshake is complete (RFC 9293: a synchronized state). */
    public boolean isSynchronized() {
        return this != CLOSED && this != SYN_SENT && this != SYN_RECEIVED;
    }

    /** Whether the peer may still send data: our receive side is open. */
    boolean receivesData() {
        return this == ESTABLISHED || this == FIN_WAIT_1 || this == FIN_WAIT_2;
    }
}
