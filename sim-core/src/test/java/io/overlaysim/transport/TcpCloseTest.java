package io.overlaysim.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.overlaysim.packet.TcpHeader;
import org.junit.jupiter.api.Test;

/** Ending connections: FIN from either side and from both, TIME_WAIT, abort, RST. */
class TcpCloseTest {
    private static final long MS = 1_000_000L;
    private static final long TIME_WAIT = 60_000 * MS;

    @Test
    void clientClosesFirstAndLingersInTimeWait() {
        var p = TcpTransferTest.connect(41, MS, TcpConfig.LINUX, TcpConfig.LINUX);
        p.client().write("last words".getBytes());
        p.client().close();
        assertThat(p.client().state()).isEqualTo(TcpState.FIN_WAIT_1);
        p.net().sim.runUntil(p.net().sim.now() + 10 * MS);
        assertThat(p.rb().bytes.toString()).isEqualTo("last words");
        assertThat(p.rb().events).containsExactly("accepted", "peerClosed");
        assertThat(p.server().state()).isEqualTo(TcpState.CLOSE_WAIT);
        assertThat(p.client().state()).isEqualTo(TcpState.FIN_WAIT_2);
        // The server may still send in CLOSE_WAIT (a half-closed connection).
        p.server().write("reply".getBytes());
        p.server().close();
        assertThat(p.server().state()).isEqualTo(TcpState.LAST_ACK);
        long closedAt = p.net().sim.now();
        p.net().sim.runUntil(closedAt + 10 * MS);
        assertThat(p.ra().bytes.toString()).isEqualTo("reply");
        assertThat(p.server().state()).isEqualTo(TcpState.CLOSED);
        assertThat(p.client().state()).isEqualTo(TcpState.TIME_WAIT);
        assertThat(p.ra().events).containsExactly("connected", "peerClosed", "closed");
        assertThat(p.rb().events).containsExactly("accepted", "peerClosed", "closed");
        assertThat(p.b().connectionCount()).isZero();
        assertThat(p.a().connectionCount()).isEqualTo(1);
        p.net().sim.runUntilIdle();
        assertThat(p.a().connectionCount()).isZero();
        // TIME_WAIT lasted 60 s from the last ACK (sent 1 ms after the server's FIN left).
        assertThat(p.net().sim.now() - closedAt).isEqualTo(TIME_WAIT + MS);
        // One FIN each way.
        long fins = p.net().sent.stream().filter(s -> s.has(TcpHeader.FIN)).count();
        assertThat(fins).isEqualTo(2);
    }

    @Test
    void serverClosesFirst() {
        var p = TcpTransferTest.connect(42, MS, TcpConfig.LINUX, TcpConfig.LINUX);
        p.ra().closeOnPeerClose = true;
        p.server().close();
        p.net().sim.runUntil(p.net().sim.now() + 10 * MS);
        assertThat(p.client().state()).isEqualTo(TcpState.CLOSED);
        assertThat(p.server().state()).isEqualTo(TcpState.TIME_WAIT);
        assertThat(p.ra().events).containsExactly("connected", "peerClosed", "closed");
        assertThat(p.rb().events).containsExactly("accepted", "peerClosed", "closed");
    }

    @Test
    void simultaneousCloseGoesThroughClosingToTimeWaitOnBothSides() {
        var p = TcpTransferTest.connect(43, MS, TcpConfig.LINUX, TcpConfig.LINUX);
        p.client().close();
        p.server().close();
        p.net().sim.runUntil(p.net().sim.now() + MS + MS / 2);
        assertThat(p.client().state()).isEqualTo(TcpState.CLOSING);
        assertThat(p.server().state()).isEqualTo(TcpState.CLOSING);
        p.net().sim.runUntil(p.net().sim.now() + 10 * MS);
        assertThat(p.client().state()).isEqualTo(TcpState.TIME_WAIT);
        assertThat(p.server().state()).isEqualTo(TcpState.TIME_WAIT);
        assertThat(p.ra().events).containsExactly("connected", "peerClosed", "closed");
        p.net().sim.runUntilIdle();
        assertThat(p.a().connectionCount() + p.b().connectionCount()).isZero();
    }

