package io.overlaysim.tunnel;

import static org.assertj.core.api.Assertions.assertThat;

import io.overlaysim.engine.Simulation;
import io.overlaysim.net.Ipv4Address;
import io.overlaysim.packet.EtherType;
import io.overlaysim.packet.EthernetHeader;
import io.overlaysim.packet.IpProtocol;
import io.overlaysim.packet.Ipv4Header;
import io.overlaysim.topology.Topology;
import org.junit.jupiter.api.Test;

/**
 * The flow keys {@link FlowHash} reads from an IPv4 header (read as whole words): addresses in
 * either order, the protocol, and the ports only of an unfragmented TCP/UDP/SCTP packet, found
 * after the header's options.
 */
class FlowHashTest {
    private static final int A = Ipv4Address.parseBits("10.244.1.2");
    private static final int B = Ipv4Address.parseBits("10.244.0.2");

    private final FlowHash hash = FlowHash.of(Topology.chain(new Simulation(1), "A", "B").node("A"));

    /** An IPv4 packet with {@code optionWords} words of options and the 4 bytes after them {@code sport, dport}. */
    private static byte[] packet(int proto, int src, int dst, int sport, int dport, int flagsAndOffset, int optionWords) {
        int hl = Ipv4Header.MIN_LENGTH + 4 * optionWords;
        byte[] p = new byte[hl + 8];
        Ipv4Header.write(p, 0, 0, p.length, 7, flagsAndOffset, 64, proto, src, dst);
        if (optionWords > 0) {
            p[0] = (byte) (0x40 | (hl / 4));
            for (int i = Ipv4Header.MIN_LENGTH; i < hl; i++) {
                p[i] = 1; // NOP options
            }
        }
        p[hl] = (byte) (sport >>> 8);
        p[hl + 1] = (byte) sport;
        p[hl + 2] = (byte) (dport >>> 8);
        p[hl + 3] = (byte) dport;
        return p;
    }

    private int of(byte[] p) {
        return hash.ofIpv4(p, 0, p.length);
    }

    @Test
    void portsCountForUdpAndTcpInEitherDirectionAfterOptions() {
        for (int proto : new int[] {IpProtocol.UDP, IpProtocol.TCP}) {
            for (int options = 0; options <= 2; options++) {
                int h = of(packet(proto, A, B, 40000, 5201, 0, options));
                assertThat(of(packet(proto, B, A, 5201, 40000, Ipv4Header.DF, 0))).isEqualTo(h);
                assertThat(of(packet(proto, A, B, 40001, 5201, 0, options))).isNotEqualTo(h);
                assertThat(of(packet(proto, A, B, 40000, 5202, 0, options))).isNotEqualTo(h);
            }
        }
        assertThat(of(packet(IpProtocol.UDP, A, B, 1, 2, 0, 0))).isNotEqualTo(of(packet(IpProtocol.TCP, A, B, 1, 2, 0, 0)));
    }

    @Test
    void fragmentsAndIcmpHashWithoutPorts() {
        int first = of(packet(IpProtocol.UDP, A, B, 40000, 5201, Ipv4Header.MF, 0));
        // a later fragment's first bytes are payload: they must not count
        assertThat(of(packet(IpProtocol.UDP, A, B, 0x1234, 0x5678, 185, 0))).isEqualTo(first);
        assertThat(of(packet(IpProtocol.UDP, B, A, 9, 9, Ipv4Header.MF | 185, 1))).isEqualTo(first);
        assertThat(of(packet(IpProtocol.UDP, A, B, 40000, 5201, 0, 0))).isNotEqualTo(first);
        int echo = of(packet(IpProtocol.ICMP, A, B, 0x0800, 0x4242, Ipv4Header.DF, 0));
        assertThat(of(packet(IpProtocol.ICMP, B, A, 0x0000, 0x4343, 0, 0))).isEqualTo(echo);
        assertThat(of(packet(IpProtocol.ICMP, A, B + 1, 0x0800, 0x4242, 0, 0))).isNotEqualTo(echo);
    }

    @Test
    void aFrameHashesAsItsIpv4Packet() {
        byte[] p = packet(IpProtocol.UDP, A, B, 40000, 5201, 0, 1);
        byte[] f = new byte[EthernetHeader.LENGTH + p.length];
        EthernetHeader.write(f, 0, 0x02420af40002L, 0x02420af40001L, EtherType.IPV4);
        System.arraycopy(p, 0, f, EthernetHeader.LENGTH, p.length);
        assertThat(hash.ofFrame(f, 0, f.length)).isEqualTo(of(p));
        // too short for ports: the addresses and protocol alone, as for a fragment
        assertThat(hash.ofIpv4(p, 0, Ipv4Header.MIN_LENGTH + 4 + 3))
                .isEqualTo(of(packet(IpProtocol.UDP, A, B, 1, 1, 185, 0)));
    }
}
