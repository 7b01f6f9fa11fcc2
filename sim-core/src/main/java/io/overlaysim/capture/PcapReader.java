package io.overlaysim.capture;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a classic pcap file (either byte order, microsecond or nanosecond timestamps) into
 * memory. For tests, {@code trace --decode} and reading users' captures: not a hot path.
 *
 * <pre>{@code
 * PcapReader.Capture c = PcapReader.read(Path.of("linux-vxlan-underlay.pcap"));
 * c.linkType();           // 1 (Ethernet)
 * c.records().get(0).data();
 * }</pre>
 */
public final class PcapReader {
    private PcapReader() {}

    /** One captured packet: timestamp in nanoseconds, original length, and the captured bytes. */
    public record Record(long timestampNanos, int originalLength, byte[] data) {}

    /** A whole file: its link type, snap length and records in file order. */
    public record Capture(int linkType, int snapLength, boolean nanosecond, List<Record> records) {}

    public static Capture read(Path file) throws IOException {
        return parse(file.toString(), Files.readAllBytes(file));
    }

    /** Parses the bytes of a pcap file; {@code name} is used in error messages. */
    public static Capture parse(String name, byte[] bytes) throws IOException {
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
