package io.overlaysim.tunnel;

import static org.assertj.core.api.Assertions.assertThat;

import io.overlaysim.capture.PcapReader;
import io.overlaysim.capture.Tshark;
import io.overlaysim.packet.Checksum;
import io.overlaysim.packet.UdpHeader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The VXLAN encapsulation against the real kernel: the corpus lab ({@link VxlanCorpusLab}) is
 * rebuilt and given the same pings, and every VXLAN packet on {@code veth-a} is compared with
 * the kernel's capture {@code linux-vxlan-underlay.pcap} field by field: outer Ethernet, outer
 * IPv4 (TOS, length, DF, fragment, TTL, protocol, addresses), UDP (destination port, length,
 * a valid checksum), the VXLAN header byte for byte, the inner Ethernet header and the inner
 * IPv4 header but its ID. What the kernel randomises is checked by its pattern: the UDP source
 * ports group by inner address pair in both directions; outer IDs are non-zero and
 * consecutive for back-to-back packets.
 */
class VxlanCorpusTest {
    @TempDir
    Path dir;

    /** A VXLAN frame's fields that the kernel does not randomise, as one comparable line. */
    static String fixedFields(byte[] f) {
        int ip = 14;
        int udp = ip + 20;
        int vx = udp + 8;
        int ie = vx + 8;
        int iip = ie + 14;
        StringBuilder s = new StringBuilder();
        s.append("eth ").append(hex(f, 0, 14));
        s.append(" | ip ").append(hex(f, ip, 4)).append(' ').append(hex(f, ip + 6, 4)).append(' ').append(hex(f, ip + 12, 8));
        s.append(" | udp dport ").append(u16(f, udp + 2)).append(" len ").append(u16(f, udp + 4));
        s.append(" | vxlan ").append(hex(f, vx, 8));
        s.append(" | inner eth ").append(hex(f, ie, 14));
        if (u16(f, ie + 12) == 0x0800) {
            s.append(" | inner ip ").append(hex(f, iip, 4)).append(' ').append(hex(f, iip + 6, 4)).append(' ')
                    .append(hex(f, iip + 12, 8));
        }
        return s.toString();
    }

    static boolean isVxlan(byte[] f) {
        return f.length > 50 && u16(f, 12) == 0x0800 && (f[23] & 0xff) == 17 && u16(f, 36) == 4789;
    }

    static boolean innerIsArp(byte[] f) {
        return u16(f, 50 + 12) == 0x0806;
    }

    @Test
    void outerHeadersMatchTheKernelsCapture() throws IOException {
        VxlanCorpusLab lab = new VxlanCorpusLab();
        Path ours = dir.resolve("veth-a.pcap");
        lab.capture(lab.a, lab.a.device("veth-a"), ours);
        lab.runTraffic();

        List<byte[]> real = vxlanFrames(readResource("/corpus/vxlan/linux-vxlan-underlay.pcap"));
        List<byte[]> sim = vxlanFrames(PcapReader.read(ours));
        // ARP refreshes come when the neighbour timers say: compare the first exchange, and all non-ARP packets in order
        assertThat(fields(sim.stream().filter(f -> !innerIsArp(f)).toList()))
                .containsExactlyElementsOf(fields(real.stream().filter(f -> !innerIsArp(f)).toList()));
        assertThat(fields(sim.subList(0, 2))).containsExactlyElementsOf(fields(real.subList(0, 2)));
        assertThat(sim).hasSize(real.size() - 2 /* the late overlay ARP refresh of node B */ + arpRefreshes(sim));

        for (byte[] f : sim) {
            assertThat(Checksum.verify(f, 14, 20)).as("outer IPv4 checksum").isTrue();
            assertThat(UdpHeader.checksum(f, 34)).as("udpcsum: non-zero").isNotZero();
            assertThat(UdpHeader.verifyChecksum(f, 34, u16(f, 38), u32(f, 26), u32(f, 30))).as("UDP checksum").isTrue();
        }
        Tshark.assertClean(ours);
    }

    private static int arpRefreshes(List<byte[]> sim) {
        return (int) sim.stream().skip(2).filter(VxlanCorpusTest::innerIsArp).count();
    }

