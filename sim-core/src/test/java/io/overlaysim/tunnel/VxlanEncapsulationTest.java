package io.overlaysim.tunnel;

import static org.assertj.core.api.Assertions.assertThat;

import io.overlaysim.engine.Simulation;
import io.overlaysim.net.Ipv4Address;
import io.overlaysim.node.Node;
import io.overlaysim.packet.EtherType;
import io.overlaysim.packet.EthernetHeader;
import io.overlaysim.packet.IpProtocol;
import io.overlaysim.packet.Ipv4Header;
import io.overlaysim.packet.PacketBuffer;
import io.overlaysim.packet.UdpHeader;
import io.overlaysim.packet.VxlanHeader;
import io.overlaysim.topology.Topology;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The fast paths of VXLAN encapsulation (headers written as whole words, checksums summed from
 * values, the flow hash and IP ID buckets memoised) give exactly the bytes the field-by-field
 * writers and the byte-by-byte checksum give.
 */
class VxlanEncapsulationTest {
    private static final int SADDR = Ipv4Address.parseBits("10.0.0.1");
    private static final int VTEP = Ipv4Address.parseBits("10.0.0.2");

    private static Node node(Simulation sim) {
        return Topology.chain(sim, "A", "B").node("A");
    }

    /** An Ethernet frame of {@code len} bytes: IPv4 UDP toward a varying destination, random payload. */
    private static byte[] frame(SplittableRandom r, int len) {
        byte[] f = new byte[len];
        r.nextBytes(f);
        EthernetHeader.write(f, 0, 0x02420af40002L, 0x02420af40001L, EtherType.IPV4);
        Ipv4Header.write(f, 14, 0, len - 14, r.nextInt(0x10000), 0, 64, IpProtocol.UDP, Ipv4Address.parseBits("10.244.1.2"),
                Ipv4Address.parseBits("10.244.0.2") + r.nextInt(50));
        return f;
    }

    private static void put(byte[] b, int at, int v, int n) {
        for (int i = 0; i < n; i++) {
            b[at + i] = (byte) (v >>> (8 * (n - 1 - i)));
        }
    }

    @Test
    void encapsulationWritesWhatTheFieldWritersAndTheByteChecksumWrite() {
        Simulation sim = new Simulation(7);
        Node a = node(sim);
        VxlanDevice v = Vxlan.of(a).add("vxlan0", 0x02420af40001L, VxlanConfig.of(0x12_3456).withPort(4789).withLocal("10.0.0.1"));
        SplittableRandom r = new SplittableRandom(1);
        for (int len = 34; len < 140; len++) {
            byte[] f = frame(r, len);
            PacketBuffer p = PacketBuffer.copyOf(f);
            v.encapsulate(p, SADDR, VTEP, 1500);
            byte[] b = p.array();
            int ip = p.start();
            int udp = ip + Ipv4Header.MIN_LENGTH;
            int udpLen = len + UdpHeader.LENGTH + VxlanHeader.LENGTH;
            int sport = FlowHash.udpSourcePort(FlowHash.of(a).ofFrame(f, 0, len), 0, 0);

            byte[] expected = new byte[Ipv4Header.MIN_LENGTH + udpLen];
            // the outer IPv4 header byte by byte: 45, TOS 0, length, ID (below), no DF, TTL 64, UDP, addresses
            expected[0] = 0x45;
            put(expected, 2, expected.length, 2);
            expected[8] = 64;
            expected[9] = (byte) IpProtocol.UDP;
            put(expected, 12, SADDR, 4);
            put(expected, 16, VTEP, 4);
            UdpHeader.write(expected, 20, sport, 4789, udpLen);
            VxlanHeader.write(expected, 28, 0x12_3456);
            System.arraycopy(f, 0, expected, 36, len);
            UdpHeader.fillChecksum(expected, 20, udpLen, SADDR, VTEP);
            // the outer ID comes from IpIdents (DF unset): take it over, then the header checksum must hold for it
            System.arraycopy(b, ip + 4, expected, 4, 2);
            Ipv4Header.fillChecksum(expected, 0);

            assertThat(Arrays.copyOfRange(b, ip, p.end())).as("frame of %d bytes", len).isEqualTo(expected);
            assertThat(Ipv4Header.verifyChecksum(b, ip)).isTrue();
            assertThat(UdpHeader.verifyChecksum(b, udp, udpLen, SADDR, VTEP)).isTrue();
        }
    }

    @Test
    void flowHashesAreTheSameWhateverTheOrderTheMemoSawThem() {
        Node a = node(new Simulation(1));
        Node b = node(new Simulation(2));
        FlowHash ha = FlowHash.of(a);
        FlowHash hb = FlowHash.of(b);
        ha.reseed(11, 22);
        hb.reseed(11, 22);
        SplittableRandom r = new SplittableRandom(3);
        byte[][] frames = new byte[1000][];
        for (int i = 0; i < frames.length; i++) {
            frames[i] = frame(r, 60);
        }
        int[] forward = new int[frames.length];
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < frames.length; i++) {
                forward[i] = ha.ofFrame(frames[i], 0, 60);
            }
        }
        for (int i = frames.length - 1; i >= 0; i--) {
            assertThat(hb.ofFrame(frames[i], 0, 60)).isEqualTo(forward[i]);
        }
        // a new key forgets the memo: the same values as another kernel with that key
        ha.reseed(33, 44);
        hb.reseed(33, 44);
        assertThat(ha.ofFrame(frames[0], 0, 60)).isEqualTo(hb.ofFrame(frames[0], 0, 60)).isNotEqualTo(forward[0]);
    }

    @Test
    void backToBackIdsToOneDestinationStayConsecutiveWhileOthersShareItsMemoSlot() {
        IpIdents ids = IpIdents.of(node(new Simulation(5)));
        int dst = Ipv4Address.parseBits("10.0.0.2");
        int first = ids.select(dst, SADDR, IpProtocol.UDP);
        for (int i = 1; i <= 20; i++) {
            // dst + 64 * i lands in the same memo slot (same low six bits, same upper half)
            ids.select(dst + 64 * i, SADDR, IpProtocol.UDP);
            assertThat(ids.select(dst, SADDR, IpProtocol.UDP)).isEqualTo((first + i) & 0xffff);
        }
    }
}
