package io.overlaysim.packet;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The Internet checksum (RFC 1071): the 16-bit ones' complement of the ones' complement sum,
 * used by IPv4, ICMP, UDP and TCP.
 *
 * <p>Partial sums are kept unfolded in an {@code int} or {@code long} ({@link #add}), the
 * kernel's {@code __wsum}, and folded to 16 bits only at the end ({@link #fold}, like
 * {@code csum_fold}). {@link #add} reads 64 bits at a time and adds their two 32-bit halves, so
 * a 1500-byte packet takes about 190 loads.
 *
 * <pre>{@code
 * long s = Checksum.pseudoHeader(src, dst, IpProtocol.UDP, udpLength);
 * s = Checksum.add(s, b, udpOff, udpLength);
 * int csum = Checksum.finish(s);               // what goes on the wire
 * }</pre>
 */
public final class Checksum {
    private static final VarHandle INT_BE =
            MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle LONG_BE =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private Checksum() {}

    /**
     * Adds {@code b[off, off+len)} as big-endian 16-bit words to the partial sum {@code sum}
     * (an odd last byte is padded with a zero byte, RFC 1071 section 4.1). Whole 32-bit words
     * (two per 64-bit load) are summed into a 64-bit accumulator: ones' complement addition is
     * associative, so the carries fold back the same in the end (RFC 1071 section 2 (B),
     * "parallel summation").
     * {@code off} must be even relative to the start of the checksummed region.
     */
    public static long add(long sum, byte[] b, int off, int len) {
        int i = off;
        int stop = off + (len & ~7);
        while (i < stop) {
            // two 32-bit words per load: 1000 bytes of UDP payload are 125 iterations, not 250
            long w = (long) LONG_BE.get(b, i);
            sum += (w >>> 32) + (w & 0xffff_ffffL);
            i += 8;
        }
        if ((len & 4) != 0) {
            sum += (int) INT_BE.get(b, i) & 0xffff_ffffL;
            i += 4;
        }
        if ((len & 2) != 0) {
            sum += ((b[i] & 0xff) << 8) | (b[i + 1] & 0xff);
            i += 2;
        }
        if ((len & 1) != 0) {
            sum += (b[i] & 0xff) << 8;
        }
        return sum;
    }

    /** Adds one 16-bit value to a partial sum. */
    public static long add16(long sum, int word) {
        return sum + (word & 0xffff);
    }

    /** Adds one 32-bit value (two 16-bit words) to a partial sum. */
    public static long add32(long sum, int word) {
        return sum + (word & 0xffff_ffffL);
    }

    /**
     * The partial sum of the IPv4 pseudo-header that UDP (RFC 768) and TCP (RFC 793 section
     * 3.1) prepend: source, destination, zero + protocol, and the transport length.
     */
    public static long pseudoHeader(int src, int dst, int protocol, int length) {
        return (src & 0xffff_ffffL) + (dst & 0xffff_ffffL) + (protocol & 0xff) + (length & 0xffff);
    }

    /**
     * Folds a partial sum to 16 bits with end-around carry (csum_fold without the inversion).
     * A word plus itself rotated by half its width holds in its upper half the ones' complement
     * sum of its two halves, carry included (the kernel's {@code csum_fold}, and
     * {@code csum_finalize_sum} in arch/x86/lib/csum-partial_64.c for 64 to 32 bits): two such
     * steps, 64 to 32 to 16 bits, where masking and shifting
     * needed four dependent steps of two operations each. The result is the same: congruent to
     * {@code sum} modulo 0xffff, in [0, 0xffff], and 0 only for a zero sum.
     */
    public static int fold(long sum) {
        return fold32((int) ((sum + Long.rotateRight(sum, 32)) >>> 32));
    }

    /**
     * {@link #fold} for a partial sum known to fit 32 bits, read as unsigned (a sum of at most
     * 65537 16-bit words): one step.
     */
    public static int fold32(int sum) {
        return (sum + Integer.rotateRight(sum, 16)) >>> 16;
    }

    /** The checksum to put on the wire: the ones' complement of the folded sum. */
    public static int finish(long sum) {
        return ~fold(sum) & 0xffff;
    }

    /** The checksum of {@code b[off, off+len)} alone (the IPv4 header checksum, ICMP's). */
    public static int compute(byte[] b, int off, int len) {
        return finish(add(0, b, off, len));
    }

    /**
     * Whether a region that includes its own checksum field sums to all ones, the receiver's
     * check (RFC 1071 section 1, step 3).
     */
    public static boolean verify(byte[] b, int off, int len) {
        return fold(add(0, b, off, len)) == 0xffff;
    }

    /**
     * The checksum after one 16-bit word of the covered data changes from {@code oldWord} to
     * {@code newWord}, by RFC 1624 eqn. 3: {@code HC' = ~(~HC + ~m + m')}, the form the RFC
     * derives because RFC 1141's {@code HC' = HC + m + ~m'} can give 0x0000 where a full
     * recomputation gives 0xffff (section 3). A TTL decrement changes the word holding TTL and
     * protocol: {@code update(hc, ttl << 8 | proto, (ttl - 1) << 8 | proto)}.
     */
    public static int update(int checksum, int oldWord, int newWord) {
        long sum = (~checksum & 0xffff) + (~oldWord & 0xffff) + (newWord & 0xffff);
        return ~fold(sum) & 0xffff;
    }
}
