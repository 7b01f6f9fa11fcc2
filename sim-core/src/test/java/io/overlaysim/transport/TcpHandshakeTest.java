package io.overlaysim.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.overlaysim.net.Ipv4Address;
import io.overlaysim.packet.TcpHeader;
import io.overlaysim.packet.TcpOption;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Opening connections: three-way handshake, RST from a closed port, simultaneous open, SYN
 * timeout.
 *
 * <pre>
 *   A 10.0.0.1 ---- 1 ms ---- B 10.0.0.2
 * </pre>
 */
class TcpHandshakeTest {
    private static final long MS = 1_000_000L;
    private static final Ipv4Address B = Ipv4Address.parse("10.0.0.2");
    private static final Ipv4Address A = Ipv4Address.parse("10.0.0.1");

    @Test
    void threeWayHandshakeWithMssAndSeededIsn() {
        TcpTestNet net = new TcpTestNet(7, MS);
        TcpStack a = net.stack("10.0.0.1");
        TcpStack b = net.stack("10.0.0.2");
        Recorder server = new Recorder();
        Recorder client = new Recorder();
        b.listen(Ipv4Address.ANY, 179, server);
        TcpConnection c = a.connect(B, 179, client);
        assertThat(c.state()).isEqualTo(TcpState.SYN_SENT);
        assertThat(c.localPort()).isBetween(TcpStack.EPHEMERAL_LOW, TcpStack.EPHEMERAL_HIGH);
        net.sim.runUntilIdle();

        assertThat(c.state()).isEqualTo(TcpState.ESTABLISHED);
        assertThat(client.events).containsExactly("connected");
        assertThat(server.events).containsExactly("accepted");
        TcpConnection s = server.accepted.get(0);
        assertThat(s.state()).isEqualTo(TcpState.ESTABLISHED);
        assertThat(s.remotePort()).isEqualTo(c.localPort());
        assertThat(net.sent).hasSize(3);
        var syn = net.sent.get(0).header();
        var synAck = net.sent.get(1).header();
        var ack = net.sent.get(2).header();
        assertThat(syn.flags()).isEqualTo(TcpHeader.SYN);
        assertThat(syn.options()).containsExactly(new TcpOption.Mss(1460));
        assertThat(syn.window()).isEqualTo(64240); // 44 × 1460, as Linux's SYN shows
        assertThat(synAck.flags()).isEqualTo(TcpHeader.SYN | TcpHeader.ACK);
        assertThat(synAck.acknowledgment()).isEqualTo((syn.sequence() + 1) & 0xffffffffL);
        assertThat(synAck.options()).containsExactly(new TcpOption.Mss(1460));
        assertThat(ack.flags()).isEqualTo(TcpHeader.ACK);
        assertThat(ack.sequence()).isEqualTo((syn.sequence() + 1) & 0xffffffffL);
        assertThat(ack.acknowledgment()).isEqualTo((synAck.sequence() + 1) & 0xffffffffL);
        assertThat(c.mss()).isEqualTo(1460);
        // The SYN's round trip (2 ms) is the first RTT sample: RTO = 2 ms + max(4 × 1 ms, 200 ms).
        assertThat(c.srttNanos()).isEqualTo(2 * MS);
        assertThat(c.rtoNanos()).isEqualTo(202 * MS);

        // Same seed, same ISNs and ports; another seed, others.
        assertThat(firstSyn(7)).isEqualTo(syn);
        assertThat(firstSyn(8)).isNotEqualTo(syn);
    }

    private static TcpHeader.Fields firstSyn(long seed) {
        TcpTestNet net = new TcpTestNet(seed, MS);
        TcpStack a = net.stack("10.0.0.1");
        net.stack("10.0.0.2");
        a.connect(B, 179, new Recorder());
        return net.sent.get(0).header();
    }

