package io.overlaysim.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.overlaysim.net.Ipv4Address;
import io.overlaysim.packet.TcpHeader;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Moving bytes: both ways, with and without loss; the receiver's window; delayed ACKs.
 *
 * <pre>
 *   A 10.0.0.1 ---- delay, loss ---- B 10.0.0.2:179
 * </pre>
 */
class TcpTransferTest {
    private static final long MS = 1_000_000L;
    private static final Ipv4Address B = Ipv4Address.parse("10.0.0.2");

    /** A connected pair on a net: client (A) and the accepted server connection (B). */
    record Pair(TcpTestNet net, TcpStack a, TcpStack b, TcpConnection client, TcpConnection server,
                Recorder ra, Recorder rb) {}

    static Pair connect(long seed, long delay, TcpConfig configA, TcpConfig configB) {
        TcpTestNet net = new TcpTestNet(seed, delay);
        TcpStack a = net.stack("10.0.0.1", configA, 1500);
        TcpStack b = net.stack("10.0.0.2", configB, 1500);
        Recorder ra = new Recorder();
        Recorder rb = new Recorder();
        b.listen(Ipv4Address.ANY, 179, rb);
        TcpConnection c = a.connect(B, 179, ra);
        net.sim.runUntil(() -> !rb.accepted.isEmpty() && c.state() == TcpState.ESTABLISHED);
        return new Pair(net, a, b, c, rb.accepted.get(0), ra, rb);
    }

    static byte[] randomBytes(long seed, int n) {
        byte[] b = new byte[n];
        new SplittableRandom(seed).nextBytes(b);
        return b;
    }

    /** Writes {@code data} in chunks of varying size at varying times. */
    static void writeInChunks(TcpTestNet net, TcpConnection c, byte[] data, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int at = 0;
        long t = net.sim.now();
        while (at < data.length) {
            int n = Math.min(data.length - at, 1 + r.nextInt(5000));
            int from = at;
            t += r.nextLong(3 * MS);
            net.sim.schedule(t, () -> c.write(data, from, n));
            at += n;
        }
    }

    /** Compares byte streams by length and first difference, without dumping them. */
    static void assertSameBytes(byte[] actual, byte[] expected) {
        assertThat(actual.length).as("bytes received").isEqualTo(expected.length);
        assertThat(java.util.Arrays.mismatch(actual, expected)).as("first differing byte").isEqualTo(-1);
    }

    @ParameterizedTest(name = "loss {0}, delay {1} ms")
    @CsvSource({"0, 1", "0.05, 1", "0.2, 10", "0.3, 2"})
    void everyByteArrivesOnceInOrderBothWays(double loss, long delayMs) {
        Pair p = connect(11, delayMs * MS, TcpConfig.LINUX, TcpConfig.LINUX);
        p.net().loss = loss;
        byte[] up = randomBytes(1, 300_000);
        byte[] down = randomBytes(2, 200_000);
        writeInChunks(p.net(), p.client(), up, 3);
        writeInChunks(p.net(), p.server(), down, 4);
        p.net().sim.runUntil(() -> p.rb().bytes.size() == up.length && p.ra().bytes.size() == down.length
                && p.client().sendQueueBytes() == 0 && p.server().sendQueueBytes() == 0);

        assertSameBytes(p.rb().bytes.toByteArray(), up);
        assertSameBytes(p.ra().bytes.toByteArray(), down);
        assertThat(p.client().bytesAcked()).isEqualTo(up.length);
        assertThat(p.server().bytesReceived()).isEqualTo(up.length);
        if (loss > 0) {
            assertThat(p.client().retransmittedSegments() + p.server().retransmittedSegments()).isPositive();
        } else {
            assertThat(p.client().retransmittedSegments() + p.server().retransmittedSegments()).isZero();
        }
        // Segments never exceed the MSS; every one on the wire has a valid checksum.
        for (TcpTestNet.Sent s : p.net().sent) {
            assertThat(s.dataLength()).isLessThanOrEqualTo(1460);
            assertThat(TcpHeader.verifyChecksum(s.ip(), 20, s.ip().length - 20,
                    io.overlaysim.packet.Ipv4Header.source(s.ip(), 0),
                    io.overlaysim.packet.Ipv4Header.destination(s.ip(), 0))).isTrue();
        }
        // Then both close in order.
        p.rb().closeOnPeerClose = true;
        p.client().close();
        p.net().sim.runUntilIdle();
        assertThat(p.a().connectionCount()).isZero();
        assertThat(p.b().connectionCount()).isZero();
    }

