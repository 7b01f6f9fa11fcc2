package io.overlaysim.traffic;

/**
 * A constant-rate UDP flow: {@code size} bytes of payload every {@code intervalNanos} for
 * {@code durationNanos}, to a port.
 *
 * @param port the destination port (the receiving socket is bound there)
 * @param size UDP payload bytes (at least 12: the sequence number and send time travel in it)
 * @param intervalNanos time between datagrams
 * @param durationNanos how long the flow sends
 * @param drainNanos how long after the last send a datagram still counts as received
 */
public record UdpFlowOptions(int port, int size, long intervalNanos, long durationNanos, long drainNanos) {
    public UdpFlowOptions {
        if (size < 12 || intervalNanos <= 0 || durationNanos < 0) {
            throw new IllegalArgumentException("bad UDP flow: size " + size + " (>= 12), interval " + intervalNanos
                    + " ns, duration " + durationNanos + " ns");
        }
    }

    /** One datagram of {@code size} bytes every {@code intervalNanos} for {@code durationNanos}, to port 5001. */
    public static UdpFlowOptions interval(long intervalNanos, int size, long durationNanos) {
        return new UdpFlowOptions(5001, size, intervalNanos, durationNanos, 1_000_000_000L);
    }

    /** {@code packetsPerSecond} datagrams of {@code size} bytes for {@code durationNanos}. */
    public static UdpFlowOptions rate(long packetsPerSecond, int size, long durationNanos) {
        return interval(1_000_000_000L / packetsPerSecond, size, durationNanos);
    }

    /** A bit rate counted on the IP datagrams (payload + 28 bytes), as iperf's {@code -b} roughly does. */
    public static UdpFlowOptions bitrate(long bitsPerSecond, int size, long durationNanos) {
        return interval(Math.max(1, (size + 28) * 8_000_000_000L / bitsPerSecond), size, durationNanos);
    }

    public UdpFlowOptions port(int p) {
        return new UdpFlowOptions(p, size, intervalNanos, durationNanos, drainNanos);
    }

    /** The number of datagrams the flow sends. */
    public long count() {
        return durationNanos / intervalNanos;
    }
}
