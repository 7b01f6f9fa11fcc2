package io.overlaysim.packet;

import static org.assertj.core.api.Assertions.assertThat;

import io.overlaysim.capture.PcapReader;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import org.pcap4j.packet.EthernetPacket;
import org.pcap4j.packet.IcmpV4CommonPacket;
import org.pcap4j.packet.IcmpV4DestinationUnreachablePacket;
import org.pcap4j.packet.IcmpV4EchoPacket;
import org.pcap4j.packet.IcmpV4EchoReplyPacket;
import org.pcap4j.packet.IpV4Packet;
import org.pcap4j.packet.Packet;
import org.pcap4j.packet.TcpPacket;
import org.pcap4j.packet.UdpPacket;
import org.pcap4j.packet.namednumber.EtherType;

/**
 * For each corpus packet, the fields our codecs decode equal what pcap4j (an independent
 * decoder, parsing from the byte array without libpcap) decodes from the same bytes.
 *
 * <p>Where the two models differ, tshark 4.0 ({@code tshark -r FILE -V}) was the referee:
 * <ul>
 * <li>TCP flags: pcap4j follows RFC 793's layout, 6 reserved bits then URG..FIN, so CWR and
 * ECE (RFC 3168) and AE/NS (RFC 3540) land in its {@code getReserved()}. tshark shows
 * {@code tcp.flags.res} (3 bits), {@code tcp.flags.ae}, {@code tcp.flags.cwr},
 * {@code tcp.flags.ece} as flags, as we do (and RFC 9293 section 3.1): we are right, and the
 * check maps pcap4j's 6 bits onto ours.</li>
 * <li>ICMP fragmentation needed: pcap4j has only RFC 792's 32-bit "unused" field; RFC 1191
 * section 4 puts the next-hop MTU in its low 16 bits, and tshark shows {@code icmp.mtu 1450}
 * for the pod-side frame 8, as our {@code nextHopMtu()} does: we are right; the raw 32 bits
 * agree (0x000005aa).</li>
 * <li>VXLAN: pcap4j 1.8.2 has no VXLAN decoder (the UDP payload stays an unknown packet);
 * tshark decodes flags 0x08 and VNI 4096 as we do. The check hands the bytes after the
 * VXLAN header to pcap4j as a new Ethernet frame and goes on comparing the inner layers.</li>
 * <li>A first fragment (MF set, offset 0): pcap4j leaves its payload undecoded; we decode the
 * transport header it starts with, as tshark does with reassembly off
 * ({@code -o ip.defragment:FALSE}); nothing to compare there.</li>
 * </ul>
 */
class Pcap4jCrossCheckTest {
    static final List<String> ALL = Corpus.ALL;

    @ParameterizedTest
    @FieldSource("ALL")
    void ourFieldsEqualPcap4js(String file) throws Exception {
        PcapReader.Capture c = Corpus.read(file);
        int compared = 0;
        for (PcapReader.Record r : c.records()) {
            compared += compare(r.data());
        }
        assertThat(compared).as(file + ": layers compared").isGreaterThan(c.records().size() * 2);
    }

    @Test
    void fragNeededQuoteHeaderAndMtuAgree() throws Exception {
        byte[] frame = Corpus.frame(Corpus.PODSIDE, 8);
        Packet p = EthernetPacket.newPacket(frame, 0, frame.length);
        var unreach = p.get(IcmpV4DestinationUnreachablePacket.class);
        assertThat(unreach.getHeader().getUnused()).isEqualTo(0x0000_05aa);
        int icmp = EthernetHeader.LENGTH + Ipv4Header.MIN_LENGTH;
        assertThat(IcmpHeader.nextHopMtu(frame, icmp)).isEqualTo(1450);
        // The quoted datagram: its IPv4 header decoded by both.
        IpV4Packet quoted = unreach.getPayload().get(IpV4Packet.class);
        Ipv4Header.Fields ours = Ipv4Header.decode(frame, icmp + 8, frame.length - icmp - 8);
        compareIpv4(ours, quoted.getHeader());
        assertThat(ours.totalLength()).isEqualTo(1478);
        assertThat(ours.dontFragment()).isTrue();
    }

