package io.overlaysim.packet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.overlaysim.net.Ipv4Address;
import io.overlaysim.net.MacAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

/** encode → decode → encode gives the same bytes, for each codec; views read what was written. */
class CodecRoundTripTest {
    private static final MacAddress A = MacAddress.parse("02:42:0a:f4:00:01");
    private static final MacAddress B = MacAddress.parse("02:42:0a:f4:00:02");

    /** Encodes {@code h} at offset 3 of a buffer, decodes it back, and re-encodes. */
    private static <H extends Header> H roundTrip(H h, Decoder<H> decoder) {
        byte[] first = new byte[h.length() + 6];
        assertThat(h.encode(first, 3)).isEqualTo(h.length());
        H decoded = decoder.decode(first, 3, h.length());
        assertThat(decoded).isEqualTo(h);
        byte[] second = new byte[first.length];
        decoded.encode(second, 3);
        assertThat(second).isEqualTo(first);
        return decoded;
    }

    @FunctionalInterface
    interface Decoder<H> {
        H decode(byte[] b, int off, int len);
    }

    @Test
    void ethernetUntaggedAndTagged() {
        roundTrip(new EthernetHeader.Fields(B, A, EtherType.IPV4), EthernetHeader::decode);
        var tagged = new EthernetHeader.Fields(MacAddress.BROADCAST, A, List.of(
                new EthernetHeader.VlanTag(EtherType.QINQ, 0, 0, 100),
                new EthernetHeader.VlanTag(EtherType.VLAN, 5, 1, 4094)), EtherType.ARP);
        assertThat(tagged.length()).isEqualTo(22);
        byte[] b = new byte[22];
        tagged.encode(b, 0);
        assertThat(EthernetHeader.headerLength(b, 0, 22)).isEqualTo(22);
        assertThat(EthernetHeader.etherType(b, 0)).isEqualTo(EtherType.QINQ);
        assertThat(EthernetHeader.payloadType(b, 0, 22)).isEqualTo(EtherType.ARP);
        assertThat(b[18] & 0xff).isEqualTo(0xbf);   // second TCI: PCP 5, DEI 1, VID 0xffe = 1011 1111 1111 1110
        assertThat(b[19] & 0xff).isEqualTo(0xfe);
        roundTrip(tagged, EthernetHeader::decode);
    }

    @Test
    void ethernetViewsWriteInPlace() {
        byte[] b = new byte[14];
        EthernetHeader.write(b, 0, B.bits(), A.bits(), EtherType.IPV4);
        assertThat(EthernetHeader.destination(b, 0)).isEqualTo(B.bits());
        assertThat(EthernetHeader.source(b, 0)).isEqualTo(A.bits());
        assertThat(EthernetHeader.decode(b, 0, 14)).isEqualTo(new EthernetHeader.Fields(B, A, EtherType.IPV4));
    }

    @Test
    void arp() {
        var arp = new ArpPacket.Fields(1, EtherType.IPV4, ArpPacket.OP_REQUEST, A,
                Ipv4Address.parse("10.244.0.1"), MacAddress.ZERO, Ipv4Address.parse("10.244.0.2"));
        roundTrip(arp, ArpPacket::decode);
        byte[] b = new byte[28];
        arp.encode(b, 0);
        assertThat(ArpPacket.senderIp(b, 0)).isEqualTo(Ipv4Address.parse("10.244.0.1").bits());
        assertThat(ArpPacket.targetMac(b, 0)).isZero();
        b[4] = 8;
        assertThatThrownBy(() -> ArpPacket.decode(b, 0, 28)).isInstanceOf(MalformedPacketException.class)
                .hasMessageContaining("expected 6/4");
    }

