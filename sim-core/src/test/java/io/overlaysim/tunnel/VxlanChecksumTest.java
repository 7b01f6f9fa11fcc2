package io.overlaysim.tunnel;

import static org.assertj.core.api.Assertions.assertThat;

import io.overlaysim.engine.Simulation;
import io.overlaysim.net.Ipv4Address;
import io.overlaysim.node.Node;
import io.overlaysim.packet.DropReason;
import io.overlaysim.packet.EtherType;
import io.overlaysim.packet.EthernetHeader;
import io.overlaysim.packet.IpProtocol;
import io.overlaysim.packet.Ipv4Header;
import io.overlaysim.packet.PacketBuffer;
import io.overlaysim.packet.TcpHeader;
import io.overlaysim.packet.UdpHeader;
import io.overlaysim.packet.VxlanHeader;
import io.overlaysim.topology.Topology;
import io.overlaysim.transport.UdpStack;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The outer UDP checksum of VXLAN with local checksum offload (a {@code CHECKSUM_PARTIAL}
 * inner segment) is the one summed over the frame, and the receiver still checks every byte:
 * a frame corrupted on the way is dropped, whatever way its checksum was made. The receive
 * side's memo of the last (port, VNI) device follows every change.
 *
 * <pre>
 *   A (vxlan VNI 1 and 2) ──── B (vxlan VNI 1 and 2)
 * </pre>
 */
class VxlanChecksumTest {
    private static final long MAC_A = 0x02420af40001L;
    private static final long MAC_B = 0x02420af40002L;
    /** Outer IPv4, UDP, VXLAN, inner Ethernet and IPv4 (no options): the inner L4 header's offset. */
    private static final int INNER_L4 = Ipv4Header.MIN_LENGTH + UdpHeader.LENGTH + VxlanHeader.LENGTH + EthernetHeader.LENGTH
            + Ipv4Header.MIN_LENGTH;

    /** An inner frame with a TCP or UDP segment of {@code payload} random bytes, checksums filled, marked partial. */
    private static PacketBuffer innerFrame(SplittableRandom r, boolean tcp, int payload) {
        int l4len = (tcp ? TcpHeader.MIN_LENGTH : UdpHeader.LENGTH) + payload;
        int len = EthernetHeader.LENGTH + Ipv4Header.MIN_LENGTH + l4len;
        PacketBuffer p = PacketBuffer.allocate(len);
        int eth = p.put(len);
        byte[] b = p.array();
        for (int i = eth; i < eth + len; i++) {
            b[i] = (byte) r.nextInt();
        }
        EthernetHeader.write(b, eth, MAC_B, MAC_A, EtherType.IPV4);
        int src = Ipv4Address.parseBits("10.244.0.2");
        int dst = Ipv4Address.parseBits("10.244.1.2") + r.nextInt(100);
        Ipv4Header.write(b, eth + 14, 0, len - 14, r.nextInt(0x10000), Ipv4Header.DF, 63, tcp ? IpProtocol.TCP : IpProtocol.UDP, src, dst);
        int l4 = eth + 34;
        if (tcp) {
            b[l4 + 12] = 0x50;
            TcpHeader.fillChecksum(b, l4, l4len, src, dst);
        } else {
            UdpHeader.write(b, l4, 1024 + r.nextInt(60000), 53, l4len);
            UdpHeader.fillChecksum(b, l4, l4len, src, dst);
        }
        p.setChecksumPartial(l4);
        return p;
    }

    @Test
    void theOuterUdpChecksumOnLcoIsTheFullSum() {
        Simulation sim = new Simulation(3);
        Node a = Topology.chain(sim, "A", "B").node("A");
        VxlanDevice v = Vxlan.of(a).add("vxlan0", MAC_A, VxlanConfig.of(4096).withPort(4789).withLocal("10.0.0.1"));
        int saddr = Ipv4Address.parseBits("10.0.0.1");
        int vtep = Ipv4Address.parseBits("10.0.0.2");
        SplittableRandom r = new SplittableRandom(11);
        for (int payload = 0; payload < 1400; payload += 1 + r.nextInt(5)) {
            PacketBuffer marked = innerFrame(r, (payload & 1) == 0, payload);
            PacketBuffer plain = marked.copy();
            plain.clearChecksumPartial();
            v.encapsulate(marked, saddr, vtep, 1500);
            v.encapsulate(plain, saddr, vtep, 1500);
            byte[] m = marked.toByteArray();
            byte[] f = plain.toByteArray();
            // from the outer UDP header on (the outer IP IDs differ: two packets)
            assertThat(Arrays.copyOfRange(m, 20, m.length)).isEqualTo(Arrays.copyOfRange(f, 20, f.length));
            assertThat(UdpHeader.verifyChecksum(m, 20, m.length - 20, saddr, vtep)).isTrue();
        }
    }