    /** Compares every layer of one frame; returns how many layers were compared. */
    static int compare(byte[] frame) throws Exception {
        Dissector.Dissection d = Dissector.dissectEthernet(frame);
        List<Packet> layers = chain(EthernetPacket.newPacket(frame, 0, frame.length));
        int li = 0;
        int compared = 0;
        for (Header h : d.headers()) {
            if (h instanceof VxlanHeader.Fields vx) {
                // pcap4j has no VXLAN: its UDP payload is raw; re-parse the inner frame.
                UdpPacket udp = (UdpPacket) layers.get(li - 1);
                byte[] raw = udp.getPayload().getRawData();
                byte[] ours = new byte[VxlanHeader.LENGTH];
                vx.encode(ours, 0);
                assertThat(Arrays.copyOf(raw, VxlanHeader.LENGTH)).isEqualTo(ours);
                layers = chain(EthernetPacket.newPacket(raw, VxlanHeader.LENGTH, raw.length - VxlanHeader.LENGTH));
                li = 0;
                compared++;
                continue;
            }
            Class<? extends Packet> want = switch (h) {
                case EthernetHeader.Fields e -> EthernetPacket.class;
                case ArpPacket.Fields a -> org.pcap4j.packet.ArpPacket.class;
                case Ipv4Header.Fields ip -> IpV4Packet.class;
                case IcmpHeader.Fields i -> IcmpV4CommonPacket.class;
                case UdpHeader.Fields u -> UdpPacket.class;
                case TcpHeader.Fields t -> TcpPacket.class;
                case VxlanHeader.Fields v -> throw new AssertionError("handled above");
            };
            if (h instanceof TcpHeader.Fields || h instanceof IcmpHeader.Fields || h instanceof UdpHeader.Fields) {
                IpV4Packet ip = (IpV4Packet) layers.get(li - 1);
                if (ip.getHeader().getMoreFragmentFlag()) {
                    break;   // pcap4j does not decode a first fragment's payload
                }
            }
            Packet layer = layers.get(li);
            assertThat(layer).as("pcap4j layer for %s", h).isInstanceOf(want);
            switch (h) {
                case EthernetHeader.Fields e -> {
                    var ph = ((EthernetPacket) layer).getHeader();
                    assertThat(ph.getDstAddr().getAddress()).isEqualTo(mac(e.destination().bits()));
                    assertThat(ph.getSrcAddr().getAddress()).isEqualTo(mac(e.source().bits()));
                    assertThat(ph.getType().value() & 0xffff).isEqualTo(e.etherType());
                }
                case ArpPacket.Fields a -> {
                    var ph = ((org.pcap4j.packet.ArpPacket) layer).getHeader();
                    assertThat(ph.getHardwareType().value() & 0xffff).isEqualTo(a.hardwareType());
                    assertThat(ph.getProtocolType().value() & 0xffff).isEqualTo(a.protocolType());
                    assertThat(ph.getOperation().value() & 0xffff).isEqualTo(a.operation());
                    assertThat(ph.getSrcHardwareAddr().getAddress()).isEqualTo(mac(a.senderMac().bits()));
                    assertThat(ph.getDstHardwareAddr().getAddress()).isEqualTo(mac(a.targetMac().bits()));
                    assertThat(bits(ph.getSrcProtocolAddr())).isEqualTo(a.senderIp().bits());
                    assertThat(bits(ph.getDstProtocolAddr())).isEqualTo(a.targetIp().bits());
                }
                case Ipv4Header.Fields ip -> compareIpv4(ip, ((IpV4Packet) layer).getHeader());
                case IcmpHeader.Fields i -> {
                    var ph = ((IcmpV4CommonPacket) layer).getHeader();
                    assertThat(ph.getType().value() & 0xff).isEqualTo(i.type());
                    assertThat(ph.getCode().value() & 0xff).isEqualTo(i.code());
                    assertThat(ph.getChecksum() & 0xffff).isEqualTo(i.checksum());
                    Packet body = layer.getPayload();
                    if (body instanceof IcmpV4EchoPacket echo) {
                        assertThat(echo.getHeader().getIdentifierAsInt()).isEqualTo(i.identifier());
                        assertThat(echo.getHeader().getSequenceNumberAsInt()).isEqualTo(i.sequence());
                    } else if (body instanceof IcmpV4EchoReplyPacket echo) {
                        assertThat(echo.getHeader().getIdentifierAsInt()).isEqualTo(i.identifier());
                        assertThat(echo.getHeader().getSequenceNumberAsInt()).isEqualTo(i.sequence());
                    } else if (body instanceof IcmpV4DestinationUnreachablePacket u) {
                        assertThat(u.getHeader().getUnused()).isEqualTo(i.restOfHeader());
                    }
                }
                case UdpHeader.Fields u -> {
                    var ph = ((UdpPacket) layer).getHeader();
                    assertThat(ph.getSrcPort().valueAsInt()).isEqualTo(u.sourcePort());
                    assertThat(ph.getDstPort().valueAsInt()).isEqualTo(u.destinationPort());
                    assertThat(ph.getLengthAsInt()).isEqualTo(u.udpLength());
                    assertThat(ph.getChecksum() & 0xffff).isEqualTo(u.checksum());
                }
                case TcpHeader.Fields t -> compareTcp(t, ((TcpPacket) layer).getHeader());
                case VxlanHeader.Fields v -> throw new AssertionError("handled above");
            }
            compared++;
            li++;
        }
        return compared;
    }

