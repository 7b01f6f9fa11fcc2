package io.overlaysim.transport;

import io.overlaysim.packet.PacketBuffer;
import io.overlaysim.packet.TcpHeader;
import io.overlaysim.packet.TcpOption;

/**
 * Building and reading segments on bytes: one header (with the MSS option on SYNs), the data
 * copied from the send queue, the checksum over the IPv4 pseudo-header. One allocation per
 * segment: its packet.
 */
final class TcpSegments {
    /** Header bytes with the MSS option (kind 2, length 4). */
    static final int SYN_HEADER_LENGTH = TcpHeader.MIN_LENGTH + 4;

    private TcpSegments() {}

    /**
     * A segment from {@code source:sport} to {@code destination:dport}; {@code len} data bytes
     * come from {@code data} starting {@code dataFrom} bytes after its front; {@code mss} &gt; 0
     * adds the MSS option. The checksum is filled.
     */
    static PacketBuffer build(int source, int sport, int destination, int dport, int seq, int ack,
                              int flags, int window, int mss, TcpByteRing data, int dataFrom, int len) {
        int hl = mss > 0 ? SYN_HEADER_LENGTH : TcpHeader.MIN_LENGTH;
        PacketBuffer p = PacketBuffer.allocate(PacketBuffer.DEFAULT_HEADROOM, hl + len);
        int off = p.put(hl + len);
        byte[] b = p.array();
        put16(b, off, sport);
        put16(b, off + 2, dport);
        put32(b, off + 4, seq);
        put32(b, off + 8, (flags & TcpHeader.ACK) != 0 ? ack : 0);
        b[off + 12] = (byte) ((hl / 4) << 4);
        b[off + 13] = (byte) flags;
        put16(b, off + 14, window);
        put16(b, off + 16, 0);
        put16(b, off + 18, 0);
        if (mss > 0) {
            b[off + 20] = TcpOption.KIND_MSS;
            b[off + 21] = 4;
            put16(b, off + 22, mss);
        }
        if (len > 0) {
            data.copyOut(dataFrom, b, off + hl, len);
        }
        p.setTransportHeader(off);
        TcpHeader.fillChecksum(b, off, hl + len, source, destination);
        p.setChecksumPartial(off);   // __tcp_v4_send_check: CHECKSUM_PARTIAL, the device completes it
        return p;
    }

    /**
     * The MSS option of the header at {@code b[off]} of length {@code hl}, or 0 when absent.
     * Walks the option list without allocating (tcp_parse_options); a malformed list ends the
     * walk.
     */
    static int mssOption(byte[] b, int off, int hl) {
        int i = off + TcpHeader.MIN_LENGTH;
        int end = off + hl;
        while (i < end) {
            int kind = b[i] & 0xff;
            if (kind == TcpOption.KIND_EOL) {
                return 0;
            }
            if (kind == TcpOption.KIND_NOP) {
                i++;
                continue;
            }
            if (i + 1 >= end) {
                return 0;
            }
            int olen = b[i + 1] & 0xff;
            if (olen < 2 || i + olen > end) {
                return 0;
            }
            if (kind == TcpOption.KIND_MSS && olen == 4) {
                return ((b[i + 2] & 0xff) << 8) | (b[i + 3] & 0xff);
            }
            i += olen;
        }
        return 0;
    }

    private static void put16(byte[] b, int off, int v) {
        b[off] = (byte) (v >>> 8);
        b[off + 1] = (byte) v;
    }

    private static void put32(byte[] b, int off, int v) {
        b[off] = (byte) (v >>> 24);
        b[off + 1] = (byte) (v >>> 16);
        b[off + 2] = (byte) (v >>> 8);
        b[off + 3] = (byte) v;
    }
}