    @Test
    void sourcePortsGroupByInnerAddressPairAndIdsCountPerDestination() throws IOException {
        VxlanCorpusLab lab = new VxlanCorpusLab();
        Path ours = dir.resolve("veth-a.pcap");
        lab.capture(lab.a, lab.a.device("veth-a"), ours);
        lab.runTraffic();
        List<byte[]> sim = vxlanFrames(PcapReader.read(ours));

        Set<Integer> nodePair = new HashSet<>();
        Set<Integer> podPair = new HashSet<>();
        Set<Integer> arp = new HashSet<>();
        for (byte[] f : sim) {
            int sport = u16(f, 34);
            assertThat(sport).isBetween(FlowHash.LOCAL_PORT_LOW, FlowHash.LOCAL_PORT_HIGH - 1);
            if (innerIsArp(f)) {
                arp.add(sport);
            } else if (u32(f, 50 + 26) == ip("10.244.1.2") || u32(f, 50 + 30) == ip("10.244.1.2")) {
                podPair.add(sport);
            } else {
                nodePair.add(sport);
            }
        }
        // as the kernel: one port per inner address pair, both directions, whatever the ICMP id, fragments too
        assertThat(nodePair).hasSize(1);
        assertThat(podPair).hasSize(1);
        assertThat(arp).hasSize(1);
        assertThat(Set.of(nodePair.iterator().next(), podPair.iterator().next(), arp.iterator().next())).hasSize(3);

        List<byte[]> fromA = sim.stream().filter(f -> u32(f, 26) == ip("192.0.2.1")).toList();
        for (byte[] f : fromA) {
            assertThat(u16(f, 18)).as("outer ID with DF clear").isNotZero();
        }
        // the two fragments of the 2000-byte ping leave back to back: consecutive outer IDs (0x6eb6, 0x6eb7 in the corpus)
        List<byte[]> frags = fromA.stream().filter(f -> !innerIsArp(f) && (u16(f, 50 + 20) & 0x3fff) != 0).toList();
        assertThat(frags.stream().map(f -> f.length).toList()).containsExactly(1508, 668);
        assertThat(u16(frags.get(1), 18)).isEqualTo((u16(frags.get(0), 18) + 1) & 0xffff);
    }

    @Test
    void devicesFdbAndPingsAsTheKernelShowsThem() throws IOException {
        VxlanCorpusLab lab = new VxlanCorpusLab();
        assertThat(lab.vxA.mtu()).isEqualTo(1450);
        assertThat(lab.vxA.config().ipLinkText())
                .isEqualTo("vxlan id 4096 remote 192.0.2.2 local 192.0.2.1 dev veth-a srcport 0 0 dstport 4789 ttl auto ageing 300 udpcsum");
        String facts = new String(VxlanCorpusTest.class.getResourceAsStream("/corpus/vxlan/linux-vxlan-facts.json").readAllBytes());
        assertThat(facts).contains("vxlan id 4096 remote 192.0.2.2 local 192.0.2.1 dev veth-a srcport 0 0 dstport 4789 ttl auto ageing 300 udpcsum");
        assertThat(lab.vxA.fdb().lines(0)).containsExactly("00:00:00:00:00:00 dst 192.0.2.2 via veth-a self permanent");
        lab.runTraffic();
        // fdb_A_after: the learned entry of node B's vxlan MAC, newest first
        assertThat(String.join("\n", lab.vxA.fdb().lines(lab.sim.now())) + "\n")
                .isEqualTo("02:42:0a:f4:00:02 dst 192.0.2.2 self\n00:00:00:00:00:00 dst 192.0.2.2 via veth-a self permanent\n");
        assertThat(facts).contains("02:42:0a:f4:00:02 dst 192.0.2.2 self \\n00:00:00:00:00:00 dst 192.0.2.2 via veth-a self permanent");
        var p = lab.pings;
        assertThat(p.get(2).result().received()).isEqualTo(2);
        assertThat(p.get(3).result().lines()).containsExactly("ping: local error: message too long, mtu=1450",
                "ping: local error: message too long, mtu=1450");
        assertThat(p.get(4).result().received()).isEqualTo(1);
        assertThat(p.get(5).result().lines().get(0)).startsWith("64 bytes from 10.244.0.2: icmp_seq=1 ttl=63");
        assertThat(p.get(6).result().lines()).containsExactly("From 10.244.1.1 icmp_seq=1 Frag needed and DF set (mtu = 1450)",
                "ping: local error: message too long, mtu=1450");
    }

    private static List<String> fields(List<byte[]> frames) {
        return frames.stream().map(VxlanCorpusTest::fixedFields).toList();
    }

    private static List<byte[]> vxlanFrames(PcapReader.Capture c) {
        List<byte[]> out = new ArrayList<>();
        for (PcapReader.Record r : c.records()) {
            if (isVxlan(r.data())) {
                out.add(r.data());
            }
        }
        return out;
    }

    private PcapReader.Capture readResource(String name) throws IOException {
        try (InputStream in = VxlanCorpusTest.class.getResourceAsStream(name)) {
            Path f = dir.resolve("real.pcap");
            Files.write(f, in.readAllBytes());
            return PcapReader.read(f);
        }
    }

    static int ip(String s) {
        return io.overlaysim.net.Ipv4Address.parse(s).bits();
    }

    static int u16(byte[] b, int at) {
        return ((b[at] & 0xff) << 8) | (b[at + 1] & 0xff);
    }

    static int u32(byte[] b, int at) {
        return (u16(b, at) << 16) | u16(b, at + 2);
    }

    static String hex(byte[] b, int off, int len) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < len; i++) {
            s.append(String.format("%02x", b[off + i] & 0xff));
        }
        return s.toString();
    }
}
