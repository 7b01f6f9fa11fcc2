package io.overlaysim.device;

/**
 * The physical properties of a link.
 *
 * @param bandwidthBps bits per second; 0 for no serialisation delay (veth)
 * @param delayNanos propagation delay
 * @param queuePackets the drop-tail queue: how many frames may wait for the wire ({@code txqueuelen})
 * @param loss the probability that a frame is lost on the wire, drawn from the link's seeded stream
 */
public record LinkConfig(long bandwidthBps, long delayNanos, int queuePackets, double loss) {
    /** A veth pair: no delay, no serialisation. */
    public static final LinkConfig INSTANT = new LinkConfig(0, 0, 1000, 0);
    /** 1 Gbps, 1 µs, txqueuelen 1000, no loss. */
    public static final LinkConfig GIGABIT = new LinkConfig(1_000_000_000L, 1_000, 1000, 0);

    public LinkConfig {
        if (bandwidthBps < 0 || delayNanos < 0 || queuePackets < 1 || loss < 0 || loss > 1) {
            throw new IllegalArgumentException("bad link config: bandwidth " + bandwidthBps + " bps, delay " + delayNanos
                    + " ns, queue " + queuePackets + ", loss " + loss);
        }
    }

    public LinkConfig withBandwidth(long bps) {
        return new LinkConfig(bps, delayNanos, queuePackets, loss);
    }

    public LinkConfig withDelay(long nanos) {
        return new LinkConfig(bandwidthBps, nanos, queuePackets, loss);
    }

    public LinkConfig withQueue(int packets) {
        return new LinkConfig(bandwidthBps, delayNanos, packets, loss);
    }

    public LinkConfig withLoss(double p) {
        return new LinkConfig(bandwidthBps, delayNanos, queuePackets, p);
    }

    /** Nanoseconds to put {@code bytes} on the wire. */
    long serialisation(int bytes) {
        return bandwidthBps == 0 ? 0 : (bytes * 8_000_000_000L) / bandwidthBps;
    }
}