    @Test
    void aLostFinIsRetransmittedAfterTheRto() {
        var p = TcpTransferTest.connect(44, MS, TcpConfig.LINUX, TcpConfig.LINUX);
        // Drop the client's first FIN.
        p.net().dropIf = s -> s.has(TcpHeader.FIN) && s.source() == TcpTestNet.addr("10.0.0.1")
                && p.net().sent.stream().noneMatch(o -> o.has(TcpHeader.FIN) && o.source() == s.source());
        p.rb().closeOnPeerClose = true;
        p.client().close();
        p.net().sim.runUntilIdle();
        long clientFins = p.net().from("10.0.0.1").stream().filter(s -> s.has(TcpHeader.FIN)).count();
        assertThat(clientFins).isEqualTo(2);
        assertThat(p.net().from("10.0.0.1").stream().filter(s -> s.has(TcpHeader.FIN)).toList().get(1).time()
                - p.net().from("10.0.0.1").stream().filter(s -> s.has(TcpHeader.FIN)).toList().get(0).time())
                .isEqualTo(p.client().rtoNanos() / 2); // one backoff since
        assertThat(p.ra().events).containsExactly("connected", "peerClosed", "closed");
        assertThat(p.rb().events).containsExactly("accepted", "peerClosed", "closed");
    }

    @Test
    void abortSendsRstAndThePeerFailsWithReset() {
        var p = TcpTransferTest.connect(45, MS, TcpConfig.LINUX, TcpConfig.LINUX);
        p.client().abort();
        assertThat(p.client().state()).isEqualTo(TcpState.CLOSED);
        p.net().sim.runUntilIdle();
        assertThat(p.rb().events).containsExactly("accepted", "failed RESET");
        assertThat(p.ra().events).containsExactly("connected");
        TcpTestNet.Sent rst = p.net().sent.get(p.net().sent.size() - 1);
        assertThat(rst.flags()).isEqualTo(TcpHeader.RST | TcpHeader.ACK);
        assertThat(p.b().connectionCount()).isZero();
    }

    @Test
    void anInWindowRstWithTheWrongSequenceGetsAChallengeAck() {
        var p = TcpTransferTest.connect(46, MS, TcpConfig.LINUX, TcpConfig.LINUX);
        // Forge a RST from A whose sequence is inside B's window but not RCV.NXT (RFC 5961 3.2).
        long seq = (p.net().sent.get(0).seq() + 1 + 100) & 0xffffffffL;
        var rst = TcpHeader.Fields.of(p.client().localPort(), 179, seq, 0, TcpHeader.RST, 0, java.util.List.of());
        var buf = io.overlaysim.packet.PacketBuffer.allocate(20);
        int off = buf.put(20);
        rst.encode(buf.array(), off);
        int a = TcpTestNet.addr("10.0.0.1");
        int b = TcpTestNet.addr("10.0.0.2");
        TcpHeader.fillChecksum(buf.array(), off, 20, a, b);
        int before = p.net().sent.size();
        assertThat(p.b().receive(buf, a, b)).isEqualTo(TcpReceiveOutcome.DELIVERED);
        assertThat(p.server().state()).isEqualTo(TcpState.ESTABLISHED);
        assertThat(p.net().sent.get(before).flags()).isEqualTo(TcpHeader.ACK);
    }

    @Test
    void badChecksumIsDroppedAndCounted() {
        var p = TcpTransferTest.connect(47, MS, TcpConfig.LINUX, TcpConfig.LINUX);
        var buf = io.overlaysim.packet.PacketBuffer.allocate(20);
        int off = buf.put(20);
        TcpHeader.Fields.of(1234, 179, 1, 0, TcpHeader.SYN, 1000, java.util.List.of()).encode(buf.array(), off);
        assertThat(p.b().receive(buf, 1, 2)).isEqualTo(TcpReceiveOutcome.BAD_CHECKSUM);
        assertThat(p.b().badChecksums()).isEqualTo(1);
        buf.trim(10);
        assertThat(p.b().receive(buf, 1, 2)).isEqualTo(TcpReceiveOutcome.MALFORMED);
    }
}
