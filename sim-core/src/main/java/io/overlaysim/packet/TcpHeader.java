package io.overlaysim.packet;

import java.util.ArrayList;
import java.util.List;

/**
 * TCP header view (RFC 9293 section 3.1): ports, sequence and acknowledgment numbers, data
 * offset, flags, window, checksum over the IPv4 pseudo-header, urgent pointer and options.
 * Sequence numbers are returned as {@code long} in 0..2^32-1.
 */
public final class TcpHeader {
    public static final int MIN_LENGTH = 20;
    public static final int MAX_LENGTH = 60;
    public static final int FIN = 0x01;
    public static final int SYN = 0x02;
    public static final int RST = 0x04;
    public static final int PSH = 0x08;
    public static final int ACK = 0x10;
    public static final int URG = 0x20;
    public static final int ECE = 0x40;
    public static final int CWR = 0x80;
    /** The bit left of CWR: NS (RFC 3540, historic), now AE (accurate ECN). */
    public static final int AE = 0x100;

    private TcpHeader() {}

    public static int sourcePort(byte[] b, int off) {
        return Bytes.u16(b, off);
    }

    public static int destinationPort(byte[] b, int off) {
        return Bytes.u16(b, off + 2);
    }

    public static long sequence(byte[] b, int off) {
        return Bytes.u32(b, off + 4);
    }

    public static long acknowledgment(byte[] b, int off) {
        return Bytes.u32(b, off + 8);
    }

    /** Header length in bytes (data offset × 4). */
    public static int headerLength(byte[] b, int off) {
        return ((b[off + 12] & 0xff) >>> 4) << 2;
    }

    /** The nine flag bits, AE (NS) to FIN. */
    public static int flags(byte[] b, int off) {
        return ((b[off + 12] & 1) << 8) | (b[off + 13] & 0xff);
    }

    public static int window(byte[] b, int off) {
        return Bytes.u16(b, off + 14);
    }

    public static int checksum(byte[] b, int off) {
        return Bytes.u16(b, off + 16);
    }

    public static void setChecksum(byte[] b, int off, int checksum) {
        Bytes.put16(b, off + 16, checksum);
    }

    public static int urgentPointer(byte[] b, int off) {
        return Bytes.u16(b, off + 18);
    }

    /** The checksum the segment of {@code len} bytes should carry (its field counted as zero). */
    public static int computeChecksum(byte[] b, int off, int len, int source, int destination) {
        long sum = Checksum.pseudoHeader(source, destination, IpProtocol.TCP, len);
        sum = Checksum.add(sum, b, off, 16);
        sum = Checksum.add(sum, b, off + 18, len - 18);
        return Checksum.finish(sum);
    }

    public static void fillChecksum(byte[] b, int off, int len, int source, int destination) {
        setChecksum(b, off, computeChecksum(b, off, len, source, destination));
    }

    public static boolean verifyChecksum(byte[] b, int off, int len, int source, int destination) {
        long sum = Checksum.pseudoHeader(source, destination, IpProtocol.TCP, len);
        return Checksum.fold(Checksum.add(sum, b, off, len)) == 0xffff;
    }

    /** Decodes the header and its options; the data offset must be 5..15 and fit in {@code len}. */
    public static Fields decode(byte[] b, int off, int len) {
        Bytes.require("TCP header", len, MIN_LENGTH);
        int hl = headerLength(b, off);
        if (hl < MIN_LENGTH) {
            throw new MalformedPacketException("TCP header: data offset " + (hl / 4) + " is below the minimum 5");
        }
        Bytes.require("TCP header with options (data offset " + hl / 4 + ")", len, hl);
        return new Fields(sourcePort(b, off), destinationPort(b, off), sequence(b, off),
                acknowledgment(b, off), hl / 4, (b[off + 12] >>> 1) & 7, flags(b, off), window(b, off),
                checksum(b, off), urgentPointer(b, off),
                TcpOption.decodeAll(b, off + MIN_LENGTH, hl - MIN_LENGTH));
    }

    /**
     * Record form. {@code dataOffset} is in 32-bit words; options are padded with zero bytes
     * up to it. {@code reserved} holds the three reserved bits.
     */
    public record Fields(int sourcePort, int destinationPort, long sequence, long acknowledgment,
                         int dataOffset, int reserved, int flags, int window, int checksum,
                         int urgentPointer, List<TcpOption> options) implements Header {
        public Fields {
            options = List.copyOf(options);
            int optionBytes = options.stream().mapToInt(TcpOption::length).sum();
            if (dataOffset < 5 || dataOffset > 15 || MIN_LENGTH + optionBytes > dataOffset * 4) {
                throw new IllegalArgumentException("TCP data offset " + dataOffset + " cannot hold "
                        + optionBytes + " bytes of options");
            }
        }

        /**
         * A header whose data offset is just large enough for {@code options}, checksum and
         * urgent pointer zero. When the options do not end on a 32-bit boundary an EOL is
         * appended (RFC 9293 section 3.2: EOL marks an end that is not the header's end).
         */
        public static Fields of(int sourcePort, int destinationPort, long sequence, long acknowledgment,
                                int flags, int window, List<TcpOption> options) {
            int optionBytes = options.stream().mapToInt(TcpOption::length).sum();
            List<TcpOption> all = options;
            if (optionBytes % 4 != 0 && !(options.get(options.size() - 1) instanceof TcpOption.Eol)) {
                all = new ArrayList<>(options);
                all.add(new TcpOption.Eol());
                optionBytes++;
            }
            return new Fields(sourcePort, destinationPort, sequence, acknowledgment,
                    (MIN_LENGTH + optionBytes + 3) / 4, 0, flags, window, 0, 0, all);
        }

        public boolean has(int flag) {
            return (flags & flag) != 0;
        }

        @Override
        public int length() {
            return dataOffset * 4;
        }

        @Override
        public int encode(byte[] b, int off) {
            Bytes.put16(b, off, sourcePort);
            Bytes.put16(b, off + 2, destinationPort);
            Bytes.put32(b, off + 4, sequence);
            Bytes.put32(b, off + 8, acknowledgment);
            b[off + 12] = (byte) ((dataOffset << 4) | (reserved << 1) | (flags >>> 8));
            b[off + 13] = (byte) flags;
            Bytes.put16(b, off + 14, window);
            Bytes.put16(b, off + 16, checksum);
            Bytes.put16(b, off + 18, urgentPointer);
            int at = off + MIN_LENGTH;
            for (TcpOption o : options) {
                at += o.encode(b, at);
            }
            while (at < off + length()) {
                b[at++] = 0;
            }
            return length();
        }

        @Override
        public String toString() {
            StringBuilder f = new StringBuilder();
            String[] names = {"FIN", "SYN", "RST", "PSH", "ACK", "URG", "ECE", "CWR", "AE"};
            for (int i = 0; i < names.length; i++) {
                if ((flags & (1 << i)) != 0) {
                    f.append(f.isEmpty() ? "" : ",").append(names[i]);
                }
            }
            return "Tcp[" + sourcePort + " > " + destinationPort + " [" + f + "] seq " + sequence
                    + " ack " + acknowledgment + " win " + window + String.format(" csum 0x%04x", checksum)
                    + (options.isEmpty() ? "" : " options " + options) + "]";
        }
    }
}
