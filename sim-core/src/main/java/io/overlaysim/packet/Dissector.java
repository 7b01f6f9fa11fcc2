package io.overlaysim.packet;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Decodes a whole frame into its headers, outermost first, for tests, trace printing and
 * reading captures (not a hot path): Ethernet (with VLAN tags), ARP, IPv4, ICMP, UDP, TCP,
 * VXLAN on UDP port 4789 with the inner Ethernet frame, IPv4 in IPv4 (protocol 4).
 * Non-first fragments, ICMP bodies (echo data, quoted datagrams) and application data are
 * left as payload.
 *
 * <pre>{@code
 * Dissector.Dissection d = Dissector.dissectEthernet(frame);
 * d.headers();                        // [Ethernet, Ipv4, Udp, Vxlan, Ethernet, Ipv4, Icmp]
 * Arrays.equals(d.encode(), frame);   // true: headers re-encode to the same bytes
 * }</pre>
 */
public final class Dissector {
    /** pcap link type for Ethernet (LINKTYPE_ETHERNET). */
    public static final int LINKTYPE_ETHERNET = 1;
    /** pcap link type for raw IPv4/IPv6 (LINKTYPE_RAW), what tcpdump shows on tunl0. */
    public static final int LINKTYPE_RAW = 101;

    private Dissector() {}

    /**
     * A decoded frame: its headers, outermost first, and the bytes after the last one
     * (payload, plus any Ethernet padding past the IP total length).
     */
    public record Dissection(List<Header> headers, byte[] payload) {
        public Dissection {
            headers = List.copyOf(headers);
            payload = payload.clone();
        }

        @Override
        public byte[] payload() {
            return payload.clone();
        }

        /** The first header of the given kind, or {@code null}. */
        public <H extends Header> H first(Class<H> kind) {
            for (Header h : headers) {
                if (kind.isInstance(h)) {
                    return kind.cast(h);
                }
            }
            return null;
        }

        /** All headers of the given kind, outermost first. */
        public <H extends Header> List<H> all(Class<H> kind) {
            return headers.stream().filter(kind::isInstance).map(kind::cast).toList();
        }

        /** The frame again: every header encoded, then the payload. */
        public byte[] encode() {
            int len = payload.length;
            for (Header h : headers) {
                len += h.length();
            }
            byte[] out = new byte[len];
            int at = 0;
            for (Header h : headers) {
                at += h.encode(out, at);
            }
            System.arraycopy(payload, 0, out, at, payload.length);
            return out;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Dissection d && headers.equals(d.headers) && Arrays.equals(payload, d.payload);
        }

        @Override
        public int hashCode() {
            return headers.hashCode() * 31 + Arrays.hashCode(payload);
        }

        @Override
        public String toString() {
            return "Dissection" + headers + " + " + payload.length + " bytes";
        }
    }

    /** Dissects a frame of the given pcap link type (Ethernet or raw IPv4). */
    public static Dissection dissect(int linkType, byte[] frame) {
        return switch (linkType) {
            case LINKTYPE_ETHERNET -> dissectEthernet(frame);
            case LINKTYPE_RAW -> dissectIpv4(frame);
            default -> throw new MalformedPacketException("link type " + linkType
                    + ": expected 1 (Ethernet) or 101 (raw IP)");
        };
    }

    public static Dissection dissectEthernet(byte[] frame) {
        List<Header> out = new ArrayList<>();
        int end = ethernet(frame, 0, frame.length, out);
        return new Dissection(out, Arrays.copyOfRange(frame, end, frame.length));
    }

    public static Dissection dissectIpv4(byte[] packet) {
        List<Header> out = new ArrayList<>();
        int end = ipv4(packet, 0, packet.length, out);
        return new Dissection(out, Arrays.copyOfRange(packet, end, packet.length));
    }

    /** Decodes from an Ethernet header at {@code off}; returns where the decoded headers end. */
    private static int ethernet(byte[] b, int off, int end, List<Header> out) {
        EthernetHeader.Fields eth = EthernetHeader.decode(b, off, end - off);
        out.add(eth);
        int at = off + eth.length();
        return switch (eth.etherType()) {
            case EtherType.ARP -> {
                ArpPacket.Fields arp = ArpPacket.decode(b, at, end - at);
                out.add(arp);
                yield at + arp.length();
            }
            case EtherType.IPV4 -> ipv4(b, at, end, out);
            default -> at;
        };
    }

    private static int ipv4(byte[] b, int off, int end, List<Header> out) {
        Ipv4Header.Fields ip = Ipv4Header.decode(b, off, end - off);
        out.add(ip);
        int at = off + ip.length();
        if (ip.fragmentOffset() != 0) {
            return at;
        }
        // The IP total length bounds the transport headers; bytes past it are link padding.
        int ipEnd = Math.min(end, off + Math.max(ip.totalLength(), ip.length()));
        switch (ip.protocol()) {
            case IpProtocol.ICMP -> {
                IcmpHeader.Fields icmp = IcmpHeader.decode(b, at, ipEnd - at);
                out.add(icmp);
                return at + IcmpHeader.LENGTH;
            }
            case IpProtocol.UDP -> {
                UdpHeader.Fields udp = UdpHeader.decode(b, at, ipEnd - at);
                out.add(udp);
                at += UdpHeader.LENGTH;
                if (udp.destinationPort() == VxlanHeader.UDP_PORT && !ip.moreFragments()
                        && ipEnd - at >= VxlanHeader.LENGTH + EthernetHeader.LENGTH) {
                    VxlanHeader.Fields vx = VxlanHeader.decode(b, at, ipEnd - at);
                    out.add(vx);
                    return ethernet(b, at + VxlanHeader.LENGTH, ipEnd, out);
                }
                return at;
            }
            case IpProtocol.TCP -> {
                TcpHeader.Fields tcp = TcpHeader.decode(b, at, ipEnd - at);
                out.add(tcp);
                return at + tcp.length();
            }
            case IpProtocol.IPIP -> {
                return ipv4(b, at, ipEnd, out);
            }
            default -> {
                return at;
            }
        }
    }
}
