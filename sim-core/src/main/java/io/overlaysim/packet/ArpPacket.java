package io.overlaysim.packet;

import io.overlaysim.net.Ipv4Address;
import io.overlaysim.net.MacAddress;

/**
 * ARP packet view for Ethernet and IPv4 (RFC 826): 28 bytes. Static methods read and write
 * fields in place; {@link Fields} is the record form.
 */
public final class ArpPacket {
    public static final int LENGTH = 28;
    public static final int HARDWARE_ETHERNET = 1;
    public static final int OP_REQUEST = 1;
    public static final int OP_REPLY = 2;

    private ArpPacket() {}

    public static int hardwareType(byte[] b, int off) {
        return Bytes.u16(b, off);
    }

    public static int protocolType(byte[] b, int off) {
        return Bytes.u16(b, off + 2);
    }

    public static int operation(byte[] b, int off) {
        return Bytes.u16(b, off + 6);
    }

    public static long senderMac(byte[] b, int off) {
        return EthernetHeader.source(b, off + 2);   // bytes 8..13
    }

    public static int senderIp(byte[] b, int off) {
        return Bytes.i32(b, off + 14);
    }

    public static long targetMac(byte[] b, int off) {
        return EthernetHeader.destination(b, off + 18);
    }

    public static int targetIp(byte[] b, int off) {
        return Bytes.i32(b, off + 24);
    }

    /**
     * Writes a whole Ethernet/IPv4 ARP packet (as arp_create fills it: hardware type 1,
     * protocol 0x0800, lengths 6 and 4).
     */
    public static void write(byte[] b, int off, int operation, long senderMac, int senderIp, long targetMac, int targetIp) {
        Bytes.put16(b, off, HARDWARE_ETHERNET);
        Bytes.put16(b, off + 2, EtherType.IPV4);
        b[off + 4] = 6;
        b[off + 5] = 4;
        Bytes.put16(b, off + 6, operation);
        EthernetHeader.setSource(b, off + 2, senderMac);
        Bytes.put32(b, off + 14, senderIp);
        EthernetHeader.setDestination(b, off + 18, targetMac);
        Bytes.put32(b, off + 24, targetIp);
    }

    /** Decodes an Ethernet/IPv4 ARP packet; other hardware or protocol sizes are malformed here. */
    public static Fields decode(byte[] b, int off, int len) {
        Bytes.require("ARP packet", len, 8);
        int hlen = Bytes.u8(b, off + 4);
        int plen = Bytes.u8(b, off + 5);
        if (hlen != 6 || plen != 4) {
            throw new MalformedPacketException("ARP packet: hardware/protocol address lengths "
                    + hlen + "/" + plen + ", expected 6/4 (Ethernet/IPv4)");
        }
        Bytes.require("ARP packet", len, LENGTH);
        return new Fields(hardwareType(b, off), protocolType(b, off), operation(b, off),
                new MacAddress(senderMac(b, off)), new Ipv4Address(senderIp(b, off)),
                new MacAddress(targetMac(b, off)), new Ipv4Address(targetIp(b, off)));
    }

    /** Record form of an Ethernet/IPv4 ARP packet. */
    public record Fields(int hardwareType, int protocolType, int operation, MacAddress senderMac,
                         Ipv4Address senderIp, MacAddress targetMac, Ipv4Address targetIp) implements Header {
        @Override
        public int length() {
            return LENGTH;
        }

        @Override
        public int encode(byte[] b, int off) {
            write(b, off, operation, senderMac.bits(), senderIp.bits(), targetMac.bits(), targetIp.bits());
            Bytes.put16(b, off, hardwareType);
            Bytes.put16(b, off + 2, protocolType);
            return LENGTH;
        }
    }
}