    static void compareIpv4(Ipv4Header.Fields ip, IpV4Packet.IpV4Header ph) {
        assertThat(ph.getVersion().value() & 0xff).isEqualTo(4);
        assertThat(ph.getIhlAsInt() * 4).isEqualTo(ip.length());
        assertThat(ph.getTos().value() & 0xff).isEqualTo(ip.tos());
        assertThat(ph.getTotalLengthAsInt()).isEqualTo(ip.totalLength());
        assertThat(ph.getIdentificationAsInt()).isEqualTo(ip.identification());
        assertThat(ph.getReservedFlag()).isEqualTo((ip.flags() & 4) != 0);
        assertThat(ph.getDontFragmentFlag()).isEqualTo(ip.dontFragment());
        assertThat(ph.getMoreFragmentFlag()).isEqualTo(ip.moreFragments());
        assertThat((int) ph.getFragmentOffset()).isEqualTo(ip.fragmentOffset());
        assertThat(ph.getTtlAsInt()).isEqualTo(ip.ttl());
        assertThat(ph.getProtocol().value() & 0xff).isEqualTo(ip.protocol());
        assertThat(ph.getHeaderChecksum() & 0xffff).isEqualTo(ip.checksum());
        assertThat(bits(ph.getSrcAddr())).isEqualTo(ip.source().bits());
        assertThat(bits(ph.getDstAddr())).isEqualTo(ip.destination().bits());
        int optionBytes = ph.getOptions().stream().mapToInt(o -> o.getRawData().length).sum() + ph.getPadding().length;
        assertThat(optionBytes).isEqualTo(ip.options().length);
    }

