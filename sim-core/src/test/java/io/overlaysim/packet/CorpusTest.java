package io.overlaysim.packet;

import static org.assertj.core.api.Assertions.assertThat;

import io.overlaysim.capture.PcapReader;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import org.junit.jupiter.api.Test;

/** Every packet of the real captures decodes, re-encodes to the same bytes, and has correct checksums. */
class CorpusTest {
    static final List<String> ALL = Corpus.ALL;
    static final List<String> CORRECT = Corpus.CORRECT;

    @ParameterizedTest
    @FieldSource("ALL")
    void everyPacketDecodesAndReencodesToTheSameBytes(String file) {
        PcapReader.Capture c = Corpus.read(file);
        assertThat(c.linkType()).isEqualTo(Dissector.LINKTYPE_ETHERNET);
        assertThat(c.records()).isNotEmpty();
        for (int i = 0; i < c.records().size(); i++) {
            byte[] frame = c.records().get(i).data();
            Dissector.Dissection d = Dissector.dissect(c.linkType(), frame);
            assertThat(d.encode()).as("%s frame %d: %s", file, i + 1, d).isEqualTo(frame);
            assertThat(d.headers().size()).as("%s frame %d decoded past Ethernet", file, i + 1).isGreaterThan(1);
        }
    }

    @ParameterizedTest
    @FieldSource("CORRECT")
    void everyChecksumIsCorrect(String file) {
        Counts n = new Counts();
        for (PcapReader.Record r : Corpus.read(file).records()) {
            checkFrame(r.data(), n, true);
        }
        n.reassembleAndCheck();
        assertThat(n.bad).as(file).isEmpty();
        assertThat(n.ipv4).as(file + ": IPv4 headers checked").isPositive();
        assertThat(n.transport).as(file + ": ICMP/UDP/TCP checksums checked").isPositive();
    }

    @Test
    void checksumCountsCoverEveryLayer() {
        Counts under = new Counts();
        Corpus.read(Corpus.UNDERLAY).records().forEach(r -> checkFrame(r.data(), under, true));
        under.reassembleAndCheck();
        // 24 VXLAN frames: outer IPv4 + UDP each, and 20 inner IPv4 (4 inner ARP have none);
        // 16 whole inner ICMP plus 2 fragmented echoes reassembled = 18 ICMP (tshark agrees).
        assertThat(under.ipv4).isEqualTo(24 + 20);
        assertThat(under.udp).isEqualTo(24);
        assertThat(under.icmp).isEqualTo(18);
        Counts bgp = new Counts();
        Corpus.read("bird-gobgp-ibgp.pcap").records().forEach(r -> checkFrame(r.data(), bgp, true));
        assertThat(bgp.tcp).isEqualTo(39);
    }

    /**
     * The lo-raw files carry the offloaded partial TCP checksum (the pseudo-header sum only):
     * every TCP checksum fails, and filling it in gives the fixed file byte for byte.
     */
    @Test
    void loRawFilesDifferFromTheFixedOnesOnlyInTheTcpChecksum() {
        for (String kind : List.of("ibgp", "ebgp")) {
            var raw = Corpus.read("bird-gobgp-" + kind + ".lo-raw.pcap").records();
            var fixed = Corpus.read("bird-gobgp-" + kind + ".pcap").records();
            assertThat(raw).hasSameSizeAs(fixed);
            for (int i = 0; i < raw.size(); i++) {
                byte[] b = raw.get(i).data().clone();
                int ip = EthernetHeader.LENGTH;
                int tcp = ip + Ipv4Header.headerLength(b, ip);
                int len = Ipv4Header.totalLength(b, ip) - Ipv4Header.headerLength(b, ip);
                int src = Ipv4Header.source(b, ip);
                int dst = Ipv4Header.destination(b, ip);
                assertThat(TcpHeader.verifyChecksum(b, tcp, len, src, dst)).isFalse();
                // What the kernel left there: the folded pseudo-header sum (~csum_tcpudp_magic).
                assertThat(TcpHeader.checksum(b, tcp))
                        .isEqualTo(Checksum.fold(Checksum.pseudoHeader(src, dst, IpProtocol.TCP, len)));
                TcpHeader.fillChecksum(b, tcp, len, src, dst);
                assertThat(b).isEqualTo(fixed.get(i).data());
            }
        }
    }

