package io.overlaysim.capture;

import java.io.IOException;
import java.util.Objects;

/**
 * A writer of classic pcap files (libpcap format 2.4, little-endian), with microsecond or
 * nanosecond timestamps. The file header carries the link type and snap length of the first
 * interface declared; further interfaces must have the same link type and share the file.
 * Comments and directions have no place in this format and are dropped.
 *
 * <p>Layout (pcap-savefile(5)): a 24-byte header (magic, version 2.4, zone 0, sigfigs 0, snap
 * length, link type), then per packet a 16-byte record header (seconds, micro- or nanoseconds,
 * captured length, original length) and the captured bytes.
 */
public final class PcapWriter implements CaptureWriter {
    private static final int MAGIC_MICROS = 0xa1b2c3d4;
    private static final int MAGIC_NANOS = 0xa1b23c4d;

    private final CaptureOutput out;
    private final boolean nanos;
    private LinkType linkType;
    private int fileSnapLength;
    private int[] snapLengths = new int[4];
    private int interfaces;

    PcapWriter(CaptureOutput out, boolean nanos) {
        this.out = out;
        this.nanos = nanos;
    }

    @Override
    public CaptureFormat format() {
        return nanos ? CaptureFormat.PCAP_NS : CaptureFormat.PCAP;
    }

    @Override
    public int addInterface(String name, LinkType linkType, int snapLength) throws IOException {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(linkType, "linkType");
        if (snapLength <= 0) {
            throw new IllegalArgumentException("snap length must be > 0, got " + snapLength);
        }
        if (this.linkType == null) {
            this.linkType = linkType;
            this.fileSnapLength = snapLength;
            writeHeader();
        } else if (this.linkType != linkType) {
            throw new IllegalArgumentException("classic pcap holds one link type: interface " + name
                    + " is " + linkType + " but the file is " + this.linkType
                    + " (use pcapng for mixed interfaces)");
        }
        if (interfaces == snapLengths.length) {
            snapLengths = java.util.Arrays.copyOf(snapLengths, interfaces * 2);
        }
        // The header's snap length bounds every record of the file.
        snapLengths[interfaces] = Math.min(snapLength, fileSnapLength);
        return interfaces++;
    }

    private void writeHeader() throws IOException {
        int at = out.reserve(24);
        out.putInt(at, nanos ? MAGIC_NANOS : MAGIC_MICROS);
        out.putShort(at + 4, 2);
        out.putShort(at + 6, 4);
        out.putInt(at + 8, 0);
        out.putInt(at + 12, 0);
        out.putInt(at + 16, fileSnapLength);
        out.putInt(at + 20, linkType.code());
        out.advance(24);
    }

    @Override
    public void write(int iface, long timestampNanos, byte[] data, int offset, int length,
                      int originalLength, Direction direction, CharSequence comment) throws IOException {
        if (iface < 0 || iface >= interfaces) {
            throw new IllegalArgumentException("unknown interface id " + iface + " (" + interfaces + " declared)");
        }
        Records.checkPacket(timestampNanos, data, offset, length, originalLength);
        int caplen = Math.min(length, snapLengths[iface]);
        long seconds = timestampNanos / 1_000_000_000L;
        int fraction = (int) (timestampNanos % 1_000_000_000L);
        int at = out.reserve(16);
        out.putInt(at, (int) seconds);
        out.putInt(at + 4, nanos ? fraction : fraction / 1000);
        out.putInt(at + 8, caplen);
        out.putInt(at + 12, originalLength);
        out.advance(16);
        out.write(data, offset, caplen);
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    /** Flushes and closes; a file with no interface gets an Ethernet header so it stays valid. */
    @Override
    public void close() throws IOException {
        if (linkType == null) {
            linkType = LinkType.ETHERNET;
            fileSnapLength = DEFAULT_SNAP_LENGTH;
            writeHeader();
        }
        out.close();
    }
}
