package io.overlaysim.capture;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses pcapng (draft-ietf-opsawg-pcapng): section header, interface description, enhanced
 * packet blocks; other blocks (simple packet, name resolution, statistics, custom) are skipped.
 * Interfaces of later sections are appended to the list, so record interface ids index it.
 */
final class PcapngReader {
    static final int SECTION_HEADER = 0x0A0D0D0A;
    private static final int INTERFACE_DESCRIPTION = 1;
    private static final int ENHANCED_PACKET = 6;
    private static final int BYTE_ORDER_MAGIC = 0x1A2B3C4D;

    private PcapngReader() {}

    static PcapReader.Capture parse(String name, byte[] bytes) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        ByteBuffer palindrome = ByteBuffer.wrap(bytes);
        List<PcapReader.Interface> interfaces = new ArrayList<>();
        List<Long> offsetNanos = new ArrayList<>();
        List<PcapReader.Record> records = new ArrayList<>();
        int sectionFirstInterface = 0;
        int off = 0;
        boolean sawSection = false;
        while (off < bytes.length) {
            String where = name + ": block at byte " + off;
            if (off + 12 > bytes.length) {
                throw new IOException(where + " cut short in its header");
            }
            int type = palindrome.getInt(off);   // SHB's type reads the same in either order
            if (type == SECTION_HEADER) {
                int magic = b.order(ByteOrder.LITTLE_ENDIAN).getInt(off + 8);
                if (magic == BYTE_ORDER_MAGIC) {
                    b.order(ByteOrder.LITTLE_ENDIAN);
                } else if (Integer.reverseBytes(magic) == BYTE_ORDER_MAGIC) {
                    b.order(ByteOrder.BIG_ENDIAN);
                } else {
                    throw new IOException(where + ": bad byte-order magic " + String.format("0x%08x", magic));
                }
                sawSection = true;
                sectionFirstInterface = interfaces.size();
            } else if (!sawSection) {
                throw new IOException(where + ": expected a section header block first");
            } else {
                type = b.getInt(off);
            }
            int total = b.getInt(off + 4);
            if (total < 12 || (total & 3) != 0 || off + total > bytes.length) {
                throw new IOException(where + ": bad block total length " + total);
            }
            if (b.getInt(off + total - 4) != total) {
                throw new IOException(where + ": trailing block total length " + b.getInt(off + total - 4)
                        + " differs from the leading " + total);
            }
            int bodyEnd = off + total - 4;
            switch (type) {
                case INTERFACE_DESCRIPTION -> {
                    need(where, off + 16, bodyEnd);
                    int linkType = b.getShort(off + 8) & 0xffff;
                    int snap = b.getInt(off + 12);
                    Options o = options(where, b, off + 16, bodyEnd);
                    interfaces.add(new PcapReader.Interface(o.name, linkType, snap, o.tsresol));
                    offsetNanos.add(o.tsoffset * 1_000_000_000L);
                }
                case ENHANCED_PACKET -> {
                    need(where, off + 28, bodyEnd);
                    int iface = sectionFirstInterface + b.getInt(off + 8);
                    if (iface < sectionFirstInterface || iface >= interfaces.size()) {
                        throw new IOException(where + ": packet of undeclared interface " + b.getInt(off + 8));
                    }
                    long ts = ((b.getInt(off + 12) & 0xffffffffL) << 32) | (b.getInt(off + 16) & 0xffffffffL);
                    int caplen = b.getInt(off + 20);
                    int origlen = b.getInt(off + 24);
                    int dataEnd = off + 28 + ((caplen + 3) & ~3);
                    if (caplen < 0 || dataEnd > bodyEnd) {
                        throw new IOException(where + ": captured length " + caplen + " overruns the block");
                    }
                    byte[] data = new byte[caplen];
                    System.arraycopy(bytes, off + 28, data, 0, caplen);
                    Options o = options(where, b, dataEnd, bodyEnd);
                    long nanos = toNanos(ts, interfaces.get(iface).timestampResolution()) + offsetNanos.get(iface);
                    records.add(new PcapReader.Record(nanos, origlen, data, iface,
                            Direction.ofFlags(o.flags), o.comment));
                }
                default -> { }   // SHB (handled above), SPB, NRB, ISB, custom: skipped
            }
            off += total;
        }
        if (!sawSection) {
            throw new IOException(name + ": empty pcapng file");
        }
        PcapReader.Interface first = interfaces.isEmpty() ? null : interfaces.get(0);
        return new PcapReader.Capture(first == null ? 0 : first.linkType(), first == null ? 0 : first.snapLength(),
                first != null && first.timestampResolution() == 9, List.copyOf(records),
                CaptureFormat.PCAPNG, List.copyOf(interfaces));
    }

    /** The options this reader keeps, from whichever block carried them. */
    private static final class Options {
        String name;
        String comment;
        int tsresol = 6;
        long tsoffset;
        int flags;
    }

    private static Options options(String where, ByteBuffer b, int off, int end) throws IOException {
        Options o = new Options();
        while (off + 4 <= end) {
            int code = b.getShort(off) & 0xffff;
            int len = b.getShort(off + 2) & 0xffff;
            if (code == 0) {
                break;
            }
            int value = off + 4;
            if (value + len > end) {
                throw new IOException(where + ": option " + code + " of " + len + " bytes overruns the block");
            }
            // Codes are per block type, but the ones kept here do not collide: 1 is opt_comment
            // everywhere, 2 is if_name (IDB) or epb_flags (EPB), 9 if_tsresol, 14 if_tsoffset.
            switch (code) {
                case 1 -> o.comment = new String(b.array(), value, len, StandardCharsets.UTF_8);
                case 2 -> {
                    o.name = new String(b.array(), value, len, StandardCharsets.UTF_8);
                    if (len == 4) {
                        o.flags = b.getInt(value);
                    }
                }
                case 9 -> o.tsresol = b.get(value) & 0xff;
                case 14 -> o.tsoffset = b.getLong(value);
                default -> { }
            }
            off = value + ((len + 3) & ~3);
        }
        return o;
    }

    private static void need(String where, int needed, int bodyEnd) throws IOException {
        if (needed > bodyEnd) {
            throw new IOException(where + ": block too short for its fixed fields");
        }
    }

    /** Converts a timestamp in units of the interface's {@code if_tsresol} to nanoseconds. */
    static long toNanos(long ts, int tsresol) {
        if ((tsresol & 0x80) == 0) {
            long nanos = ts;
            for (int e = tsresol; e < 9; e++) {
                nanos *= 10;
            }
            for (int e = tsresol; e > 9; e--) {
                nanos /= 10;
            }
            return nanos;
        }
        int shift = tsresol & 0x7f;
        // ts * 10^9 / 2^shift without overflow: 128-bit product, then shift.
        long hi = Math.multiplyHigh(ts, 1_000_000_000L);
        long lo = ts * 1_000_000_000L;
        return shift == 0 ? lo : (lo >>> shift) | (hi << (64 - shift));
    }
}
