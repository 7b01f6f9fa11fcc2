package io.overlaysim.scenario.run;

import io.overlaysim.packet.DropReason;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.SequencedSet;

/**
 * What one traffic's packets did, as {@link TrafficWatch} saw them: every packet the traffic
 * made or caused (requests, replies, fragments, ICMP errors about them), where they were seen,
 * where and why they were dropped, the ICMP errors they earned, and the first packets' walks
 * step by step (for failure reports, until the {@code trace} package's walk replaces them).
 */
final class TrafficLog {
    /** Walks kept per traffic: enough to explain a failure, bounded for long flows. */
    static final int WALKS_KEPT = 16;
    private static final int STEPS_PER_WALK = 64;

    /** A drop of one of the traffic's packets. */
    record Drop(long packet, String node, String device, DropReason reason) {
    }

    /**
     * An ICMP error made about one of the traffic's packets.
     *
     * @param node the node that made it
     * @param mtu the next-hop MTU it carries (fragmentation needed), else 0
     * @param receivedBy the node it was delivered to, or null while it is not
     * @param from its source address (known once delivered)
     */
    record IcmpError(long packet, String node, int type, int code, int mtu, String receivedBy, int from) {
        IcmpError received(String by, int source) {
            return new IcmpError(packet, node, type, code, mtu, by, source);
        }
    }

    final String traffic;
    long created;
    long delivered;
    final List<Drop> drops = new ArrayList<>();
    final List<IcmpError> icmpErrors = new ArrayList<>();
    /** {@code node/device} of every device a packet was seen on, received or sent. */
    final SequencedSet<String> devices = new LinkedHashSet<>();
    /** Every node a packet visited. */
    final SequencedSet<String> nodes = new LinkedHashSet<>();
    /** {@code node/device: detail} of every encapsulation. */
    final List<String> encapsulations = new ArrayList<>();
    final Map<Long, List<String>> walks = new LinkedHashMap<>();

    TrafficLog(String traffic) {
        this.traffic = traffic;
    }

    void step(long packet, String text) {
        List<String> w = walks.get(packet);
        if (w == null) {
            if (walks.size() >= WALKS_KEPT) {
                return;
            }
            w = new ArrayList<>();
            walks.put(packet, w);
        }
        if (w.size() < STEPS_PER_WALK) {
            w.add(text);
        }
    }

    /** The walk of {@code packet} (empty when not kept), each line prefixed with the packet's id. */
    List<String> walk(long packet) {
        return walks.getOrDefault(packet, List.of()).stream().map(s -> "#" + packet + " " + s).toList();
    }

    /** The walks of the first {@code max} packets kept. */
    List<String> firstWalks(int max) {
        List<String> out = new ArrayList<>();
        walks.keySet().stream().limit(max).forEach(id -> out.addAll(walk(id)));
        return out;
    }
}
