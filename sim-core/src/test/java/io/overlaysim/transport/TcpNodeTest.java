package io.overlaysim.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.overlaysim.capture.CaptureFormat;
import io.overlaysim.capture.CaptureRecorder;
import io.overlaysim.capture.CaptureWriter;
import io.overlaysim.capture.Tshark;
import io.overlaysim.device.NetDevice;
import io.overlaysim.engine.Simulation;
import io.overlaysim.net.Ipv4Address;
import io.overlaysim.node.Node;
import io.overlaysim.packet.PacketLedger;
import io.overlaysim.topology.Topology;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TCP wired into the node stack: a BGP-shaped exchange across a router, captured on every device. */
class TcpNodeTest {
    private static final byte[] KEEPALIVE = keepalive();

    private static byte[] keepalive() {
        byte[] b = new byte[19];
        Arrays.fill(b, 0, 16, (byte) 0xff);
        b[18] = 4; // type KEEPALIVE
        b[17] = 19; // length 19
        return b;
    }

    @Test
    void aSessionAcrossARouterCarriesBytesBothWaysAndShowsCleanInTshark(@TempDir Path dir) throws Exception {
        Simulation sim = new Simulation(7);
        // A ---- R ---- B      (B listens on 179, A connects)
        Topology t = Topology.chain(sim, "A", "R", "B");
        Path file = dir.resolve("tcp.pcapng");
        CaptureWriter w = CaptureFormat.PCAPNG.open(file);
        CaptureRecorder rec = new CaptureRecorder(w);
        for (String n : List.of("A", "R", "B")) {
            Node node = t.node(n);
            for (NetDevice d : node.devices()) {
                if (!d.name().equals("lo")) {
                    rec.capture(n, d);
                }
            }
        }
        ByteArrayOutputStream atA = new ByteArrayOutputStream();
        ByteArrayOutputStream atB = new ByteArrayOutputStream();
        TcpNode.of(t.node("B")).listen(Ipv4Address.ANY, 179, c -> new TcpHandler() {
            @Override
            public void received(TcpConnection conn, byte[] b, int off, int len) {
                atB.write(b, off, len);
                conn.write(KEEPALIVE);
                conn.close();
            }
        });
        TcpConnection[] client = new TcpConnection[1];
        boolean[] closed = new boolean[1];
        sim.schedule(0, () -> client[0] = TcpNode.of(t.node("A")).connect(new Ipv4Address(t.address("B")), 179, new TcpHandler() {
            @Override
            public void connected(TcpConnection conn) {
                conn.write(KEEPALIVE);
            }

            @Override
            public void received(TcpConnection conn, byte[] b, int off, int len) {
                atA.write(b, off, len);
            }

            @Override
            public void peerClosed(TcpConnection conn) {
                conn.close();
            }

            @Override
            public void closed(TcpConnection conn) {
                closed[0] = true;
            }
        }));
        sim.runUntilIdle();
        w.close();

        assertThat(atB.toByteArray()).isEqualTo(KEEPALIVE);
        assertThat(atA.toByteArray()).isEqualTo(KEEPALIVE);
        assertThat(closed[0]).isTrue();
        assertThat(client[0].mss()).isEqualTo(1460);
        PacketLedger.Summary s = t.network().ledger().summary();
        assertThat(s.inFlight()).isZero();
        assertThat(s.dropped()).isZero();
        assertThat(s.created()).isEqualTo(s.delivered() + s.dropped() + s.consumed());
        assertThat(Files.size(file)).isPositive();
        Tshark.Report r = Tshark.assertClean(file);
        assertThat(r.packets()).isGreaterThan(10);
        List<List<String>> bgp = Tshark.fields(file, "bgp.type");
        assertThat(bgp.stream().filter(row -> !row.isEmpty() && row.get(0).equals("4")).count()).isGreaterThanOrEqualTo(2);
    }

    @Test
    void fragmentationNeededLowersTheMssAndTheDataIsResentInSmallerSegments() {
        Simulation sim = new Simulation(11);
        // A ---- R1 ====(mtu 1400)==== R2 ---- B    both ends say MSS 1460; R1 refuses 1500-byte segments (DF)
        Topology t = Topology.chain(sim, "A", "R1", "R2", "B");
        Topology.Link narrow = t.link("R1", "R2");
        narrow.devA().setMtu(1400);
        narrow.devB().setMtu(1400);
        ByteArrayOutputStream atB = new ByteArrayOutputStream();
        TcpNode.of(t.node("B")).listen(Ipv4Address.ANY, 5001, c -> new TcpHandler() {
            @Override
            public void received(TcpConnection conn, byte[] b, int off, int len) {
                atB.write(b, off, len);
            }
        });
        byte[] data = new byte[10_000];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 31);
        }
        TcpConnection[] client = new TcpConnection[1];
        sim.schedule(0, () -> client[0] = TcpNode.of(t.node("A")).connect(new Ipv4Address(t.address("B")), 5001,
                new TcpHandler() {
                    @Override
                    public void connected(TcpConnection conn) {
                        conn.write(data);
                    }
                }));
        sim.runUntil(5_000_000_000L);

        // tcp_v4_err -> tcp_v4_mtu_reduced: the MSS follows the path MTU 1400 - 40
        assertThat(client[0].mss()).isEqualTo(1360);
        assertThat(client[0].retransmittedSegments()).isPositive();
        assertThat(atB.toByteArray()).isEqualTo(data);
        assertThat(t.network().ledger().summary().dropped(io.overlaysim.packet.DropReason.TOO_BIG_DF)).isPositive();
    }
}
