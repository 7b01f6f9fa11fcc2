package io.overlaysim.packet;

import io.overlaysim.net.Ipv4Address;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * IPv4 header view (RFC 791): static methods read and write fields in place at
 * {@code (b, off)}, allocation-free; {@link Fields} is the record form, options kept as bytes.
 *
 * <pre>{@code
 * Ipv4Header.write(b, off, 0, totalLength, id, Ipv4Header.DF, 64, IpProtocol.UDP, src, dst);
 * Ipv4Header.decrementTtl(b, off);      // forwarding: TTL - 1, checksum patched (RFC 1624)
 * Ipv4Header.verifyChecksum(b, off);    // true
 * }</pre>
 */
public final class Ipv4Header {
    /** Length without options. */
    private static final VarHandle LONG_BE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle INT_BE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);

    public static final int MIN_LENGTH = 20;
    public static final int MAX_LENGTH = 60;
    /** The reserved ("evil") flag bit, in the 16-bit flags + fragment offset word. */
    public static final int RESERVED_FLAG = 0x8000;
    /** Don't Fragment, in the 16-bit flags + fragment offset word (IP_DF). */
    public static final int DF = 0x4000;
    /** More Fragments (IP_MF). */
    public static final int MF = 0x2000;
    /** Fragment offset mask, in 8-byte units (IP_OFFSET). */
    public static final int OFFSET_MASK = 0x1fff;

    private Ipv4Header() {}

    public static int version(byte[] b, int off) {
        return (b[off] & 0xff) >>> 4;
    }

    /** Header length in 32-bit words. */
    public static int ihl(byte[] b, int off) {
        return b[off] & 0x0f;
    }

    /** Header length in bytes (IHL × 4). */
    public static int headerLength(byte[] b, int off) {
        return (b[off] & 0x0f) << 2;
    }

    /** The TOS byte (DSCP << 2 | ECN). */
    public static int tos(byte[] b, int off) {
        return Bytes.u8(b, off + 1);
    }

    public static void setTos(byte[] b, int off, int tos) {
        Bytes.put8(b, off + 1, tos);
    }

    public static int totalLength(byte[] b, int off) {
        return Bytes.u16(b, off + 2);
    }

    public static void setTotalLength(byte[] b, int off, int length) {
        Bytes.put16(b, off + 2, length);
    }

    public static int identification(byte[] b, int off) {
        return Bytes.u16(b, off + 4);
    }

    public static void setIdentification(byte[] b, int off, int id) {
        Bytes.put16(b, off + 4, id);
    }

    /** The 16-bit word of flags and fragment offset (iph->frag_off, host order). */
    public static int flagsAndOffset(byte[] b, int off) {
        return Bytes.u16(b, off + 6);
    }

    public static void setFlagsAndOffset(byte[] b, int off, int word) {
        Bytes.put16(b, off + 6, word);
    }

    public static boolean dontFragment(byte[] b, int off) {
        return (flagsAndOffset(b, off) & DF) != 0;
    }

    public static boolean moreFragments(byte[] b, int off) {
        return (flagsAndOffset(b, off) & MF) != 0;
    }

    /** Fragment offset in 8-byte units. */
    public static int fragmentOffset(byte[] b, int off) {
        return flagsAndOffset(b, off) & OFFSET_MASK;
    }

    /** Whether this is a fragment (MF set or offset non-zero: ip_is_fragment). */
    public static boolean isFragment(byte[] b, int off) {
        return (flagsAndOffset(b, off) & (MF | OFFSET_MASK)) != 0;
    }

    public static int ttl(byte[] b, int off) {
        return Bytes.u8(b, off + 8);
    }

    public static void setTtl(byte[] b, int off, int ttl) {
        Bytes.put8(b, off + 8, ttl);
    }

    public static int protocol(byte[] b, int off) {
        return Bytes.u8(b, off + 9);
    }

    public static void setProtocol(byte[] b, int off, int protocol) {
        Bytes.put8(b, off + 9, protocol);
    }

    public static int checksum(byte[] b, int off) {
        return Bytes.u16(b, off + 10);
    }

    public static void setChecksum(byte[] b, int off, int checksum) {
        Bytes.put16(b, off + 10, checksum);
    }

    /** Source address as the int bits of {@link Ipv4Address}. */
    public static int source(byte[] b, int off) {
        return Bytes.i32(b, off + 12);
    }

    public static void setSource(byte[] b, int off, int address) {
        Bytes.put32(b, off + 12, address);
    }

    public static int destination(byte[] b, int off) {
        return Bytes.i32(b, off + 16);
    }

    public static void setDestination(byte[] b, int off, int address) {
        Bytes.put32(b, off + 16, address);
    }

    /** The header checksum the header should carry (its checksum field counted as zero). */
    public static int computeChecksum(byte[] b, int off) {
        int hl = headerLength(b, off);
        long sum = Checksum.add(0, b, off, 10);
        sum = Checksum.add(sum, b, off + 12, hl - 12);
        return Checksum.finish(sum);
    }

    /** Computes and stores the header checksum (ip_send_check). */
    public static void fillChecksum(byte[] b, int off) {
        setChecksum(b, off, computeChecksum(b, off));
    }

    /** Whether the header checksum is correct (ip_fast_csum(iph, ihl) == 0 in ip_rcv_core). */
    public static boolean verifyChecksum(byte[] b, int off) {
        return Checksum.verify(b, off, headerLength(b, off));
    }

    /**
     * Decrements the TTL and patches the checksum incrementally, as forwarding does
     * (ip_decrease_ttl), by RFC 1624 eqn. 3 over the TTL/protocol word. Returns the new TTL.
     * The caller checks for TTL ≤ 1 first (ip_forward sends Time Exceeded instead).
     */
    public static int decrementTtl(byte[] b, int off) {
        int oldWord = Bytes.u16(b, off + 8);
        int newWord = oldWord - 0x0100;
        Bytes.put16(b, off + 8, newWord);
        setChecksum(b, off, Checksum.update(checksum(b, off), oldWord, newWord));
        return newWord >>> 8;
    }

    /**
     * Writes a 20-byte header without options, checksum included: version 4, IHL 5, and the
     * given fields ({@code flagsAndOffset}: e.g. {@link #DF}). The checksum is summed from the
     * field values, and the header goes out as three wide stores (8 + 8 + 4 bytes): reading
     * back bytes just stored one or two at a time would stall on the store buffer (a wide load
     * cannot be forwarded from narrower stores), and a receiver that checksums the header soon
     * after loads whole stores. The same bytes and the same sum (RFC 1071) as field by field.
     */
    public static void write(byte[] b, int off, int tos, int totalLength, int id, int flagsAndOffset,
                             int ttl, int protocol, int source, int destination) {
        long w0 = (0x45L << 56) | ((long) (tos & 0xff) << 48) | ((long) (totalLength & 0xffff) << 32)
                | ((long) (id & 0xffff) << 16) | (flagsAndOffset & 0xffff);
        long w1 = ((long) (ttl & 0xff) << 56) | ((long) (protocol & 0xff) << 48) | (source & 0xffff_ffffL);
        // the header's five 32-bit words (checksum field zero) summed as a balanced tree, not
        // eleven 16-bit fields in one chain of additions: the checksum is on the way to the store
        long sum = ((w0 >>> 32) + (w0 & 0xffff_ffffL)) + ((w1 >>> 32) + ((source & 0xffff_ffffL) + (destination & 0xffff_ffffL)));
        long csum = Checksum.finish(sum);
        LONG_BE.set(b, off, w0);
        LONG_BE.set(b, off + 8, w1 | (csum << 32));
        INT_BE.set(b, off + 16, destination);
    }

    /**
     * Decodes the header at {@code b[off]} with {@code len} bytes available, checking what
     * ip_rcv_core checks of the header itself: version 4, IHL ≥ 5, the header fits.
     */
    public static Fields decode(byte[] b, int off, int len) {
        Bytes.require("IPv4 header", len, MIN_LENGTH);
        int version = version(b, off);
        if (version != 4) {
            throw new MalformedPacketException("IPv4 header: version " + version + ", expected 4");
        }
        int ihl = ihl(b, off);
        if (ihl < 5) {
            throw new MalformedPacketException("IPv4 header: IHL " + ihl + " is below the minimum 5");
        }
        Bytes.require("IPv4 header with options (IHL " + ihl + ")", len, ihl * 4);
        int fo = flagsAndOffset(b, off);
        return new Fields(tos(b, off), totalLength(b, off), identification(b, off), fo >>> 13,
                fo & OFFSET_MASK, ttl(b, off), protocol(b, off), checksum(b, off),
                new Ipv4Address(source(b, off)), new Ipv4Address(destination(b, off)),
                Arrays.copyOfRange(b, off + MIN_LENGTH, off + ihl * 4));
    }

    /**
     * Record form. {@code flags} are the three flag bits (reserved, DF, MF from high to low);
     * {@code fragmentOffset} is in 8-byte units; {@code options} are the raw option bytes,
     * padding included (a multiple of 4, at most 40).
     */
    public record Fields(int tos, int totalLength, int identification, int flags, int fragmentOffset,
                         int ttl, int protocol, int checksum, Ipv4Address source, Ipv4Address destination,
                         byte[] options) implements Header {
        public Fields {
            if (options.length % 4 != 0 || options.length > MAX_LENGTH - MIN_LENGTH) {
                throw new IllegalArgumentException("IPv4 options: " + options.length
                        + " bytes, expected a multiple of 4 up to 40");
            }
            options = options.clone();
        }

        @Override
        public byte[] options() {
            return options.clone();
        }

        public boolean dontFragment() {
            return (flags & 2) != 0;
        }

        public boolean moreFragments() {
            return (flags & 1) != 0;
        }

        /** A copy with the checksum this header should carry. */
        public Fields withComputedChecksum() {
            byte[] tmp = new byte[length()];
            encode(tmp, 0);
            return new Fields(tos, totalLength, identification, flags, fragmentOffset, ttl, protocol,
                    computeChecksum(tmp, 0), source, destination, options);
        }

        @Override
        public int length() {
            return MIN_LENGTH + options.length;
        }

        @Override
        public int encode(byte[] b, int off) {
            b[off] = (byte) (0x40 | (length() >>> 2));
            Bytes.put8(b, off + 1, tos);
            Bytes.put16(b, off + 2, totalLength);
            Bytes.put16(b, off + 4, identification);
            Bytes.put16(b, off + 6, (flags << 13) | fragmentOffset);
            Bytes.put8(b, off + 8, ttl);
            Bytes.put8(b, off + 9, protocol);
            Bytes.put16(b, off + 10, checksum);
            Bytes.put32(b, off + 12, source.bits());
            Bytes.put32(b, off + 16, destination.bits());
            System.arraycopy(options, 0, b, off + MIN_LENGTH, options.length);
            return length();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Fields f && tos == f.tos && totalLength == f.totalLength
                    && identification == f.identification && flags == f.flags
                    && fragmentOffset == f.fragmentOffset && ttl == f.ttl && protocol == f.protocol
                    && checksum == f.checksum && source.equals(f.source) && destination.equals(f.destination)
                    && Arrays.equals(options, f.options);
        }

        @Override
        public int hashCode() {
            return ((identification * 31 + checksum) * 31 + source.hashCode()) * 31 + Arrays.hashCode(options);
        }

        @Override
        public String toString() {
            return "Ipv4[" + source + " > " + destination + " proto " + IpProtocol.name(protocol)
                    + " tos 0x" + Integer.toHexString(tos) + " ttl " + ttl + " id " + identification
                    + (dontFragment() ? " DF" : "") + (moreFragments() ? " MF" : "")
                    + (fragmentOffset != 0 ? " off " + fragmentOffset * 8 : "")
                    + " len " + totalLength + String.format(" csum 0x%04x", checksum)
                    + (options.length > 0 ? " options " + HexFormat.of().formatHex(options) : "") + "]";
        }
    }
}