    @Test
    void theReceiverDropsAFrameCorruptedOnTheWayAndTakesAnIntactOne() {
        Simulation sim = new Simulation(4);
        Topology t = Topology.chain(sim, "A", "B");
        Node a = t.node("A");
        Node b = t.node("B");
        VxlanDevice va = Vxlan.of(a).add("vxlan0", MAC_A, VxlanConfig.of(1).withPort(4789).withLearning(false));
        VxlanDevice vb = Vxlan.of(b).add("vxlan0", MAC_B, VxlanConfig.of(1).withPort(4789).withLearning(false));
        int aAddr = a.address("eth0");
        int bAddr = b.address("eth0");
        SplittableRandom r = new SplittableRandom(12);
        for (boolean lco : new boolean[] {true, false}) {
            for (int at = INNER_L4 + 9; at < INNER_L4 + 9 + 40; at += 13) {
                // a short frame (summed over its bytes) and a long one (lco_csum when marked)
                PacketBuffer p = innerFrame(r, at % 2 == 0, at % 3 == 0 ? 56 : 1000);
                if (!lco) {
                    p.clearChecksumPartial();
                }
                a.created(p, "test");
                va.encapsulate(p, aAddr, bAddr, 1500);
                p.array()[p.start() + at] ^= 0x20;   // one bit flipped in the inner segment's payload
                long before = b.ledger().summary().dropped(DropReason.BAD_CHECKSUM);
                UdpStack.of(b).receive(b, p, b.device("eth0"));
                assertThat(b.ledger().summary().dropped(DropReason.BAD_CHECKSUM)).isEqualTo(before + 1);
            }
        }
        assertThat(vb.counters().rxPackets()).isZero();
        PacketBuffer p = innerFrame(r, false, 56);
        a.created(p, "test");
        va.encapsulate(p, aAddr, bAddr, 1500);
        UdpStack.of(b).receive(b, p, b.device("eth0"));
        assertThat(vb.counters().rxPackets()).isEqualTo(1);
    }

    @Test
    void eachDatagramGoesToTheDeviceOfItsVniAsDevicesComeAndGoDown() {
        Simulation sim = new Simulation(5);
        Topology t = Topology.chain(sim, "A", "B");
        Node a = t.node("A");
        Node b = t.node("B");
        VxlanDevice a1 = Vxlan.of(a).add("vx1", MAC_A, VxlanConfig.of(1).withPort(4789).withLearning(false));
        VxlanDevice a2 = Vxlan.of(a).add("vx2", MAC_A + 1, VxlanConfig.of(2).withPort(4789).withLearning(false));
        Vxlan rx = Vxlan.of(b);
        VxlanDevice b1 = rx.add("vx1", MAC_B, VxlanConfig.of(1).withPort(4789).withLearning(false));
        SplittableRandom r = new SplittableRandom(13);
        // VNI 2 before its device exists, then after
        assertThat(decapsulate(rx, a2, a, b, r)).isNull();
        VxlanDevice b2 = rx.add("vx2", MAC_B + 1, VxlanConfig.of(2).withPort(4789).withLearning(false));
        assertThat(decapsulate(rx, a2, a, b, r)).isSameAs(b2);
        assertThat(decapsulate(rx, a1, a, b, r)).isSameAs(b1);
        assertThat(decapsulate(rx, a1, a, b, r)).isSameAs(b1);
        assertThat(decapsulate(rx, a2, a, b, r)).isSameAs(b2);
        b2.setAdminUp(false);
        assertThat(decapsulate(rx, a2, a, b, r)).isNull();
        b2.setAdminUp(true);
        assertThat(decapsulate(rx, a2, a, b, r)).isSameAs(b2);
        assertThat(b.ledger().summary().dropped(DropReason.VXLAN_VNI_NOT_FOUND)).isEqualTo(2);
    }

    private static VxlanDevice decapsulate(Vxlan rx, VxlanDevice from, Node a, Node b, SplittableRandom r) {
        PacketBuffer p = innerFrame(r, false, 20);
        a.created(p, "test");
        from.encapsulate(p, a.address("eth0"), b.address("eth0"), 1500);
        return rx.decapsulate(p, b.device("eth0"), p.start() + Ipv4Header.MIN_LENGTH);
    }
}
