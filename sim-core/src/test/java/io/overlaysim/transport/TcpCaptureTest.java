package io.overlaysim.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.overlaysim.bgp.AfiSafi;
import io.overlaysim.bgp.BgpCodec;
import io.overlaysim.bgp.Capability;
import io.overlaysim.bgp.KeepaliveMessage;
import io.overlaysim.bgp.OpenMessage;
import io.overlaysim.bgp.SessionContext;
import io.overlaysim.net.Ipv4Address;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Captures of our TCP read cleanly in tshark with checksum validation on: a BGP session's
 * OPEN/KEEPALIVE exchange and close, and a bulk transfer with loss. The pcaps stay in
 * {@code target/} for a look.
 *
 * <pre>
 *   A 10.0.0.1 (AS 64512) ---- 1 ms ---- B 10.0.0.2:179 (AS 64512)
 * </pre>
 */
class TcpCaptureTest {
    private static final long MS = 1_000_000L;
    /** epan/proto.h PI_ERROR. */
    private static final String SEVERITY_ERROR = "8388608";

    static byte[] open(String id) {
        return BgpCodec.encode(OpenMessage.of(64512, 240, Ipv4Address.parse(id),
                List.of(new Capability.MultiProtocol(AfiSafi.IPV4_UNICAST), new Capability.RouteRefresh(),
                        new Capability.FourOctetAs(64512))), SessionContext.PLAIN);
    }

    static final byte[] KEEPALIVE = BgpCodec.encode(KeepaliveMessage.INSTANCE, SessionContext.PLAIN);

    /** A BGP speaker in miniature: OPEN on connect, KEEPALIVE on the peer's OPEN. */
    static final class MiniSpeaker implements TcpHandler, TcpAcceptor {
        final String id;
        int messages;

        MiniSpeaker(String id) {
            this.id = id;
        }

        @Override
        public void connected(TcpConnection c) {
            c.write(open(id));
        }

        @Override
        public TcpHandler accepted(TcpConnection c) {
            c.write(open(id));
            return this;
        }

        @Override
        public void received(TcpConnection c, byte[] data, int off, int len) {
            // Each message arrives whole here (small, one segment each); its type is byte 18.
            for (int at = off; at + 19 <= off + len; ) {
                int mlen = ((data[at + 16] & 0xff) << 8) | (data[at + 17] & 0xff);
                if (data[at + 18] == 1) {
                    c.write(KEEPALIVE);
                }
                messages++;
                at += mlen;
            }
        }

        @Override
        public void peerClosed(TcpConnection c) {
            c.close();
        }
    }

    @Test
    void bgpSessionDecodesAsTcpAndBgpWithGoodChecksums() throws Exception {
        TcpTestNet net = new TcpTestNet(61, MS);
        TcpStack a = net.stack("10.0.0.1");
        TcpStack b = net.stack("10.0.0.2");
        MiniSpeaker sa = new MiniSpeaker("10.0.0.1");
        MiniSpeaker sb = new MiniSpeaker("10.0.0.2");
        b.listen(Ipv4Address.ANY, 179, sb);
        TcpConnection c = a.connect(Ipv4Address.parse("10.0.0.2"), 179, sa);
        net.sim.runUntil(net.sim.now() + 1000 * MS);
        assertThat(sa.messages).isEqualTo(2); // OPEN, KEEPALIVE
        assertThat(sb.messages).isEqualTo(2);
        c.close();
        net.sim.runUntilIdle();
        assertThat(a.connectionCount() + b.connectionCount()).isZero();

        Path pcap = Path.of("target", "tcp-bgp-session.pcap");
        Files.createDirectories(pcap.getParent());
        net.writePcap(pcap);
        List<String[]> frames = tshark(pcap, "frame.protocols", "_ws.expert.severity", "_ws.malformed",
                "ip.checksum.status", "tcp.checksum.status", "bgp.type");
        assertThat(frames).hasSize(net.sent.size());
        for (String[] f : frames) {
            assertThat(f[1]).as("expert severities of %s", f[0]).doesNotContain(SEVERITY_ERROR);
            assertThat(f[2]).as("malformed").isEmpty();
            assertThat(f[3]).as("ip checksum status (1 = good)").isEqualTo("1");
            assertThat(f[4]).as("tcp checksum status (1 = good)").isEqualTo("1");
        }
        List<String> bgpTypes = frames.stream().filter(f -> f[0].contains(":bgp")).map(f -> f[5]).toList();
        assertThat(bgpTypes).containsExactlyInAnyOrder("1", "1", "4", "4");
    }

    @Test
    void lossyBulkTransferHasNoErrorsInTshark() throws Exception {
        var p = TcpTransferTest.connect(62, 5 * MS, TcpConfig.LINUX, TcpConfig.LINUX);
        p.net().loss = 0.05;
        byte[] data = TcpTransferTest.randomBytes(9, 100_000);
        p.client().write(data);
        p.net().sim.runUntil(() -> p.rb().bytes.size() == data.length && p.client().sendQueueBytes() == 0);
        p.client().close();
        p.rb().closeOnPeerClose = true;
        p.net().sim.runUntilIdle();
        Path pcap = Path.of("target", "tcp-lossy-transfer.pcap");
        p.net().writePcap(pcap);
        List<String[]> frames = tshark(pcap, "_ws.expert.severity", "_ws.malformed", "tcp.checksum.status");
        assertThat(frames).hasSize((int) p.net().sent.stream().filter(s -> !s.dropped()).count());
        for (String[] f : frames) {
            assertThat(f[0]).doesNotContain(SEVERITY_ERROR);
            assertThat(f[1]).isEmpty();
            assertThat(f[2]).isEqualTo("1");
        }
    }

    /** Runs tshark with IP and TCP checksum validation on; one row of the fields per frame. */
    static List<String[]> tshark(Path pcap, String... fields) throws IOException, InterruptedException {
        assumeTrue(onPath("tshark"), "tshark is not installed");
        List<String> cmd = new ArrayList<>(List.of("tshark", "-n", "-o", "tcp.check_checksum:TRUE",
                "-o", "ip.check_checksum:TRUE", "-r", pcap.toString(), "-T", "fields", "-E", "occurrence=a",
                "-E", "aggregator=,"));
        for (String f : fields) {
            cmd.add("-e");
            cmd.add(f);
        }
        Process proc = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(proc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(proc.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(proc.exitValue()).as("tshark exit status").isZero();
        List<String[]> rows = new ArrayList<>();
        for (String line : out.split("\n")) {
            if (!line.isEmpty()) {
                rows.add(line.split("\t", -1));
            }
        }
        return rows;
    }

    private static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }
}
