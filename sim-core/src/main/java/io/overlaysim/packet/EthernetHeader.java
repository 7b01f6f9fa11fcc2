package io.overlaysim.packet;

import io.overlaysim.net.MacAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * Ethernet II header view (IEEE 802.3 with an EtherType, 14 bytes), with any 802.1Q /
 * 802.1ad VLAN tags between the source address and the EtherType decoded.
 *
 * <p>Static methods read and write fields in place at {@code (b, off)}; {@link Fields} is the
 * record form. MAC addresses are passed as the {@code long} bits of {@link MacAddress}.
 */
public final class EthernetHeader {
    /** Length without VLAN tags. */
    public static final int LENGTH = 14;
    /** Length of one 802.1Q tag (TPID + TCI). */
    public static final int VLAN_TAG_LENGTH = 4;

    private EthernetHeader() {}

    public static long destination(byte[] b, int off) {
        return mac(b, off);
    }

    public static long source(byte[] b, int off) {
        return mac(b, off + 6);
    }

    public static void setDestination(byte[] b, int off, long mac) {
        putMac(b, off, mac);
    }

    public static void setSource(byte[] b, int off, long mac) {
        putMac(b, off + 6, mac);
    }

    /** The EtherType field at offset 12 (a TPID when the frame is tagged). */
    public static int etherType(byte[] b, int off) {
        return Bytes.u16(b, off + 12);
    }

    public static void setEtherType(byte[] b, int off, int type) {
        Bytes.put16(b, off + 12, type);
    }

    /** Header length including VLAN tags, walking tags within {@code len} bytes. */
    public static int headerLength(byte[] b, int off, int len) {
        Bytes.require("Ethernet header", len, LENGTH);
        int at = 12;
        while (EtherType.isVlanTag(Bytes.u16(b, off + at))) {
            at += VLAN_TAG_LENGTH;
            Bytes.require("Ethernet header with 802.1Q tags", len, at + 2);
        }
        return at + 2;
    }

    /** The EtherType of the payload, after any VLAN tags. */
    public static int payloadType(byte[] b, int off, int len) {
        return Bytes.u16(b, off + headerLength(b, off, len) - 2);
    }

    /** Writes an untagged header: destination, source, EtherType. */
    public static void write(byte[] b, int off, long destination, long source, int etherType) {
        putMac(b, off, destination);
        putMac(b, off + 6, source);
        Bytes.put16(b, off + 12, etherType);
    }

    private static long mac(byte[] b, int off) {
        return ((long) Bytes.u16(b, off) << 32) | Bytes.u32(b, off + 2);
    }

    private static void putMac(byte[] b, int off, long mac) {
        Bytes.put16(b, off, (int) (mac >>> 32));
        Bytes.put32(b, off + 2, mac);
    }

    /** Decodes the header (with its VLAN tags) at {@code b[off]}, {@code len} bytes available. */
    public static Fields decode(byte[] b, int off, int len) {
        int hl = headerLength(b, off, len);
        List<VlanTag> tags = new ArrayList<>();
        for (int at = 12; at < hl - 2; at += VLAN_TAG_LENGTH) {
            int tci = Bytes.u16(b, off + at + 2);
            tags.add(new VlanTag(Bytes.u16(b, off + at), tci >>> 13, (tci >>> 12) & 1, tci & 0xfff));
        }
        return new Fields(MacAddress.read(b, off), MacAddress.read(b, off + 6), List.copyOf(tags),
                Bytes.u16(b, off + hl - 2));
    }

    /**
     * One VLAN tag: its TPID (0x8100 for 802.1Q, 0x88a8 for 802.1ad) and the TCI's priority
     * code point, drop eligible indicator and VLAN id.
     */
    public record VlanTag(int tpid, int priority, int dropEligible, int vlanId) {
        public VlanTag {
            if (!EtherType.isVlanTag(tpid) || (priority & ~7) != 0 || (dropEligible & ~1) != 0 || (vlanId & ~0xfff) != 0) {
                throw new IllegalArgumentException("bad VLAN tag: tpid " + Integer.toHexString(tpid)
                        + " pcp " + priority + " dei " + dropEligible + " vid " + vlanId);
            }
        }

        /** An 802.1Q tag with priority 0. */
        public static VlanTag of(int vlanId) {
            return new VlanTag(EtherType.VLAN, 0, 0, vlanId);
        }
    }

    /** Record form: addresses, VLAN tags outermost first, and the payload's EtherType. */
    public record Fields(MacAddress destination, MacAddress source, List<VlanTag> tags, int etherType)
            implements Header {
        public Fields {
            tags = List.copyOf(tags);
        }

        public Fields(MacAddress destination, MacAddress source, int etherType) {
            this(destination, source, List.of(), etherType);
        }

        @Override
        public int length() {
            return LENGTH + VLAN_TAG_LENGTH * tags.size();
        }

        @Override
        public int encode(byte[] b, int off) {
            destination.write(b, off);
            source.write(b, off + 6);
            int at = off + 12;
            for (VlanTag t : tags) {
                Bytes.put16(b, at, t.tpid());
                Bytes.put16(b, at + 2, (t.priority() << 13) | (t.dropEligible() << 12) | t.vlanId());
                at += VLAN_TAG_LENGTH;
            }
            Bytes.put16(b, at, etherType);
            return length();
        }
    }
}