    @Test
    void ipv4WithOptionsAndFragmentFields() {
        // Router alert (RFC 2113: 94 04 00 00) and a NOP + EOL padding word.
        byte[] opts = {(byte) 0x94, 4, 0, 0, 1, 0, 0, 0};
        var ip = new Ipv4Header.Fields(0xb8, 1500, 0x6eb6, 0b001, 178, 64, IpProtocol.UDP, 0,
                Ipv4Address.parse("192.0.2.1"), Ipv4Address.parse("192.0.2.2"), opts).withComputedChecksum();
        var back = roundTrip(ip, Ipv4Header::decode);
        assertThat(back.moreFragments()).isTrue();
        assertThat(back.dontFragment()).isFalse();
        byte[] b = new byte[ip.length()];
        ip.encode(b, 0);
        assertThat(Ipv4Header.headerLength(b, 0)).isEqualTo(28);
        assertThat(Ipv4Header.fragmentOffset(b, 0)).isEqualTo(178);
        assertThat(Ipv4Header.moreFragments(b, 0)).isTrue();
        assertThat(Ipv4Header.isFragment(b, 0)).isTrue();
        assertThat(Ipv4Header.verifyChecksum(b, 0)).isTrue();
        Ipv4Header.setTtl(b, 0, 1);
        assertThat(Ipv4Header.verifyChecksum(b, 0)).isFalse();
        Ipv4Header.fillChecksum(b, 0);
        assertThat(Ipv4Header.verifyChecksum(b, 0)).isTrue();
    }

    @Test
    void ipv4DecodeNamesTheBadField() {
        byte[] b = new byte[20];
        Ipv4Header.write(b, 0, 0, 20, 0, 0, 64, 1, 1, 2);
        b[0] = 0x43;
        assertThatThrownBy(() -> Ipv4Header.decode(b, 0, 20)).hasMessage("IPv4 header: IHL 3 is below the minimum 5");
        b[0] = 0x65;
        assertThatThrownBy(() -> Ipv4Header.decode(b, 0, 20)).hasMessage("IPv4 header: version 6, expected 4");
        b[0] = 0x46;
        assertThatThrownBy(() -> Ipv4Header.decode(b, 0, 20))
                .hasMessage("IPv4 header with options (IHL 6): need 24 bytes, have 20");
    }

    @Test
    void icmpEchoAndFragNeeded() {
        var echo = roundTrip(IcmpHeader.Fields.echo(IcmpHeader.ECHO_REQUEST, 0x3fd6, 1), IcmpHeader::decode);
        assertThat(echo.identifier()).isEqualTo(0x3fd6);
        assertThat(echo.sequence()).isEqualTo(1);
        assertThat(echo.isError()).isFalse();
        var fn = roundTrip(IcmpHeader.Fields.fragmentationNeeded(1450), IcmpHeader::decode);
        assertThat(fn.nextHopMtu()).isEqualTo(1450);
        assertThat(fn.isError()).isTrue();
        assertThat(fn.toString()).contains("Destination Unreachable, Fragmentation needed mtu 1450");
        roundTrip(new IcmpHeader.Fields(IcmpHeader.TIME_EXCEEDED, IcmpHeader.CODE_TTL_EXCEEDED, 0xabcd, 0),
                IcmpHeader::decode);
    }

    @Test
    void icmpCodeNamesCoverAllUnreachableCodes() {
        for (int code = 0; code <= 15; code++) {
            assertThat(IcmpType.DESTINATION_UNREACHABLE.codeName(code)).doesNotMatch("\\d+");
        }
        assertThat(IcmpType.DESTINATION_UNREACHABLE.codeName(4)).isEqualTo("Fragmentation needed");
        assertThat(IcmpType.TIME_EXCEEDED.codeName(0)).isEqualTo("Time to live exceeded in transit");
        assertThat(IcmpType.of(11)).isEqualTo(IcmpType.TIME_EXCEEDED);
        assertThat(IcmpType.of(200)).isNull();
    }

    @Test
    void udp() {
        roundTrip(new UdpHeader.Fields(46850, VxlanHeader.UDP_PORT, 114, 0x1234), UdpHeader::decode);
        roundTrip(new UdpHeader.Fields(53, 53, 8, 0), UdpHeader::decode);
    }

