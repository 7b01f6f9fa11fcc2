package io.overlaysim.capture;

import java.io.Closeable;
import java.io.Flushable;
import java.io.IOException;

/**
 * A streaming writer of one capture file: declare the interfaces, then write packets in time
 * order. Buffered; writing a packet allocates nothing.
 *
 * <pre>{@code
 * try (CaptureWriter w = CaptureFormat.PCAPNG.open(Path.of("worker01.pcapng"))) {
 *     int nic = w.addInterface("worker01/enp1s0", LinkType.ETHERNET);
 *     int tun = w.addInterface("worker01/tunl0", LinkType.RAW);
 *     w.write(nic, sim.now(), frame, 0, frame.length);
 *     w.write(tun, sim.now(), ip, 0, ip.length, ip.length, Direction.OUTBOUND, "encapsulated");
 * }
 * }</pre>
 *
 * <p>Classic pcap holds one link type and no interface names, comments or directions: a
 * {@link PcapWriter} accepts several interfaces of the same link type (their packets share the
 * file) and drops comments and directions.
 */
public sealed interface CaptureWriter extends Closeable, Flushable permits PcapWriter, PcapngWriter {
    /** tcpdump's default snap length: whole packets. */
    int DEFAULT_SNAP_LENGTH = 262_144;

    /** The format this writer writes. */
    CaptureFormat format();

    /**
     * Declares an interface, named {@code node/device} (e.g. {@code "worker01/enp1s0"}), and
     * returns its id for {@link #write}. Packets longer than {@code snapLength} are cut to it
     * (the record keeps the original length).
     */
    int addInterface(String name, LinkType linkType, int snapLength) throws IOException;

    /** Declares an interface with the default snap length (whole packets). */
    default int addInterface(String name, LinkType linkType) throws IOException {
        return addInterface(name, linkType, DEFAULT_SNAP_LENGTH);
    }

    /** Writes a whole packet, {@code length} bytes of {@code data} from {@code offset}. */
    default void write(int iface, long timestampNanos, byte[] data, int offset, int length) throws IOException {
        write(iface, timestampNanos, data, offset, length, length, Direction.UNKNOWN, null);
    }

    /**
     * Writes a packet: the first {@code length} bytes of {@code data} from {@code offset}, of a
     * packet {@code originalLength} bytes long on the wire (at least {@code length}), with the
     * direction and an optional comment ({@code null} for none). Timestamps are simulated
     * nanoseconds; simulation time 0 is the Unix epoch.
     */
    void write(int iface, long timestampNanos, byte[] data, int offset, int length,
               int originalLength, Direction direction, CharSequence comment) throws IOException;

    /** Writes the buffered bytes through to the file or stream. */
    @Override
    void flush() throws IOException;

    /** Flushes and closes the file or stream. */
    @Override
    void close() throws IOException;
}
