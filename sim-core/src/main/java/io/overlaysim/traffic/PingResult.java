package io.overlaysim.traffic;

import java.util.List;

/**
 * What {@code ping} prints at the end, plus its per-reply and per-error lines.
 *
 * @param transmitted requests sent (or refused locally: those count as errors too)
 * @param received replies
 * @param errors ICMP errors and local errors ({@code +N errors})
 * @param rttNanos round-trip times of the replies, in order
 * @param lines the lines ping prints per reply or error, e.g.
 *     {@code From 10.0.1.1 icmp_seq=1 Frag needed and DF set (mtu = 1400)}
 */
public record PingResult(int transmitted, int received, int errors, List<Long> rttNanos, List<String> lines) {
    public PingResult {
        rttNanos = List.copyOf(rttNanos);
        lines = List.copyOf(lines);
    }

    public double lossPercent() {
        return transmitted == 0 ? 0 : 100.0 * (transmitted - received) / transmitted;
    }

    public long minRtt() {
        return rttNanos.stream().mapToLong(Long::longValue).min().orElse(0);
    }

    public long maxRtt() {
        return rttNanos.stream().mapToLong(Long::longValue).max().orElse(0);
    }

    public double avgRtt() {
        return rttNanos.stream().mapToLong(Long::longValue).average().orElse(0);
    }
}
