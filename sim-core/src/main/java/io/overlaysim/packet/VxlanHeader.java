package io.overlaysim.packet;

/**
 * VXLAN header view (RFC 7348 section 5): flags (the I bit says the VNI is valid), 24
 * reserved bits, the 24-bit VNI and 8 reserved bits; 8 bytes, carried over UDP port 4789.
 */
public final class VxlanHeader {
    public static final int LENGTH = 8;
    /** IANA-assigned UDP destination port (RFC 7348 section 5); Linux's default dstport. */
    public static final int UDP_PORT = 4789;
    /** The I flag: VNI valid (VXLAN_HF_VNI). */
    public static final int FLAG_I = 0x08;

    private VxlanHeader() {}

    public static int flags(byte[] b, int off) {
        return Bytes.u8(b, off);
    }

    /** Whether the I flag is set; vxlan_rcv drops frames without it. */
    public static boolean vniValid(byte[] b, int off) {
        return (b[off] & FLAG_I) != 0;
    }

    public static int vni(byte[] b, int off) {
        return Bytes.u24(b, off + 4);
    }

    public static void setVni(byte[] b, int off, int vni) {
        Bytes.put24(b, off + 4, vni);
    }

    /** Writes the header as Linux's vxlan_xmit_one does: flags I, reserved bits zero, the VNI. */
    public static void write(byte[] b, int off, int vni) {
        Bytes.put32(b, off, (long) FLAG_I << 24);
        Bytes.put32(b, off + 4, (long) (vni & 0xff_ffff) << 8);
    }

    public static Fields decode(byte[] b, int off, int len) {
        Bytes.require("VXLAN header", len, LENGTH);
        return new Fields(flags(b, off), Bytes.u24(b, off + 1), vni(b, off), Bytes.u8(b, off + 7));
    }

    /** Record form, reserved fields kept for an exact round trip. */
    public record Fields(int flags, int reserved1, int vni, int reserved2) implements Header {
        public static Fields of(int vni) {
            return new Fields(FLAG_I, 0, vni, 0);
        }

        @Override
        public int length() {
            return LENGTH;
        }

        @Override
        public int encode(byte[] b, int off) {
            Bytes.put8(b, off, flags);
            Bytes.put24(b, off + 1, reserved1);
            Bytes.put24(b, off + 4, vni);
            Bytes.put8(b, off + 7, reserved2);
            return LENGTH;
        }
    }
}
