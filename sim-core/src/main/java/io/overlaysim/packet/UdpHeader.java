package io.overlaysim.packet;

/**
 * UDP header view (RFC 768): ports, length, checksum over the IPv4 pseudo-header. A zero
 * checksum means none was computed; a computed zero is sent as 0xffff.
 */
public final class UdpHeader {
    public static final int LENGTH = 8;

    private UdpHeader() {}

    public static int sourcePort(byte[] b, int off) {
        return Bytes.u16(b, off);
    }

    public static int destinationPort(byte[] b, int off) {
        return Bytes.u16(b, off + 2);
    }

    /** The UDP length field: header plus payload. */
    public static int length(byte[] b, int off) {
        return Bytes.u16(b, off + 4);
    }

    public static int checksum(byte[] b, int off) {
        return Bytes.u16(b, off + 6);
    }

    public static void setChecksum(byte[] b, int off, int checksum) {
        Bytes.put16(b, off + 6, checksum);
    }

    /** Writes ports and length, checksum zero. */
    public static void write(byte[] b, int off, int sourcePort, int destinationPort, int length) {
        Bytes.put16(b, off, sourcePort);
        Bytes.put16(b, off + 2, destinationPort);
        Bytes.put16(b, off + 4, length);
        Bytes.put16(b, off + 6, 0);
    }

    /**
     * The checksum the datagram of {@code len} bytes between {@code source} and
     * {@code destination} should carry, its own field counted as zero; a result of zero is
     * given as 0xffff (RFC 768; CSUM_MANGLED_0 in udp4_hwcsum's callers).
     */
    public static int computeChecksum(byte[] b, int off, int len, int source, int destination) {
        long sum = Checksum.pseudoHeader(source, destination, IpProtocol.UDP, len);
        sum = Checksum.add(sum, b, off, 6);
        sum = Checksum.add(sum, b, off + 8, len - 8);
        int c = Checksum.finish(sum);
        return c == 0 ? 0xffff : c;
    }

    public static void fillChecksum(byte[] b, int off, int len, int source, int destination) {
        setChecksum(b, off, computeChecksum(b, off, len, source, destination));
    }

    /**
     * {@link #fillChecksum} for a datagram whose bytes after the first {@code summed} are all
     * zero (a payload written only at its head, the rest of a new buffer): zero words add
     * nothing to a ones' complement sum, so only the first {@code summed} bytes are read and the
     * checksum is the same. Spares a sender the pass over its (just zeroed, often cache-cold)
     * payload.
     */
    public static void fillChecksum(byte[] b, int off, int len, int summed, int source, int destination) {
        if (summed < LENGTH || summed > len) {
            throw new IllegalArgumentException("summed " + summed + " outside [8, " + len + "]");
        }
        long sum = Checksum.pseudoHeader(source, destination, IpProtocol.UDP, len);
        sum = Checksum.add(sum, b, off, 6);
        sum = Checksum.add(sum, b, off + 8, summed - 8);
        int c = Checksum.finish(sum);
        setChecksum(b, off, c == 0 ? 0xffff : c);
    }

    /** Whether the checksum is absent (zero) or correct (__udp4_lib_rcv's check). */
    public static boolean verifyChecksum(byte[] b, int off, int len, int source, int destination) {
        if (checksum(b, off) == 0) {
            return true;
        }
        long sum = Checksum.pseudoHeader(source, destination, IpProtocol.UDP, len);
        return Checksum.fold(Checksum.add(sum, b, off, len)) == 0xffff;
    }

    public static Fields decode(byte[] b, int off, int len) {
        Bytes.require("UDP header", len, LENGTH);
        return new Fields(sourcePort(b, off), destinationPort(b, off), length(b, off), checksum(b, off));
    }

    /** Record form. */
    public record Fields(int sourcePort, int destinationPort, int udpLength, int checksum) implements Header {
        @Override
        public int length() {
            return LENGTH;
        }

        @Override
        public int encode(byte[] b, int off) {
            write(b, off, sourcePort, destinationPort, udpLength);
            setChecksum(b, off, checksum);
            return LENGTH;
        }

        @Override
        public String toString() {
            return "Udp[" + sourcePort + " > " + destinationPort + " len " + udpLength
                    + String.format(" csum 0x%04x", checksum) + "]";
        }
    }
}