    @Test
    void mssFollowsTheSmallerMtu() {
        TcpTestNet net = new TcpTestNet(1, MS);
        TcpStack a = net.stack("10.0.0.1", TcpConfig.LINUX, 1440); // e.g. an IPIP tunnel's MTU
        TcpStack b = net.stack("10.0.0.2");
        Recorder server = new Recorder();
        b.listen(Ipv4Address.ANY, 179, server);
        TcpConnection c = a.connect(B, 179, new Recorder());
        net.sim.runUntilIdle();
        assertThat(net.sent.get(0).header().options()).containsExactly(new TcpOption.Mss(1400));
        assertThat(c.mss()).isEqualTo(1400);
        assertThat(server.accepted.get(0).mss()).isEqualTo(1400);
    }

    @Test
    void synToAClosedPortIsAnsweredWithRstAndConnectIsRefused() {
        TcpTestNet net = new TcpTestNet(2, MS);
        TcpStack a = net.stack("10.0.0.1");
        TcpStack b = net.stack("10.0.0.2");
        Recorder client = new Recorder();
        TcpConnection c = a.connect(B, 179, client);
        net.sim.runUntilIdle();

        assertThat(client.events).containsExactly("failed REFUSED");
        assertThat(c.state()).isEqualTo(TcpState.CLOSED);
        assertThat(a.connectionCount()).isZero();
        assertThat(b.noSocketSegments()).isEqualTo(1);
        TcpTestNet.Sent rst = net.sent.get(1);
        // RFC 9293 3.10.7.1: no ACK came, so <SEQ=0><ACK=SEG.SEQ+SEG.LEN><CTL=RST,ACK>.
        assertThat(rst.flags()).isEqualTo(TcpHeader.RST | TcpHeader.ACK);
        assertThat(rst.seq()).isZero();
        assertThat(rst.ack()).isEqualTo((net.sent.get(0).seq() + 1) & 0xffffffffL);
        assertThat(rst.window()).isZero();
    }

    @Test
    void dataForAForgottenConnectionGetsARstWithItsAckAsSequence() {
        TcpTestNet net = new TcpTestNet(3, MS);
        TcpStack a = net.stack("10.0.0.1");
        TcpStack b = net.stack("10.0.0.2");
        Recorder server = new Recorder();
        Recorder client = new Recorder();
        b.listen(Ipv4Address.ANY, 179, server);
        TcpConnection c = a.connect(B, 179, client);
        net.sim.runUntilIdle();
        net.dropIf = s -> s.has(TcpHeader.RST) && s.source() == B.bits() && s.flags() != TcpHeader.RST;
        server.accepted.get(0).abort(); // B forgets the connection; its RST|ACK is lost
        net.sim.runUntilIdle();
        c.write("anyone?".getBytes());
        net.sim.runUntilIdle();

        TcpTestNet.Sent data = net.sent.get(4);
        TcpTestNet.Sent rst = net.sent.get(5);
        assertThat(data.dataLength()).isEqualTo(7);
        // RFC 9293 3.10.7.1: the segment had an ACK, so <SEQ=SEG.ACK><CTL=RST>.
        assertThat(rst.flags()).isEqualTo(TcpHeader.RST);
        assertThat(rst.seq()).isEqualTo(data.ack());
        assertThat(client.events).containsExactly("connected", "failed RESET");
        assertThat(c.state()).isEqualTo(TcpState.CLOSED);
    }

    @Test
    void simultaneousOpenEstablishesBothEnds() {
        TcpTestNet net = new TcpTestNet(4, MS);
        TcpStack a = net.stack("10.0.0.1");
        TcpStack b = net.stack("10.0.0.2");
        Recorder ra = new Recorder();
        Recorder rb = new Recorder();
        TcpConnection ca = a.connect(A, 6000, B, 5000, ra);
        TcpConnection cb = b.connect(B, 5000, A, 6000, rb);
        net.sim.runUntilIdle();

        assertThat(ca.state()).isEqualTo(TcpState.ESTABLISHED);
        assertThat(cb.state()).isEqualTo(TcpState.ESTABLISHED);
        assertThat(ra.events).containsExactly("connected");
        assertThat(rb.events).containsExactly("connected");
        // SYN, SYN crossing; then SYN-ACK, SYN-ACK (RFC 9293 figure 7); no RST.
        assertThat(net.sent).extracting(TcpTestNet.Sent::flags).containsExactly(TcpHeader.SYN, TcpHeader.SYN,
                TcpHeader.SYN | TcpHeader.ACK, TcpHeader.SYN | TcpHeader.ACK);
        ca.write("hello".getBytes());
        cb.write("world".getBytes());
        net.sim.runUntilIdle();
        assertThat(rb.bytes.toString()).isEqualTo("hello");
        assertThat(ra.bytes.toString()).isEqualTo("world");
    }

