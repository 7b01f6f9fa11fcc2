package io.overlaysim.packet;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One TCP option (RFC 9293 section 3.2, RFC 7323, RFC 2018). Options of a known kind but an
 * unexpected length decode as {@link Unknown}, so re-encoding gives the same bytes.
 */
public sealed interface TcpOption {
    int KIND_EOL = 0;
    int KIND_NOP = 1;
    int KIND_MSS = 2;
    int KIND_WINDOW_SCALE = 3;
    int KIND_SACK_PERMITTED = 4;
    int KIND_SACK = 5;
    int KIND_TIMESTAMPS = 8;

    /** Length on the wire. */
    int length();

    /** Writes the option at {@code b[off]} and returns its length. */
    int encode(byte[] b, int off);

    /** End of option list (kind 0); what follows it in the header is padding. */
    record Eol() implements TcpOption {
        public int length() {
            return 1;
        }

        public int encode(byte[] b, int off) {
            b[off] = KIND_EOL;
            return 1;
        }
    }

    /** No-operation (kind 1), used to align the next option. */
    record Nop() implements TcpOption {
        public int length() {
            return 1;
        }

        public int encode(byte[] b, int off) {
            b[off] = KIND_NOP;
            return 1;
        }
    }

    /** Maximum segment size (kind 2, length 4). */
    record Mss(int mss) implements TcpOption {
        public int length() {
            return 4;
        }

        public int encode(byte[] b, int off) {
            b[off] = KIND_MSS;
            b[off + 1] = 4;
            Bytes.put16(b, off + 2, mss);
            return 4;
        }
    }

    /** Window scale shift count (kind 3, length 3; RFC 7323 section 2). */
    record WindowScale(int shift) implements TcpOption {
        public int length() {
            return 3;
        }

        public int encode(byte[] b, int off) {
            b[off] = KIND_WINDOW_SCALE;
            b[off + 1] = 3;
            b[off + 2] = (byte) shift;
            return 3;
        }
    }

    /** SACK permitted (kind 4, length 2; RFC 2018 section 2). */
    record SackPermitted() implements TcpOption {
        public int length() {
            return 2;
        }

        public int encode(byte[] b, int off) {
            b[off] = KIND_SACK_PERMITTED;
            b[off + 1] = 2;
            return 2;
        }
    }

    /** One SACK block: left edge and right edge (RFC 2018 section 3). */
    record SackBlock(long left, long right) {}

    /** SACK blocks (kind 5, length 2 + 8n). */
    record Sack(List<SackBlock> blocks) implements TcpOption {
        public Sack {
            blocks = List.copyOf(blocks);
        }

        public int length() {
            return 2 + 8 * blocks.size();
        }

        public int encode(byte[] b, int off) {
            b[off] = KIND_SACK;
            b[off + 1] = (byte) length();
            int at = off + 2;
            for (SackBlock s : blocks) {
                Bytes.put32(b, at, s.left());
                Bytes.put32(b, at + 4, s.right());
                at += 8;
            }
            return length();
        }
    }

    /** Timestamps TSval and TSecr (kind 8, length 10; RFC 7323 section 3). */
    record Timestamps(long value, long echoReply) implements TcpOption {
        public int length() {
            return 10;
        }

        public int encode(byte[] b, int off) {
            b[off] = KIND_TIMESTAMPS;
            b[off + 1] = 10;
            Bytes.put32(b, off + 2, value);
            Bytes.put32(b, off + 6, echoReply);
            return 10;
        }
    }

    /** Any other option: kind and the bytes after the length byte. */
    record Unknown(int kind, byte[] data) implements TcpOption {
        public Unknown {
            data = data.clone();
        }

        @Override
        public byte[] data() {
            return data.clone();
        }

        public int length() {
            return 2 + data.length;
        }

        public int encode(byte[] b, int off) {
            b[off] = (byte) kind;
            b[off + 1] = (byte) length();
            System.arraycopy(data, 0, b, off + 2, data.length);
            return length();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Unknown u && kind == u.kind && Arrays.equals(data, u.data);
        }

        @Override
        public int hashCode() {
            return kind * 31 + Arrays.hashCode(data);
        }

        @Override
        public String toString() {
            return "Unknown[kind=" + kind + ", length=" + length() + "]";
        }
    }

    /**
     * Decodes the options in {@code b[off, off+len)} up to an EOL (as tcp_parse_options
     * walks them). A length byte below 2 or past the end is malformed.
     */
    static List<TcpOption> decodeAll(byte[] b, int off, int len) {
        List<TcpOption> out = new ArrayList<>();
        int i = 0;
        while (i < len) {
            int kind = b[off + i] & 0xff;
            if (kind == KIND_EOL) {
                out.add(new Eol());
                break;
            }
            if (kind == KIND_NOP) {
                out.add(new Nop());
                i++;
                continue;
            }
            if (i + 1 >= len) {
                throw new MalformedPacketException("TCP option kind " + kind + " at option byte " + i
                        + ": no length byte before the end of the header");
            }
            int olen = b[off + i + 1] & 0xff;
            if (olen < 2 || i + olen > len) {
                throw new MalformedPacketException("TCP option kind " + kind + " at option byte " + i
                        + ": length " + olen + ", expected 2.." + (len - i));
            }
            int d = off + i + 2;
            out.add(switch (kind) {
                case KIND_MSS -> olen == 4 ? new Mss(Bytes.u16(b, d)) : unknown(kind, b, d, olen);
                case KIND_WINDOW_SCALE -> olen == 3 ? new WindowScale(Bytes.u8(b, d)) : unknown(kind, b, d, olen);
                case KIND_SACK_PERMITTED -> olen == 2 ? new SackPermitted() : unknown(kind, b, d, olen);
                case KIND_TIMESTAMPS -> olen == 10 ? new Timestamps(Bytes.u32(b, d), Bytes.u32(b, d + 4))
                        : unknown(kind, b, d, olen);
                case KIND_SACK -> (olen - 2) % 8 == 0 && olen > 2 ? sack(b, d, (olen - 2) / 8) : unknown(kind, b, d, olen);
                default -> unknown(kind, b, d, olen);
            });
            i += olen;
        }
        return List.copyOf(out);
    }

    private static Unknown unknown(int kind, byte[] b, int dataOff, int olen) {
        return new Unknown(kind, Arrays.copyOfRange(b, dataOff, dataOff + olen - 2));
    }

    private static Sack sack(byte[] b, int d, int n) {
        List<SackBlock> blocks = new ArrayList<>(n);
        for (int k = 0; k < n; k++) {
            blocks.add(new SackBlock(Bytes.u32(b, d + 8 * k), Bytes.u32(b, d + 8 * k + 4)));
        }
        return new Sack(blocks);
    }
}
