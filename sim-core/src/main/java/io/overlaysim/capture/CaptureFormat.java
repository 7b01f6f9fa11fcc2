package io.overlaysim.capture;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** A capture file format that {@link CaptureWriter}s write. */
public enum CaptureFormat {
    /** Classic pcap, microsecond timestamps (magic a1b2c3d4): what every tool reads. */
    PCAP("pcap"),
    /** Classic pcap, nanosecond timestamps (magic a1b23c4d). */
    PCAP_NS("pcap"),
    /** pcapng: named interfaces, nanosecond timestamps, per-packet comments and direction. */
    PCAPNG("pcapng");

    private final String extension;

    CaptureFormat(String extension) {
        this.extension = extension;
    }

    /** The usual file name extension, without the dot. */
    public String extension() {
        return extension;
    }

    /** A writer of this format onto {@code out}; closing the writer closes {@code out}. */
    public CaptureWriter writer(OutputStream out) {
        return writer(new CaptureOutput(out));
    }

    /** A writer of this format into a new (or truncated) file. */
    public CaptureWriter open(Path file) throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
        return writer(new CaptureOutput(channel));
    }

    private CaptureWriter writer(CaptureOutput out) {
        return switch (this) {
            case PCAP -> new PcapWriter(out, false);
            case PCAP_NS -> new PcapWriter(out, true);
            case PCAPNG -> new PcapngWriter(out);
        };
    }
}
