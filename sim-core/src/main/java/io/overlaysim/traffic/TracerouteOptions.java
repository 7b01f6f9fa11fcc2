package io.overlaysim.traffic;

/**
 * What {@code traceroute} (the Linux one, UDP method) is asked: {@code -f first -m max -q probes
 * -p port -w wait}, and the packet length.
 *
 * @param firstTtl {@code -f}, 1
 * @param maxTtl {@code -m}, 30
 * @param probes {@code -q}, 3 probes per hop
 * @param port {@code -p}, 33434: the first probe's destination port, incremented per probe
 * @param waitNanos {@code -w}, 5 s: how long a probe's answer is awaited
 * @param packetLength the IP datagram's length, 60 bytes by default (32 bytes of UDP payload)
 */
public record TracerouteOptions(int firstTtl, int maxTtl, int probes, int port, long waitNanos, int packetLength) {
    public static final TracerouteOptions DEFAULT = new TracerouteOptions(1, 30, 3, 33434, 5_000_000_000L, 60);

    public TracerouteOptions {
        if (firstTtl < 1 || maxTtl < firstTtl || maxTtl > 255 || probes < 1 || packetLength < 28) {
            throw new IllegalArgumentException("bad traceroute options: first " + firstTtl + ", max " + maxTtl
                    + ", probes " + probes + ", length " + packetLength);
        }
    }

    public TracerouteOptions maxTtl(int m) {
        return new TracerouteOptions(firstTtl, m, probes, port, waitNanos, packetLength);
    }

    public TracerouteOptions probes(int q) {
        return new TracerouteOptions(firstTtl, maxTtl, q, port, waitNanos, packetLength);
    }
}
