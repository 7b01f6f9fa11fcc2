package io.overlaysim.packet;

import static org.assertj.core.api.Assertions.assertThat;

import io.overlaysim.net.Ipv4Address;
import io.overlaysim.net.MacAddress;
import org.junit.jupiter.api.Test;

/**
 * Packets built from nothing with {@link PacketBuffer} and the header views, checked against
 * hand-computed bytes or, byte for byte, against what the Linux kernel put on the wire in the
 * corpus captures (which tshark's pcap-check found without a bad checksum).
 */
class BuildFromScratchTest {
    private static final int POD = ip("10.244.1.2");
    private static final int NODE_A_POD_SIDE = ip("10.244.1.1");
    private static final long POD_MAC = mac("02:00:0a:f4:01:02");
    private static final long VETH_POD_MAC = mac("02:00:0a:f4:01:01");

    @Test
    void icmpEchoAgainstHandComputedChecksum() {
        PacketBuffer p = PacketBuffer.allocate(12);
        int icmp = p.put(12);
        byte[] b = p.array();
        IcmpHeader.writeEcho(b, icmp, IcmpHeader.ECHO_REQUEST, 0x1234, 1);
        b[icmp + 8] = 'a';
        b[icmp + 9] = 'b';
        b[icmp + 10] = 'c';
        b[icmp + 11] = 'd';
        IcmpHeader.fillChecksum(b, icmp, 12);
        // 0x0800 + 0x1234 + 0x0001 + 0x6162 + 0x6364 = 0xdefb; ~0xdefb = 0x2104.
        assertThat(p.toByteArray()).containsExactly(
                0x08, 0x00, 0x21, 0x04, 0x12, 0x34, 0x00, 0x01, 'a', 'b', 'c', 'd');
    }

    @Test
    void podEchoRequestEqualsTheKernels() {
        byte[] real = Corpus.frame(Corpus.PODSIDE, 3);   // ping -s 56 from the pod, 98 bytes
        int realIcmp = 14 + 20;
        // Payload (timestamp + pattern) as ping wrote it; every header built by us.
        PacketBuffer p = PacketBuffer.copyOf(real, realIcmp + 8, 56);
        int icmp = p.push(IcmpHeader.LENGTH);
        IcmpHeader.writeEcho(p.array(), icmp, IcmpHeader.ECHO_REQUEST, 16340, 1);
        IcmpHeader.fillChecksum(p.array(), icmp, p.length());
        int ip = p.push(Ipv4Header.MIN_LENGTH);
        Ipv4Header.write(p.array(), ip, 0, p.length(), 0x52ca, Ipv4Header.DF, 64, IpProtocol.ICMP, POD, ip("10.244.0.2"));
        int eth = p.push(EthernetHeader.LENGTH);
        EthernetHeader.write(p.array(), eth, VETH_POD_MAC, POD_MAC, EtherType.IPV4);
        assertThat(p.toByteArray()).isEqualTo(real);
    }

    /**
     * Node A forwards the pod's 1478-byte DF echo toward the 1450-byte vxlan device and answers
     * with fragmentation needed, MTU 1450 (podside frames 7 and 8). __icmp_send quotes
     * min(576, route MTU 1500) - 20 - 8 = 548 bytes of the datagram, TOS is the original's
     * with precedence "internetwork control" (0xc0), TTL 64, DF clear.
     */
    @Test
    void fragNeededErrorEqualsTheKernels() {
        byte[] offending = Corpus.frame(Corpus.PODSIDE, 7);
        byte[] real = Corpus.frame(Corpus.PODSIDE, 8);
        int dgram = EthernetHeader.LENGTH;
        int dgramLength = Ipv4Header.totalLength(offending, dgram);
        assertThat(dgramLength).isEqualTo(1478);
        int quote = IcmpHeader.errorQuoteLength(dgramLength, 1500, 0);
        assertThat(quote).isEqualTo(548);

        PacketBuffer p = PacketBuffer.allocate(IcmpHeader.LENGTH + quote);
        int icmp = p.put(IcmpHeader.LENGTH + quote);
        IcmpHeader.writeError(p.array(), icmp, IcmpHeader.DESTINATION_UNREACHABLE,
                IcmpHeader.CODE_FRAGMENTATION_NEEDED, 1450, offending, dgram, quote);
        int ip = p.push(Ipv4Header.MIN_LENGTH);
        int tos = Ipv4Header.tos(offending, dgram) | 0xc0;   // RT_TOS(iph->tos) | IPTOS_PREC_INTERNETCONTROL
        Ipv4Header.write(p.array(), ip, tos, p.length(), 0x1fda, 0, 64, IpProtocol.ICMP, NODE_A_POD_SIDE, POD);
        int eth = p.push(EthernetHeader.LENGTH);
        EthernetHeader.write(p.array(), eth, POD_MAC, VETH_POD_MAC, EtherType.IPV4);

        assertThat(p.length()).isEqualTo(14 + 576);
        assertThat(p.toByteArray()).isEqualTo(real);
    }