    @Test
    void aFullReceiveBufferClosesTheWindowAndProbesReopenIt() {
        TcpConfig small = TcpConfig.LINUX.withReceiveBuffer(8192);
        Pair p = connect(21, MS, TcpConfig.LINUX, small);
        p.server().pauseReading();
        byte[] data = randomBytes(5, 50_000);
        p.client().write(data);
        p.net().sim.runUntil(p.net().sim.now() + 30_000 * MS);

        // B buffered what its window allowed; A saw the window close and sent probes.
        assertThat(p.server().receiveQueueBytes()).isBetween(8192 - 1460, 8192);
        assertThat(p.server().receiveWindow()).isZero();
        assertThat(p.client().sendWindow()).isZero();
        assertThat(p.rb().bytes.size()).isZero();
        // A zero-window probe: an ACK with SND.UNA - 1 as sequence number (tcp_xmit_probe_skb).
        long probeSeq = (p.net().sent.get(0).seq() + p.server().bytesReceived()) & 0xffffffffL;
        var probes = p.net().from("10.0.0.1").stream()
                .filter(s -> s.dataLength() == 0 && s.flags() == TcpHeader.ACK && s.seq() == probeSeq)
                .toList();
        assertThat(probes).hasSizeGreaterThanOrEqualTo(3);
        // Probes back off: each gap at least the one before.
        for (int i = 2; i < probes.size(); i++) {
            assertThat(probes.get(i).time() - probes.get(i - 1).time())
                    .isGreaterThanOrEqualTo(probes.get(i - 1).time() - probes.get(i - 2).time());
        }
        // No segment of A went beyond the window B advertised.
        assertThat(p.server().bytesReceived()).isLessThanOrEqualTo(8192);

        p.server().resumeReading();
        p.net().sim.runUntil(() -> p.rb().bytes.size() == data.length);
        assertSameBytes(p.rb().bytes.toByteArray(), data);
    }

    @Test
    void delayedAcksWaitFortyMillisecondsAfterQuickAckMode() {
        Pair p = connect(31, MS, TcpConfig.LINUX, TcpConfig.LINUX);
        // Use up quick-ack mode: 16 small segments, each answered at once.
        for (int i = 0; i < 20; i++) {
            long t = p.net().sim.now() + 100 * MS;
            p.net().sim.schedule(t, () -> p.client().write(new byte[10]));
            p.net().sim.runUntil(t + 99 * MS);
        }
        var acks = p.net().from("10.0.0.2").stream().filter(s -> s.dataLength() == 0).toList();
        var data = p.net().from("10.0.0.1").stream().filter(s -> s.dataLength() > 0).toList();
        assertThat(data).hasSize(20);
        // ACK delay per data segment: 1 ms transit, then at once (quick ack) or after 40 ms.
        long[] lag = new long[20];
        for (int i = 0; i < 20; i++) {
            long ackTime = acks.get(acks.size() - 20 + i).time();
            lag[i] = (ackTime - data.get(i).time()) / MS;
        }
        assertThat(lag).startsWith(1, 1, 1, 1);
        assertThat(lag[19]).isEqualTo(41);

        Pair q = connect(31, MS, TcpConfig.LINUX, TcpConfig.LINUX.withDelayedAcks(false));
        for (int i = 0; i < 20; i++) {
            long t = q.net().sim.now() + 100 * MS;
            q.net().sim.schedule(t, () -> q.client().write(new byte[10]));
            q.net().sim.runUntil(t + 99 * MS);
        }
        var quick = q.net().from("10.0.0.2").stream().filter(s -> s.dataLength() == 0).toList();
        var sent = q.net().from("10.0.0.1").stream().filter(s -> s.dataLength() > 0).toList();
        assertThat(quick.get(quick.size() - 1).time() - sent.get(19).time()).isEqualTo(MS);
    }
}
