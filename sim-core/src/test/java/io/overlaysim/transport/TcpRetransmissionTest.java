package io.overlaysim.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Retransmission timing (RFC 6298 as Linux computes it), backoff, and giving up. */
class TcpRetransmissionTest {
    private static final long MS = 1_000_000L;

    @Test
    void backoffDoublesUpTo120SecondsAndGivesUpAfterTcpRetries2() {
        var p = TcpTransferTest.connect(51, MS, TcpConfig.LINUX, TcpConfig.LINUX);
        // RTT 2 ms: RTO = SRTT + max(4 RTTVAR, 200 ms) = 202 ms.
        assertThat(p.client().rtoNanos()).isEqualTo(202 * MS);
        p.net().dropIf = s -> true; // the path dies
        long start = p.net().sim.now();
        p.client().write(new byte[100]);
        p.net().sim.runUntil(() -> p.client().state() == TcpState.CLOSED);

        List<Long> gaps = new ArrayList<>();
        var sends = p.net().from("10.0.0.1").stream().filter(s -> s.dataLength() == 100).toList();
        for (int i = 1; i < sends.size(); i++) {
            gaps.add((sends.get(i).time() - sends.get(i - 1).time()) / MS);
        }
        // 15 retransmissions (tcp_retries2): 202 ms doubling to 103.4 s, then capped at 120 s.
        assertThat(gaps).containsExactly(202L, 404L, 808L, 1616L, 3232L, 6464L, 12928L, 25856L, 51712L, 103424L,
                120000L, 120000L, 120000L, 120000L, 120000L);
        assertThat(p.client().retransmittedSegments()).isEqualTo(15);
        assertThat(p.ra().events).containsExactly("connected", "failed TIMED_OUT");
        // tcp_write_timeout: the timer that finds 924.6 s passed since the first send ends it.
        long elapsed = p.net().sim.now() - start;
        assertThat(elapsed).isGreaterThanOrEqualTo(924_600 * MS).isLessThan(924_600 * MS + 120_000 * MS);
        assertThat(p.a().connectionCount()).isZero();
    }

    @Test
    void fewerRetriesWhenConfigured() {
        TcpConfig quick = TcpConfig.LINUX.withRetries(2, 3);
        assertThat(quick.modelTimeout(3, quick.rtoMin())).isEqualTo(3000 * MS); // (2^4 - 1) × 200 ms
        var p = TcpTransferTest.connect(52, MS, quick, TcpConfig.LINUX);
        p.net().dropIf = s -> true;
        p.client().write(new byte[10]);
        p.net().sim.runUntil(() -> p.client().state() == TcpState.CLOSED);
        assertThat(p.client().retransmittedSegments()).isEqualTo(3);
        assertThat(p.ra().failure).isEqualTo(TcpFailure.TIMED_OUT);
    }

    @Test
    void linuxModelTimeouts() {
        TcpConfig linux = TcpConfig.LINUX;
        assertThat(linux.modelTimeout(15, linux.rtoMin())).isEqualTo(924_600 * MS);
        assertThat(linux.modelTimeout(6, linux.rtoInitial())).isEqualTo(127_000 * MS);
    }

    @Test
    void rttSamplesFollowThePathAndRetransmittedSegmentsAreNotSampled() {
        var p = TcpTransferTest.connect(53, 50 * MS, TcpConfig.LINUX, TcpConfig.LINUX);
        // Handshake RTT 100 ms: RTO = 100 + max(4 × 50, 200) = 300 ms.
        assertThat(p.client().srttNanos()).isEqualTo(100 * MS);
        assertThat(p.client().rtoNanos()).isEqualTo(300 * MS);
        for (int i = 0; i < 30; i++) {
            long t = p.net().sim.now() + 500 * MS;
            p.net().sim.schedule(t, () -> p.client().write(new byte[100]));
            p.net().sim.runUntil(t + 400 * MS);
        }
        // Steady 100 ms (ACKs at once with quick-ack, then delayed by 40 ms): SRTT converges
        // between 100 and 140 ms, RTTVAR shrinks, the 200 ms floor holds the RTO up.
        assertThat(p.client().srttNanos()).isBetween(100 * MS, 140 * MS);
        assertThat(p.client().rtoNanos()).isBetween(300 * MS, 400 * MS);
        // A timeout doubles the RTO, and the retransmission gives no sample (Karn).
        p.net().dropIf = s -> s.dataLength() > 0 && p.net().from("10.0.0.1").stream()
                .noneMatch(o -> o.dropped());
        long rto = p.client().rtoNanos();
        p.client().write(new byte[100]);
        p.net().sim.runUntil(p.net().sim.now() + 2 * rto);
        assertThat(p.client().retransmittedSegments()).isEqualTo(1);
        assertThat(p.client().rtoNanos()).isEqualTo(2 * rto);
    }
}
