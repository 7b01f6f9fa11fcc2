package io.overlaysim.packet;

/**
 * ICMP header view (RFC 792): type, code, checksum and the 4-byte rest of header, whose
 * meaning depends on the type (echo identifier and sequence; the next-hop MTU of RFC 1191 in
 * a fragmentation-needed error; a pointer; a gateway). The checksum covers the whole ICMP
 * message, so the methods that touch it take the message length.
 *
 * <pre>{@code
 * IcmpHeader.writeEcho(b, off, IcmpHeader.ECHO_REQUEST, id, seq);   // then the payload
 * IcmpHeader.fillChecksum(b, off, 8 + payloadLength);
 * }</pre>
 */
public final class IcmpHeader {
    public static final int LENGTH = 8;
    public static final int ECHO_REPLY = 0;
    public static final int DESTINATION_UNREACHABLE = 3;
    public static final int ECHO_REQUEST = 8;
    public static final int TIME_EXCEEDED = 11;
    public static final int PARAMETER_PROBLEM = 12;
    /** Destination unreachable codes used by the stack (ICMP_NET_UNREACH and friends). */
    public static final int CODE_NET_UNREACHABLE = 0;
    public static final int CODE_HOST_UNREACHABLE = 1;
    public static final int CODE_PROTOCOL_UNREACHABLE = 2;
    public static final int CODE_PORT_UNREACHABLE = 3;
    public static final int CODE_FRAGMENTATION_NEEDED = 4;
    public static final int CODE_NET_PROHIBITED = 9;
    public static final int CODE_HOST_PROHIBITED = 10;
    public static final int CODE_ADMIN_PROHIBITED = 13;
    /** Time exceeded codes. */
    public static final int CODE_TTL_EXCEEDED = 0;
    public static final int CODE_FRAGMENT_REASSEMBLY_EXCEEDED = 1;
    /** RFC 1812 section 4.3.2.3: an error message is at most 576 bytes of IP datagram. */
    public static final int MAX_ERROR_DATAGRAM = 576;

    private IcmpHeader() {}

    public static int type(byte[] b, int off) {
        return Bytes.u8(b, off);
    }

    public static int code(byte[] b, int off) {
        return Bytes.u8(b, off + 1);
    }

    public static int checksum(byte[] b, int off) {
        return Bytes.u16(b, off + 2);
    }

    public static void setChecksum(byte[] b, int off, int checksum) {
        Bytes.put16(b, off + 2, checksum);
    }

    /** The 32-bit rest of header (icmph->un.gateway). */
    public static int restOfHeader(byte[] b, int off) {
        return Bytes.i32(b, off + 4);
    }

    /** Echo request/reply identifier. */
    public static int identifier(byte[] b, int off) {
        return Bytes.u16(b, off + 4);
    }

    /** Echo request/reply sequence number. */
    public static int sequence(byte[] b, int off) {
        return Bytes.u16(b, off + 6);
    }

    /** Next-hop MTU of a fragmentation-needed error (RFC 1191 section 4; 0 from pre-1191 routers). */
    public static int nextHopMtu(byte[] b, int off) {
        return Bytes.u16(b, off + 6);
    }

    /** Parameter problem pointer (RFC 792). */
    public static int pointer(byte[] b, int off) {
        return Bytes.u8(b, off + 4);
    }

    /** The checksum the message of {@code len} bytes should carry (its field counted as zero). */
    public static int computeChecksum(byte[] b, int off, int len) {
        long sum = Checksum.add(0, b, off, 2);
        sum = Checksum.add(sum, b, off + 4, len - 4);
        return Checksum.finish(sum);
    }

    public static void fillChecksum(byte[] b, int off, int len) {
        setChecksum(b, off, computeChecksum(b, off, len));
    }

    public static boolean verifyChecksum(byte[] b, int off, int len) {
        return Checksum.verify(b, off, len);
    }

    /** Writes the 8-byte header of an echo request or reply, checksum zero (fill it after the payload). */
    public static void writeEcho(byte[] b, int off, int type, int identifier, int sequence) {
        b[off] = (byte) type;
        b[off + 1] = 0;
        Bytes.put16(b, off + 2, 0);
        Bytes.put16(b, off + 4, identifier);
        Bytes.put16(b, off + 6, sequence);
    }