    @Test
    void aLostSynAckIsRecoveredByTheSynRetransmissionAndTheRtoFallsBackToThreeSeconds() {
        TcpTestNet net = new TcpTestNet(9, MS);
        TcpStack a = net.stack("10.0.0.1");
        TcpStack b = net.stack("10.0.0.2");
        Recorder server = new Recorder();
        Recorder client = new Recorder();
        b.listen(Ipv4Address.ANY, 179, server);
        boolean[] dropped = {false};
        net.dropIf = s -> s.flags() == (TcpHeader.SYN | TcpHeader.ACK) && !dropped[0] && (dropped[0] = true);
        TcpConnection c = a.connect(B, 179, client);
        net.sim.runUntil(() -> c.state() == TcpState.ESTABLISHED);

        // SYN, SYN-ACK (lost), SYN again after 1 s; at 1.001 s the server's own SYN-ACK timer
        // (1 s) fires just as the second SYN arrives, which it also answers (tcp_check_req), so
        // two SYN-ACKs leave together; the first completes the handshake.
        assertThat(net.sent).extracting(TcpTestNet.Sent::flags).containsExactly(TcpHeader.SYN,
                TcpHeader.SYN | TcpHeader.ACK, TcpHeader.SYN, TcpHeader.SYN | TcpHeader.ACK,
                TcpHeader.SYN | TcpHeader.ACK, TcpHeader.ACK);
        assertThat(net.sent.get(2).time()).isEqualTo(1000 * MS);
        assertThat(net.sent.get(3).time()).isEqualTo(1001 * MS);
        assertThat(net.sent.get(4).time()).isEqualTo(1001 * MS);
        assertThat(net.sent.get(3).seq()).isEqualTo(net.sent.get(1).seq());
        assertThat(c.srttNanos()).isZero(); // Karn: no sample from a retransmitted SYN
        assertThat(c.rtoNanos()).isEqualTo(3000 * MS); // RFC 6298 5.7, TCP_TIMEOUT_FALLBACK
        net.sim.runUntilIdle();
        assertThat(server.accepted).hasSize(1);
        assertThat(server.accepted.get(0).state()).isEqualTo(TcpState.ESTABLISHED);
    }

    @Test
    void unansweredSynGivesUpAfter127SecondsAsLinux() {
        TcpTestNet net = new TcpTestNet(5, MS);
        TcpStack a = net.stack("10.0.0.1");
        net.stack("10.0.0.2");
        net.dropIf = s -> true;
        Recorder client = new Recorder();
        a.connect(B, 179, client);
        net.sim.runUntilIdle();

        // tcp_syn_retries = 6: SYN at 0, then 1, 3, 7, 15, 31, 63 s; failure at 127 s.
        assertThat(net.sent).extracting(s -> s.time() / MS)
                .containsExactly(0L, 1000L, 3000L, 7000L, 15000L, 31000L, 63000L);
        assertThat(net.sent).allMatch(s -> s.flags() == TcpHeader.SYN);
        assertThat(client.events).containsExactly("failed TIMED_OUT");
        assertThat(net.sim.now()).isEqualTo(127_000 * MS);
    }

    @Test
    void connectWithoutRouteFailsUnreachable() {
        TcpTestNet net = new TcpTestNet(6, MS);
        TcpStack a = new TcpStack(net.sim, "lonely", new TcpNetwork() {
            public void send(int s, int d, io.overlaysim.packet.PacketBuffer p) {}

            public int sourceAddress(int d) {
                return 0;
            }

            public int mtu(int d) {
                return 1500;
            }
        });
        Recorder client = new Recorder();
        a.connect(B, 179, client);
        assertThat(client.events).isEmpty();
        net.sim.runUntilIdle();
        assertThat(client.events).isEqualTo(List.of("failed UNREACHABLE"));
    }
}
