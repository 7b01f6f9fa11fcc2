package io.overlaysim.traffic;

import io.overlaysim.node.Pmtudisc;

/**
 * What {@code ping} is asked: {@code -c count -i interval -s size -M do|want|dont -t ttl -I source -W timeout}.
 *
 * @param count echo requests to send
 * @param intervalNanos time between requests
 * @param size ICMP payload bytes ({@code -s}, 56 by default: an 84-byte packet)
 * @param pmtudisc {@code -M}
 * @param ttl {@code -t}, 0 for the node's default
 * @param source {@code -I} address bits, 0 for the route's choice
 * @param timeoutNanos how long after the last request a reply still counts ({@code -W})
 */
public record PingOptions(int count, long intervalNanos, int size, Pmtudisc pmtudisc, int ttl, int source,
        long timeoutNanos) {
    public static PingOptions count(int n) {
        return new PingOptions(n, 1_000_000_000L, 56, Pmtudisc.WANT, 0, 0, 10_000_000_000L);
    }

    public PingOptions size(int s) {
        return new PingOptions(count, intervalNanos, s, pmtudisc, ttl, source, timeoutNanos);
    }

    public PingOptions interval(long nanos) {
        return new PingOptions(count, nanos, size, pmtudisc, ttl, source, timeoutNanos);
    }

    public PingOptions pmtudisc(Pmtudisc p) {
        return new PingOptions(count, intervalNanos, size, p, ttl, source, timeoutNanos);
    }

    public PingOptions ttl(int t) {
        return new PingOptions(count, intervalNanos, size, pmtudisc, t, source, timeoutNanos);
    }

    public PingOptions source(int s) {
        return new PingOptions(count, intervalNanos, size, pmtudisc, ttl, s, timeoutNanos);
    }
}
