package io.overlaysim.transport;

/** Why a connection ended abnormally, as the socket error the kernel would report. */
public enum TcpFailure {
    /** A RST answered our SYN: nobody listens there ({@code ECONNREFUSED}). */
    REFUSED,
    /** The peer reset an established connection ({@code ECONNRESET}). */
    RESET,
    /**
     * Retransmissions ran out ({@code ETIMEDOUT}): tcp_syn_retries for a SYN, tcp_retries2
     * for data and FIN, as {@code tcp_write_timeout} decides.
     */
    TIMED_OUT,
    /** connect found no route to the peer ({@code ENETUNREACH}); reported right after connect. */
    UNREACHABLE
}
