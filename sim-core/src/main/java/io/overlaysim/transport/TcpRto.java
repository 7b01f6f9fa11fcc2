package io.overlaysim.transport;

/**
 * The retransmission timeout of one connection (RFC 6298), computed as Linux does
 * ({@code tcp_rtt_estimator}, {@code __tcp_set_rto}): SRTT and RTTVAR from RTT samples with
 * gains 1/8 and 1/4, and RTO = SRTT + max(4·RTTVAR, TCP_RTO_MIN), so the 200 ms floor applies to
 * the variance term (RFC 6298's rule 2.4 floors the whole RTO at 1 s instead). Each timeout
 * doubles the RTO up to TCP_RTO_MAX; it stays backed off until a fresh sample (RFC 6298 5.7).
 */
final class TcpRto {
    private final TcpConfig config;
    private long srtt;
    private long rttvar;
    private long rto;

    TcpRto(TcpConfig config) {
        this.config = config;
        this.rto = config.rtoInitial();
    }

    /** Takes one RTT measurement {@code m} (ns), from a segment never retransmitted (Karn). */
    void sample(long m) {
        m = Math.max(m, 1);
        if (srtt == 0) {
            srtt = m;
            rttvar = m / 2;
        } else {
            long err = m - srtt;
            srtt += err / 8;
            rttvar += (Math.abs(err) - rttvar) / 4;
        }
        rto = Math.min(config.rtoMax(), srtt + Math.max(4 * rttvar, config.rtoMin()));
    }

    /** Doubles the RTO after a timeout (tcp_retransmit_timer's backoff), up to TCP_RTO_MAX. */
    void backOff() {
        rto = Math.min(config.rtoMax(), rto * 2);
    }

    /**
     * After a handshake whose SYN was retransmitted and gave no sample, RFC 6298 5.7: the RTO
     * falls back to 3 s (TCP_TIMEOUT_FALLBACK).
     */
    void fallback() {
        if (srtt == 0) {
            rto = Math.max(rto, 3_000_000_000L);
        }
    }

    /** The current RTO in nanoseconds, backoff included. */
    long rto() {
        return rto;
    }

    long srtt() {
        return srtt;
    }

    long rttvar() {
        return rttvar;
    }
}
