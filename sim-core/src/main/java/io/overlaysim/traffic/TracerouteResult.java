package io.overlaysim.traffic;

import io.overlaysim.net.Ipv4Address;
import java.util.List;

/**
 * What {@code traceroute} found: per hop (TTL), each probe's answer.
 *
 * @param destination the address traced
 * @param hops the hops in TTL order, up to the one that answered from the destination
 * @param reached whether the destination answered (port unreachable)
 */
public record TracerouteResult(int destination, List<Hop> hops, boolean reached) {
    public TracerouteResult {
        hops = List.copyOf(hops);
    }

    /** One TTL's probes. */
    public record Hop(int ttl, List<Probe> probes) {
        public Hop {
            probes = List.copyOf(probes);
        }

        /** The first address that answered at this TTL, or 0 when none did. */
        public int address() {
            return probes.stream().mapToInt(Probe::from).filter(a -> a != 0).findFirst().orElse(0);
        }

        /** The hop as traceroute prints it: {@code  2  10.0.0.6  0.012 ms  0.010 ms  0.010 ms} or {@code  3  * * *}. */
        public String line() {
            StringBuilder sb = new StringBuilder(String.format("%2d ", ttl));
            int last = 0;
            for (Probe p : probes) {
                if (p.from() == 0) {
                    sb.append(" *");
                    continue;
                }
                if (p.from() != last) {
                    sb.append(' ').append(Ipv4Address.format(p.from()));
                    last = p.from();
                }
                sb.append(String.format("  %.3f ms", p.rttNanos() / 1e6));
                if (p.annotation() != null) {
                    sb.append(' ').append(p.annotation());
                }
            }
            return sb.toString();
        }
    }

    /**
     * One probe's answer.
     *
     * @param port the probe's destination port
     * @param from who answered, 0 for no answer in time ({@code *})
     * @param rttNanos the round-trip time, -1 for none
     * @param icmpType the answer's ICMP type (11 time exceeded, 3 unreachable), -1 for none
     * @param icmpCode its code
     * @param annotation traceroute's mark for unreachables other than port: {@code !N}, {@code !H},
     *     {@code !P}, {@code !X}, {@code !F-mtu}; null for none
     */
    public record Probe(int port, int from, long rttNanos, int icmpType, int icmpCode, String annotation) {
    }

    /** The report, one line per hop. */
    public List<String> lines() {
        return hops.stream().map(Hop::line).toList();
    }
}