    /**
     * How many bytes of the offending datagram an ICMP error quotes, as Linux's
     * {@code __icmp_send} (net/ipv4/icmp.c) computes it: the room is the route MTU capped at
     * 576, less the error's own IPv4 header (20 + {@code replyOptionsLength}) and the 8-byte
     * ICMP header; it quotes the whole datagram from its IP header up to that room. Returns
     * -1 when the room is not more than an IPv4 header, where the kernel sends no error
     * ("Guard against tiny mtu"). The checksum over header and quote is then what
     * {@code icmp_glue_bits} and {@code icmp_push_reply} accumulate, {@link #fillChecksum}.
     *
     * @param datagramLength the offending datagram's length from its IP header on
     * @param routeMtu the MTU of the route back to its source (dst_mtu)
     */
    public static int errorQuoteLength(int datagramLength, int routeMtu, int replyOptionsLength) {
        int room = Math.min(routeMtu, MAX_ERROR_DATAGRAM) - (Ipv4Header.MIN_LENGTH + replyOptionsLength) - LENGTH;
        if (room <= Ipv4Header.MIN_LENGTH) {
            return -1;
        }
        return Math.min(datagramLength, room);
    }

    /**
     * Writes an ICMP error at {@code b[off]}: type, code, rest of header ({@code info}, e.g.
     * the next-hop MTU for fragmentation needed, as icmp_send's {@code htonl(info)}), then
     * {@code quoteLength} bytes of the offending datagram from {@code datagram[datagramOff]},
     * and the checksum. Returns the ICMP message length.
     */
    public static int writeError(byte[] b, int off, int type, int code, int info,
                                 byte[] datagram, int datagramOff, int quoteLength) {
        b[off] = (byte) type;
        b[off + 1] = (byte) code;
        Bytes.put16(b, off + 2, 0);
        Bytes.put32(b, off + 4, info);
        System.arraycopy(datagram, datagramOff, b, off + LENGTH, quoteLength);
        fillChecksum(b, off, LENGTH + quoteLength);
        return LENGTH + quoteLength;
    }

    /** Decodes the 8-byte header at {@code b[off]} ({@code len} bytes available). */
    public static Fields decode(byte[] b, int off, int len) {
        Bytes.require("ICMP header", len, LENGTH);
        return new Fields(type(b, off), code(b, off), checksum(b, off), restOfHeader(b, off));
    }

    /** Record form of the 8-byte header; the body (echo data, quoted datagram) follows it. */
    public record Fields(int type, int code, int checksum, int restOfHeader) implements Header {
        public static Fields echo(int type, int identifier, int sequence) {
            return new Fields(type, 0, 0, (identifier << 16) | (sequence & 0xffff));
        }

        public static Fields fragmentationNeeded(int nextHopMtu) {
            return new Fields(DESTINATION_UNREACHABLE, CODE_FRAGMENTATION_NEEDED, 0, nextHopMtu & 0xffff);
        }

        public int identifier() {
            return restOfHeader >>> 16;
        }

        public int sequence() {
            return restOfHeader & 0xffff;
        }

        public int nextHopMtu() {
            return restOfHeader & 0xffff;
        }

        /** Whether this type carries a quoted datagram (icmp_pointers[type].error). */
        public boolean isError() {
            IcmpType t = IcmpType.of(type);
            return t != null && t.isError();
        }

        public Fields withChecksum(int value) {
            return new Fields(type, code, value, restOfHeader);
        }

        @Override
        public int length() {
            return LENGTH;
        }

        @Override
        public int encode(byte[] b, int off) {
            b[off] = (byte) type;
            b[off + 1] = (byte) code;
            Bytes.put16(b, off + 2, checksum);
            Bytes.put32(b, off + 4, restOfHeader);
            return LENGTH;
        }

        @Override
        public String toString() {
            IcmpType t = IcmpType.of(type);
            String name = t == null ? "type " + type : t.description();
            String codeName = t == null ? "code " + code : t.codeName(code);
            return "Icmp[" + name + (codeName.isEmpty() ? "" : ", " + codeName)
                    + (type == ECHO_REQUEST || type == ECHO_REPLY ? " id " + identifier() + " seq " + sequence() : "")
                    + (type == DESTINATION_UNREACHABLE && code == CODE_FRAGMENTATION_NEEDED ? " mtu " + nextHopMtu() : "")
                    + String.format(" csum 0x%04x", checksum) + "]";
        }
    }
}
