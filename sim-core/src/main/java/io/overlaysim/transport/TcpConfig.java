package io.overlaysim.transport;

/**
 * The tunables of a {@link TcpStack}, with Linux's defaults in {@link #LINUX}. Times are in
 * nanoseconds.
 *
 * @param rtoMin           lower bound of the RTO's variance term, {@code TCP_RTO_MIN} (200 ms)
 * @param rtoInitial       RTO before any RTT sample, {@code TCP_TIMEOUT_INIT} (1 s, RFC 6298)
 * @param rtoMax           upper bound of the backed-off RTO, {@code TCP_RTO_MAX} (120 s)
 * @param synRetries       {@code net.ipv4.tcp_syn_retries} (6: connect gives up after 127 s)
 * @param synAckRetries    {@code net.ipv4.tcp_synack_retries} (5)
 * @param retries2         {@code net.ipv4.tcp_retries2} (15: about 924.6 s with RTO_MIN base)
 * @param timeWait         {@code TCP_TIMEWAIT_LEN} (60 s)
 * @param delayedAcks      whether ACKs of data may be delayed (Linux: yes, after quick-ack)
 * @param delayedAckTimeout the delayed-ACK timer, {@code TCP_DELACK_MIN} (40 ms)
 * @param quickAcks        segments ACKed at once at the start ({@code TCP_MAX_QUICKACKS}, 16)
 * @param receiveBuffer    receive buffer in bytes; the advertised window never exceeds it nor
 *                         65535 (no window scaling)
 * @param initialCwnd      initial congestion window in segments ({@code TCP_INIT_CWND}, 10)
 * @param backlog          connections a listener may hold in SYN-RECV ({@code somaxconn} 4096)
 */
public record TcpConfig(long rtoMin, long rtoInitial, long rtoMax, int synRetries, int synAckRetries,
                        int retries2, long timeWait, boolean delayedAcks, long delayedAckTimeout,
                        int quickAcks, int receiveBuffer, int initialCwnd, int backlog) {
    private static final long MS = 1_000_000L;

    /** Linux's defaults (6.x). */
    public static final TcpConfig LINUX = new TcpConfig(200 * MS, 1000 * MS, 120_000 * MS, 6, 5, 15,
            60_000 * MS, true, 40 * MS, 16, 65535, 10, 4096);

    public TcpConfig {
        if (rtoMin <= 0 || rtoInitial <= 0 || rtoMax < rtoMin || timeWait < 0 || delayedAckTimeout <= 0) {
            throw new IllegalArgumentException("TCP timers must be positive (rtoMin " + rtoMin
                    + ", rtoInitial " + rtoInitial + ", rtoMax " + rtoMax + ")");
        }
        if (synRetries < 0 || synAckRetries < 0 || retries2 < 0 || quickAcks < 0 || initialCwnd < 1
                || receiveBuffer < 1 || backlog < 1) {
            throw new IllegalArgumentException("TCP counts out of range: synRetries " + synRetries
                    + ", retries2 " + retries2 + ", receiveBuffer " + receiveBuffer + ", initialCwnd " + initialCwnd);
        }
    }

    /** This configuration with delayed ACKs on or off. */
    public TcpConfig withDelayedAcks(boolean on) {
        return new TcpConfig(rtoMin, rtoInitial, rtoMax, synRetries, synAckRetries, retries2, timeWait, on,
                delayedAckTimeout, quickAcks, receiveBuffer, initialCwnd, backlog);
    }

    /** This configuration with another receive buffer. */
    public TcpConfig withReceiveBuffer(int bytes) {
        return new TcpConfig(rtoMin, rtoInitial, rtoMax, synRetries, synAckRetries, retries2, timeWait,
                delayedAcks, delayedAckTimeout, quickAcks, bytes, initialCwnd, backlog);
    }

    /** This configuration with other retry limits. */
    public TcpConfig withRetries(int synRetries, int retries2) {
        return new TcpConfig(rtoMin, rtoInitial, rtoMax, synRetries, synAckRetries, retries2, timeWait,
                delayedAcks, delayedAckTimeout, quickAcks, receiveBuffer, initialCwnd, backlog);
    }

    /**
     * How long retransmissions may go on before {@code tcp_write_timeout} gives up, as the
     * kernel's {@code tcp_model_timeout}: the time {@code boundary} exponentially backed-off
     * retransmissions starting at {@code rtoBase} would take, with the backoff capped at
     * {@link #rtoMax}. For boundary 15 and 200 ms: 1023 × 0.2 s + 6 × 120 s = 924.6 s; for
     * SYNs (boundary 6, 1 s): 127 s.
     */
    public long modelTimeout(int boundary, long rtoBase) {
        int thresh = 63 - Long.numberOfLeadingZeros(rtoMax / rtoBase); // ilog2
        if (boundary <= thresh) {
            return ((2L << boundary) - 1) * rtoBase;
        }
        return ((2L << thresh) - 1) * rtoBase + (boundary - thresh) * rtoMax;
    }
}
