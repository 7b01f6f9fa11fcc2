package io.overlaysim.scenario.run;

import io.overlaysim.packet.DropReason;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.SequencedMap;
import java.util.SequencedSet;

/**
 * What one traffic's packets did, as {@link TrafficWatch} saw them: every packet the traffic
 * made or caused (requests, replies, fragments, ICMP errors about them), where they were seen,
 * where and why they were dropped, the ICMP errors they earned, and which of its packets'
 * walks the run's {@link WalkKeeper} keeps. Bounded whatever the traffic's length: the sets grow
 * with the topology, the lists stop at {@link #KEPT}, counts go on.
 */
final class TrafficLog {
    /** Drops and ICMP errors listed per traffic; more are only counted. */
    static final int KEPT = 256;

    /**
     * A drop of one of the traffic's packets.
     *
     * @param root the traffic's packet whose walk led to it (itself, a request, a datagram)
     */
    record Drop(long packet, long root, String node, String device, DropReason reason) {
    }

    /**
     * An ICMP error made about one of the traffic's packets.
     *
     * @param node the node that made it
     * @param mtu the next-hop MTU it carries (fragmentation needed), else 0
     * @param receivedBy the node it was delivered to, or null while it is not
     * @param from its source address (known once delivered)
     */
    record IcmpError(long packet, long root, String node, int type, int code, int mtu, String receivedBy, int from) {
        IcmpError received(String by, int source) {
            return new IcmpError(packet, root, node, type, code, mtu, by, source);
        }
    }

    final String traffic;
    long created;
    long delivered;
    final List<Drop> drops = new ArrayList<>();
    /** Drops per {@code node reason}, all of them. */
    final SequencedMap<String, Long> dropCounts = new LinkedHashMap<>();
    final List<IcmpError> icmpErrors = new ArrayList<>();
    /** {@code node/device} of every device a packet was seen on, received or sent. */
    final SequencedSet<String> devices = new LinkedHashSet<>();
    /** Every node a packet visited. */
    final SequencedSet<String> nodes = new LinkedHashSet<>();
    /** {@code node/device: detail} of every distinct encapsulation. */
    final SequencedSet<String> encapsulations = new LinkedHashSet<>();

    /** The roots (packets the traffic started) whose walks are kept, in order. */
    final List<Long> keptRoots = new ArrayList<>();
    /** Roots past the first ones, waiting for their walks to end to be kept or forgotten. */
    final Deque<Long> pendingRoots = new ArrayDeque<>();
    int rootsSeen;
    int failedKept;

    TrafficLog(String traffic) {
        this.traffic = traffic;
    }

    void drop(Drop d) {
        dropCounts.merge(d.node() + " " + d.reason().label(), 1L, Long::sum);
        if (drops.size() < KEPT) {
            drops.add(d);
        }
    }

    /** How many packets were dropped at {@code node} (any when null) for {@code reason}. */
    long dropped(String node, String reason) {
        long n = 0;
        for (var e : dropCounts.entrySet()) {
            String[] k = e.getKey().split(" ", 2);
            if (k[1].equals(reason) && (node == null || node.equals(k[0]))) {
                n += e.getValue();
            }
        }
        return n;
    }

    /** The roots whose walks can be shown: those kept, then those still pending. */
    List<Long> roots() {
        List<Long> out = new ArrayList<>(keptRoots);
        out.addAll(pendingRoots);
        return out;
    }
}
