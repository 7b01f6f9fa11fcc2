package io.overlaysim.trace;

import io.overlaysim.packet.DropReason;
import java.util.List;

/**
 * The recorded walk of one packet: where it was made, its steps in order, how it ended, and the
 * packets it led to.
 *
 * @param id the packet's ledger id
 * @param node the node that made it
 * @param origin what made it: {@code ping}, {@code udp:33434}, {@code icmp error}, {@code fragment}, ...
 * @param parent the packet it came from (the datagram of a fragment, the cause of an ICMP error,
 *     the request of a reply), 0 for none
 * @param relation how it came from {@code parent}: {@code fragment}, {@code reassembled},
 *     {@code icmp-error}, {@code reply}; null for none
 * @param steps its steps, in order
 * @param children the packets it led to, by id
 * @param outcome how this packet's own walk ended
 * @param reason the drop reason when dropped, else null
 */
public record PacketWalk(long id, String node, String origin, long parent, String relation, List<Step> steps,
        List<Long> children, Outcome outcome, DropReason reason) {
    public PacketWalk {
        steps = List.copyOf(steps);
        children = List.copyOf(children);
    }

    /** The steps of one kind, e.g. {@code route-lookup}. */
    public List<Step> steps(String kind) {
        return steps.stream().filter(s -> s.kind().equals(kind)).toList();
    }

    /** The kinds of the steps in order: a compact form for tests. */
    public List<String> kinds() {
        return steps.stream().map(Step::kind).toList();
    }
}