    @Test
    void udpChecksumZeroMeansNoneAndComputedZeroIsSentAsOnes() {
        byte[] b = new byte[8];
        UdpHeader.write(b, 0, 1, 2, 8);
        assertThat(UdpHeader.verifyChecksum(b, 0, 8, 0x01020304, 0x05060708)).isTrue();
        // Choose ports so that the ones' complement sum is 0xffff: the checksum computes to 0.
        // pseudo: 0 + 0 + 17 + 8 = 25; header words: sport + dport + length 8.
        UdpHeader.write(b, 0, 0xffff - 25 - 8, 0, 8);
        assertThat(UdpHeader.computeChecksum(b, 0, 8, 0, 0)).isEqualTo(0xffff);
        UdpHeader.fillChecksum(b, 0, 8, 0, 0);
        assertThat(UdpHeader.verifyChecksum(b, 0, 8, 0, 0)).isTrue();
    }

    @Test
    void tcpWithEveryOption() {
        var tcp = new TcpHeader.Fields(40000, 179, 0xfffffff0L, 12345L, 15, 0,
                TcpHeader.SYN | TcpHeader.ACK | TcpHeader.ECE | TcpHeader.AE, 65535, 0xbeef, 0,
                List.of(new TcpOption.Mss(65495), new TcpOption.SackPermitted(),
                        new TcpOption.Timestamps(0x29dd02b6L, 0xdadf7caeL), new TcpOption.Nop(),
                        new TcpOption.WindowScale(10),
                        new TcpOption.Sack(List.of(new TcpOption.SackBlock(1, 2))),
                        new TcpOption.Unknown(30, new byte[] {1, 2}), new TcpOption.Eol()));
        var back = roundTrip(tcp, TcpHeader::decode);
        assertThat(back.has(TcpHeader.AE)).isTrue();
        byte[] b = new byte[60];
        tcp.encode(b, 0);
        assertThat(TcpHeader.headerLength(b, 0)).isEqualTo(60);
        assertThat(TcpHeader.flags(b, 0)).isEqualTo(0x152);
        assertThat(TcpHeader.sequence(b, 0)).isEqualTo(0xfffffff0L);
    }

    @Test
    void tcpOptionOfKnownKindButOddLengthStaysExact() {
        var tcp = TcpHeader.Fields.of(1, 2, 3, 4, TcpHeader.SYN, 100,
                List.of(new TcpOption.Unknown(TcpOption.KIND_MSS, new byte[] {5, (byte) 0xb4, 0, 0})));
        // Six bytes of options: of() ends the list with an EOL (RFC 9293) before the zero padding.
        assertThat(tcp.options()).endsWith(new TcpOption.Eol());
        assertThat(tcp.dataOffset()).isEqualTo(7);
        roundTrip(tcp, TcpHeader::decode);
    }

    @Test
    void tcpBadOptionLengthNamesTheOption() {
        byte[] b = new byte[24];
        TcpHeader.Fields.of(1, 2, 3, 4, TcpHeader.SYN, 100, List.of(new TcpOption.Mss(1460))).encode(b, 0);
        b[21] = 9;
        assertThatThrownBy(() -> TcpHeader.decode(b, 0, 24))
                .hasMessage("TCP option kind 2 at option byte 0: length 9, expected 2..4");
    }

    @Test
    void vxlan() {
        var vx = roundTrip(VxlanHeader.Fields.of(4096), VxlanHeader::decode);
        byte[] b = new byte[8];
        vx.encode(b, 0);
        assertThat(b).containsExactly(0x08, 0, 0, 0, 0x00, 0x10, 0x00, 0);
        assertThat(VxlanHeader.vniValid(b, 0)).isTrue();
        VxlanHeader.setVni(b, 0, 0xabcdef);
        assertThat(VxlanHeader.vni(b, 0)).isEqualTo(0xabcdef);
        roundTrip(new VxlanHeader.Fields(0x0c, 0x123456, 7, 0x99), VxlanHeader::decode);
    }
}
