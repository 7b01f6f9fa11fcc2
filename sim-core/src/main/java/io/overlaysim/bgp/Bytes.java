package io.overlaysim.bgp;

import java.util.HexFormat;

/** Big-endian reads over a byte array, the way every BGP field is laid out (RFC 4271 §4). */
final class Bytes {
    private Bytes() {}

    static int u8(byte[] b, int i) {
        return b[i] & 0xff;
    }

    static int u16(byte[] b, int i) {
        return ((b[i] & 0xff) << 8) | (b[i + 1] & 0xff);
    }

    static int i32(byte[] b, int i) {
        return ((b[i] & 0xff) << 24) | ((b[i + 1] & 0xff) << 16) | ((b[i + 2] & 0xff) << 8) | (b[i + 3] & 0xff);
    }

    static long u32(byte[] b, int i) {
        return i32(b, i) & 0xffff_ffffL;
    }

    static byte[] slice(byte[] b, int off, int len) {
        byte[] out = new byte[len];
        System.arraycopy(b, off, out, 0, len);
        return out;
    }

    static byte[] u16Bytes(int v) {
        return new byte[] {(byte) (v >>> 8), (byte) v};
    }

    static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }
}