    @Test
    void errorQuoteLengthFollowsIcmpSend() {
        assertThat(IcmpHeader.errorQuoteLength(84, 1500, 0)).isEqualTo(84);      // small: all of it
        assertThat(IcmpHeader.errorQuoteLength(1500, 1500, 0)).isEqualTo(548);   // capped by 576
        assertThat(IcmpHeader.errorQuoteLength(1500, 1500, 8)).isEqualTo(540);   // reply options
        assertThat(IcmpHeader.errorQuoteLength(1500, 300, 0)).isEqualTo(272);    // small route MTU
        assertThat(IcmpHeader.errorQuoteLength(1500, 68, 0)).isEqualTo(40);
        assertThat(IcmpHeader.errorQuoteLength(1500, 48, 0)).isEqualTo(-1);     // room 20: no error
    }

    /**
     * The overlay echo request (overlay frame 3) encapsulated as vxlan4096 does it (underlay
     * frame 5): VXLAN I flag + VNI 4096, UDP to 4789 with a computed checksum, outer TTL 64,
     * DF clear, TOS 0. The outer IP id and UDP source port are per-boot values, taken from the
     * capture.
     */
    @Test
    void vxlanInUdpFrameEqualsTheKernels() {
        byte[] inner = Corpus.frame(Corpus.OVERLAY, 3);
        byte[] real = Corpus.frame(Corpus.UNDERLAY, 5);
        PacketBuffer p = PacketBuffer.copyOf(inner);
        byte[] before = p.array();

        int vx = p.push(VxlanHeader.LENGTH);
        VxlanHeader.write(p.array(), vx, 4096);
        int udp = p.push(UdpHeader.LENGTH);
        UdpHeader.write(p.array(), udp, 46850, VxlanHeader.UDP_PORT, p.length());
        int src = ip("192.0.2.1");
        int dst = ip("192.0.2.2");
        UdpHeader.fillChecksum(p.array(), udp, p.length(), src, dst);
        int ip = p.push(Ipv4Header.MIN_LENGTH);
        Ipv4Header.write(p.array(), ip, 0, p.length(), 0x6d5c, 0, 64, IpProtocol.UDP, src, dst);
        int eth = p.push(EthernetHeader.LENGTH);
        EthernetHeader.write(p.array(), eth, mac("02:00:c0:00:02:02"), mac("02:00:c0:00:02:01"), EtherType.IPV4);

        assertThat(p.array()).as("encapsulated in place, no copy").isSameAs(before);
        assertThat(p.length()).isEqualTo(inner.length + 50);
        assertThat(p.toByteArray()).isEqualTo(real);

        // And back: decapsulation only moves the start.
        p.pull(EthernetHeader.LENGTH + Ipv4Header.MIN_LENGTH + UdpHeader.LENGTH + VxlanHeader.LENGTH);
        assertThat(p.toByteArray()).isEqualTo(inner);
    }

    @Test
    void forwardingDecrementsTtlLikeTheKernel() {
        // Pod echo (podside frame 3, TTL 64) leaves node A into the overlay with TTL 63
        // (overlay frame 21 carries the forwarded request, README: "inner TTL 63").
        byte[] received = Corpus.frame(Corpus.PODSIDE, 3);
        byte[] b = received.clone();
        assertThat(Ipv4Header.decrementTtl(b, 14)).isEqualTo(63);
        assertThat(Ipv4Header.verifyChecksum(b, 14)).isTrue();
        byte[] forwarded = Corpus.read(Corpus.OVERLAY).records().stream().map(r -> r.data())
                .filter(f -> f.length == received.length && Ipv4Header.source(f, 14) == POD
                        && IcmpHeader.type(f, 34) == IcmpHeader.ECHO_REQUEST && IcmpHeader.sequence(f, 34) == 1)
                .findFirst().orElseThrow();
        assertThat(java.util.Arrays.copyOfRange(b, 14, b.length))
                .isEqualTo(java.util.Arrays.copyOfRange(forwarded, 14, forwarded.length));
    }

    private static int ip(String s) {
        return Ipv4Address.parse(s).bits();
    }

    private static long mac(String s) {
        return MacAddress.parse(s).bits();
    }
}
