package io.overlaysim.packet;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Big-endian (network order) reads and writes on byte arrays, for the header views. The 16- and
 * 32-bit accesses go through byte-array view handles: one bounds check and one (possibly
 * unaligned) load or store each, where byte-by-byte code pays two or four of both on every
 * header field of every hop.
 */
final class Bytes {
    private static final VarHandle SHORT_BE = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle INT_BE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);

    private Bytes() {}

    static int u8(byte[] b, int off) {
        return b[off] & 0xff;
    }

    static int u16(byte[] b, int off) {
        return (short) SHORT_BE.get(b, off) & 0xffff;
    }

    static int u24(byte[] b, int off) {
        return ((b[off] & 0xff) << 16) | ((b[off + 1] & 0xff) << 8) | (b[off + 2] & 0xff);
    }

    static int i32(byte[] b, int off) {
        return (int) INT_BE.get(b, off);
    }

    static long u32(byte[] b, int off) {
        return i32(b, off) & 0xffff_ffffL;
    }

    static void put8(byte[] b, int off, int v) {
        b[off] = (byte) v;
    }

    static void put16(byte[] b, int off, int v) {
        SHORT_BE.set(b, off, (short) v);
    }

    static void put24(byte[] b, int off, int v) {
        b[off] = (byte) (v >>> 16);
        b[off + 1] = (byte) (v >>> 8);
        b[off + 2] = (byte) v;
    }

    static void put32(byte[] b, int off, long v) {
        INT_BE.set(b, off, (int) v);
    }

    /** Throws unless {@code need} bytes are available for {@code what}. */
    static void require(String what, int available, int need) {
        if (available < need) {
            throw new MalformedPacketException(what + ": need " + need + " bytes, have " + available);
        }
    }
}
