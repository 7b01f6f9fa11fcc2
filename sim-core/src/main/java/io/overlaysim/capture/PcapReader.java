package io.overlaysim.capture;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a capture file into memory: classic pcap (either byte order, microsecond or nanosecond
 * timestamps) or pcapng (either byte order; interface names, timestamp resolutions, packet
 * comments and directions; simple packet blocks are skipped). For tests,
 * {@code trace --decode} and reading users' captures: not a hot path.
 *
 * <pre>{@code
 * PcapReader.Capture c = PcapReader.read(Path.of("linux-vxlan-underlay.pcap"));
 * c.linkType();           // 1 (Ethernet)
 * c.records().get(0).data();
 * }</pre>
 */
public final class PcapReader {
    private PcapReader() {}

    /**
     * One captured packet: timestamp in nanoseconds, original length, the captured bytes, and
     * (pcapng only) the index of its interface in {@link Capture#interfaces()}, its direction
     * and its comment ({@code null} when none).
     */
    public record Record(long timestampNanos, int originalLength, byte[] data,
                         int interfaceId, Direction direction, String comment) {
        /** A classic pcap record: interface 0, direction unknown, no comment. */
        public Record(long timestampNanos, int originalLength, byte[] data) {
            this(timestampNanos, originalLength, data, 0, Direction.UNKNOWN, null);
        }
    }

    /**
     * A captured interface: its name ({@code if_name}, or null), link type, snap length, and
     * timestamp resolution ({@code if_tsresol}: 9 means nanoseconds, 6 microseconds; with the
     * high bit set, a power of two).
     */
    public record Interface(String name, int linkType, int snapLength, int timestampResolution) {}

    /**
     * A whole file: the link type and snap length of its first interface, whether its
     * timestamps are nanoseconds, its records in file order, its format and its interfaces
     * (one, unnamed, for classic pcap).
     */
    public record Capture(int linkType, int snapLength, boolean nanosecond, List<Record> records,
                          CaptureFormat format, List<Interface> interfaces) {
        /** A classic pcap capture with one unnamed interface. */
        public Capture(int linkType, int snapLength, boolean nanosecond, List<Record> records) {
            this(linkType, snapLength, nanosecond, records, nanosecond ? CaptureFormat.PCAP_NS : CaptureFormat.PCAP,
                    List.of(new Interface(null, linkType, snapLength, nanosecond ? 9 : 6)));
        }
    }

    public static Capture read(Path file) throws IOException {
        return parse(file.toString(), Files.readAllBytes(file));
    }

    /** Parses the bytes of a pcap or pcapng file; {@code name} is used in error messages. */
    public static Capture parse(String name, byte[] bytes) throws IOException {
        if (bytes.length >= 4 && ByteBuffer.wrap(bytes).getInt(0) == PcapngReader.SECTION_HEADER) {
            return PcapngReader.parse(name, bytes);
        }
        if (bytes.length < 24) {
            throw new IOException(name + ": not a pcap file (shorter than the 24-byte header)");
        }
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        int magic = b.getInt(0);
        boolean nano;
        switch (magic) {
            case 0xa1b2c3d4 -> nano = false;
            case 0xa1b23c4d -> nano = true;
            case 0xd4c3b2a1, 0x4d3cb2a1 -> {
                b.order(ByteOrder.BIG_ENDIAN);
                nano = magic == 0x4d3cb2a1;
            }
            default -> throw new IOException(name + ": not a pcap file (magic "
                    + String.format("0x%08x", magic) + ")");
        }
        int snap = b.getInt(16);
        int linkType = b.getInt(20) & 0x0fff_ffff;
        List<Record> records = new ArrayList<>();
        int off = 24;
        while (off < bytes.length) {
            if (off + 16 > bytes.length) {
                throw new IOException(name + ": record " + (records.size() + 1) + " cut short in its header");
            }
            long sec = b.getInt(off) & 0xffffffffL;
            long frac = b.getInt(off + 4) & 0xffffffffL;
            int caplen = b.getInt(off + 8);
            int origlen = b.getInt(off + 12);
            if (caplen < 0 || off + 16 + caplen > bytes.length) {
                throw new IOException(name + ": record " + (records.size() + 1) + " cut short in its data");
            }
            byte[] data = new byte[caplen];
            System.arraycopy(bytes, off + 16, data, 0, caplen);
            records.add(new Record(sec * 1_000_000_000L + (nano ? frac : frac * 1000), origlen, data));
            off += 16 + caplen;
        }
        return new Capture(linkType, snap, nano, List.copyOf(records));
    }
}