    /** Checks every checksum in one frame, walking the dissected headers with the views. */
    static void checkFrame(byte[] frame, Counts n, boolean ethernet) {
        Dissector.Dissection d = ethernet ? Dissector.dissectEthernet(frame) : Dissector.dissectIpv4(frame);
        int off = 0;
        int ipOff = -1;
        for (Header h : d.headers()) {
            switch (h) {
                case Ipv4Header.Fields ip -> {
                    ipOff = off;
                    n.ipv4++;
                    n.expect(Ipv4Header.verifyChecksum(frame, off), "IPv4 header at " + off);
                    if (Ipv4Header.isFragment(frame, off)) {
                        n.fragment(frame, off);
                    }
                }
                case IcmpHeader.Fields icmp -> {
                    if (!Ipv4Header.isFragment(frame, ipOff)) {
                        n.icmp++;
                        n.expect(IcmpHeader.verifyChecksum(frame, off, transportLength(frame, ipOff)), "ICMP at " + off);
                    }
                }
                case UdpHeader.Fields udp -> {
                    n.udp++;
                    n.expect(udp.checksum() != 0, "UDP checksum present at " + off);
                    n.expect(UdpHeader.verifyChecksum(frame, off, transportLength(frame, ipOff),
                            Ipv4Header.source(frame, ipOff), Ipv4Header.destination(frame, ipOff)), "UDP at " + off);
                }
                case TcpHeader.Fields tcp -> {
                    n.tcp++;
                    n.expect(TcpHeader.verifyChecksum(frame, off, transportLength(frame, ipOff),
                            Ipv4Header.source(frame, ipOff), Ipv4Header.destination(frame, ipOff)), "TCP at " + off);
                }
                default -> { }
            }
            off += h.length();
        }
    }

    static int transportLength(byte[] b, int ipOff) {
        return Ipv4Header.totalLength(b, ipOff) - Ipv4Header.headerLength(b, ipOff);
    }

    /** Checksum tallies, and the fragments held back until their datagram is whole. */
    static final class Counts {
        int ipv4;
        int icmp;
        int udp;
        int tcp;
        int transport;
        final List<String> bad = new ArrayList<>();
        private final Map<String, List<byte[]>> fragments = new HashMap<>();

        void expect(boolean ok, String what) {
            if (!what.startsWith("IPv4")) {
                transport++;
            }
            if (!ok) {
                bad.add(what);
            }
        }

        void fragment(byte[] b, int ip) {
            String key = Ipv4Header.source(b, ip) + ">" + Ipv4Header.destination(b, ip) + "#"
                    + Ipv4Header.identification(b, ip) + "/" + Ipv4Header.protocol(b, ip);
            fragments.computeIfAbsent(key, k -> new ArrayList<>())
                    .add(java.util.Arrays.copyOfRange(b, ip, ip + Ipv4Header.totalLength(b, ip)));
        }

        /** Reassembles each fragmented datagram (ip_defrag, in order of offset) and checks its ICMP checksum. */
        void reassembleAndCheck() {
            for (var e : fragments.entrySet()) {
                List<byte[]> parts = new ArrayList<>(e.getValue());
                parts.sort(java.util.Comparator.comparingInt(p -> Ipv4Header.fragmentOffset(p, 0)));
                ByteArrayOutputStream payload = new ByteArrayOutputStream();
                for (byte[] p : parts) {
                    assertThat(Ipv4Header.fragmentOffset(p, 0) * 8).as(e.getKey()).isEqualTo(payload.size());
                    payload.write(p, Ipv4Header.headerLength(p, 0), p.length - Ipv4Header.headerLength(p, 0));
                }
                assertThat(Ipv4Header.moreFragments(parts.get(parts.size() - 1), 0)).isFalse();
                byte[] whole = payload.toByteArray();
                assertThat(Ipv4Header.protocol(parts.get(0), 0)).isEqualTo(IpProtocol.ICMP);
                icmp++;
                expect(IcmpHeader.verifyChecksum(whole, 0, whole.length), "reassembled ICMP " + e.getKey());
            }
            fragments.clear();
        }
    }
}