    static void compareTcp(TcpHeader.Fields t, TcpPacket.TcpHeader ph) {
        assertThat(ph.getSrcPort().valueAsInt()).isEqualTo(t.sourcePort());
        assertThat(ph.getDstPort().valueAsInt()).isEqualTo(t.destinationPort());
        assertThat(ph.getSequenceNumberAsLong()).isEqualTo(t.sequence());
        assertThat(ph.getAcknowledgmentNumberAsLong()).isEqualTo(t.acknowledgment());
        assertThat(ph.getDataOffsetAsInt()).isEqualTo(t.dataOffset());
        // pcap4j's 6 "reserved" bits (RFC 793) = our 3 reserved bits, then AE, CWR, ECE.
        assertThat(ph.getReserved() & 0x3f).isEqualTo((t.reserved() << 3) | ((t.flags() >>> 6) & 7));
        assertThat(ph.getUrg()).isEqualTo(t.has(TcpHeader.URG));
        assertThat(ph.getAck()).isEqualTo(t.has(TcpHeader.ACK));
        assertThat(ph.getPsh()).isEqualTo(t.has(TcpHeader.PSH));
        assertThat(ph.getRst()).isEqualTo(t.has(TcpHeader.RST));
        assertThat(ph.getSyn()).isEqualTo(t.has(TcpHeader.SYN));
        assertThat(ph.getFin()).isEqualTo(t.has(TcpHeader.FIN));
        assertThat(ph.getWindowAsInt()).isEqualTo(t.window());
        assertThat(ph.getChecksum() & 0xffff).isEqualTo(t.checksum());
        assertThat(ph.getUrgentPointerAsInt()).isEqualTo(t.urgentPointer());
        // Options: same kinds in the same order, each with the same bytes.
        List<TcpPacket.TcpOption> theirs = ph.getOptions();
        assertThat(theirs).hasSameSizeAs(t.options());
        for (int k = 0; k < theirs.size(); k++) {
            TcpOption o = t.options().get(k);
            byte[] ours = new byte[o.length()];
            o.encode(ours, 0);
            assertThat(theirs.get(k).getKind().value() & 0xff).isEqualTo(ours[0] & 0xff);
            assertThat(theirs.get(k).getRawData()).as("TCP option %s", o).isEqualTo(ours);
            if (o instanceof TcpOption.Mss mss) {
                assertThat(((org.pcap4j.packet.TcpMaximumSegmentSizeOption) theirs.get(k)).getMaxSegSizeAsInt())
                        .isEqualTo(mss.mss());
            }
        }
    }

    static List<Packet> chain(Packet p) {
        List<Packet> out = new ArrayList<>();
        for (Packet q = p; q != null; q = q.getPayload()) {
            out.add(q);
        }
        return out;
    }

    static byte[] mac(long bits) {
        byte[] b = new byte[6];
        new io.overlaysim.net.MacAddress(bits).write(b, 0);
        return b;
    }

    static int bits(InetAddress a) {
        return ByteBuffer.wrap(a.getAddress()).getInt();
    }

    @Test
    void vlanTagDecodesLikePcap4j() throws Exception {
        byte[] frame = new byte[14 + 4 + 28];
        var eth = new EthernetHeader.Fields(io.overlaysim.net.MacAddress.BROADCAST,
                io.overlaysim.net.MacAddress.parse("02:00:c0:00:02:01"),
                List.of(new EthernetHeader.VlanTag(io.overlaysim.packet.EtherType.VLAN, 3, 0, 100)),
                io.overlaysim.packet.EtherType.ARP);
        int at = eth.encode(frame, 0);
        ArpPacket.write(frame, at, ArpPacket.OP_REQUEST, 0x0200c0000201L, 0xc0000201, 0, 0xc0000202);
        Packet p = EthernetPacket.newPacket(frame, 0, frame.length);
        assertThat(((EthernetPacket) p).getHeader().getType()).isEqualTo(EtherType.DOT1Q_VLAN_TAGGED_FRAMES);
        var tag = p.get(org.pcap4j.packet.Dot1qVlanTagPacket.class).getHeader();
        assertThat(tag.getVidAsInt()).isEqualTo(100);
        assertThat(tag.getPriority()).isEqualTo((byte) 3);
        assertThat(tag.getType().value() & 0xffff).isEqualTo(io.overlaysim.packet.EtherType.ARP);
        assertThat(p.get(org.pcap4j.packet.ArpPacket.class)).isNotNull();
        Dissector.Dissection d = Dissector.dissectEthernet(frame);
        assertThat(d.first(EthernetHeader.Fields.class).tags()).containsExactly(new EthernetHeader.VlanTag(0x8100, 3, 0, 100));
        assertThat(d.first(ArpPacket.Fields.class).targetIp().toString()).isEqualTo("192.0.2.2");
    }
}
