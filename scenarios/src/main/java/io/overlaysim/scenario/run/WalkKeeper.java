package io.overlaysim.scenario.run;

import io.overlaysim.trace.Outcome;
import io.overlaysim.trace.PacketWalk;
import io.overlaysim.trace.Trace;
import io.overlaysim.trace.TraceText;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which packets a run's {@link Trace} records, and for how long: the bound on the walk's
 * memory. A traffic's packet ("root": a ping request, a datagram, a probe) is traced with every
 * packet it leads to (its reply, fragments, ICMP errors, flood copies). Per traffic, the walks of
 * the first {@link #FIRST} roots are kept, then those of up to {@link #FAILED} roots whose walks
 * met a drop; every other root's walks are forgotten once they ended (or once
 * {@link #PENDING_MAX} later roots wait behind one still in flight). With capture comments on,
 * packets of no traffic (ARP, BGP) are traced too, and forgotten as soon as they end: a comment is
 * only asked for while the packet is on a wire. So memory grows with the topology and the packets
 * in flight, never with the run's length.
 */
final class WalkKeeper {
    static final int FIRST = 8;
    static final int FAILED = 8;
    static final int PENDING_MAX = 256;

    private enum State { IN_FLIGHT, CLEAN, FAILED }

    private final Trace trace;
    private final boolean everyPacket;
    /** Traced packet to its root; a loose packet (of no traffic) is its own root. */
    private final Map<Long, Long> rootOf = new HashMap<>();
    private final Map<Long, List<Long>> members = new HashMap<>();

    /**
     * @param everyPacket trace packets of no traffic too (for capture comments)
     */
    WalkKeeper(Trace trace, boolean everyPacket) {
        this.trace = trace;
        this.everyPacket = everyPacket;
    }

    Trace trace() {
        return trace;
    }

    boolean traced(long id) {
        return rootOf.containsKey(id);
    }

    /** The root of a traced packet, or -1. */
    long rootOf(long id) {
        Long r = rootOf.get(id);
        return r == null ? -1 : r;
    }

    /** A new packet of {@code log}'s traffic, the start of its own walk. */
    void root(TrafficLog log, long id) {
        rootOf.put(id, id);
        members.computeIfAbsent(id, k -> new ArrayList<>()).add(id);
        if (++log.rootsSeen <= FIRST) {
            log.keptRoots.add(id);
            return;
        }
        log.pendingRoots.addLast(id);
        settle(log);
    }

    /** A packet made while {@code cause} was handled (a reply, an error, a fragment, a flood copy). */
    void child(long cause, long id) {
        Long root = rootOf.get(cause);
        Long had = rootOf.get(id);
        if (root == null || had != null && (had != id || members.containsKey(id))) {
            return;  // the cause is not traced, or the packet is in a tree already
        }
        List<Long> tree = members.get(root);
        if (tree == null) {
            loose(id);
        } else {
            rootOf.put(id, root);
            tree.add(id);
        }
    }

    /** A packet of no traffic: traced only for capture comments. */
    void loose(long id) {
        if (everyPacket && !rootOf.containsKey(id)) {
            rootOf.put(id, id);
        }
    }

    /** Packet {@code id} ended: a loose packet's walk is let go. */
    void ended(long id) {
        Long root = rootOf.get(id);
        if (root != null && root == id && !members.containsKey(id)) {
            rootOf.remove(id);
            trace.forget(id);
        }
    }

    private void settle(TrafficLog log) {
        while (!log.pendingRoots.isEmpty()) {
            long head = log.pendingRoots.peekFirst();
            State s = state(head);
            if (s == State.IN_FLIGHT && log.pendingRoots.size() <= PENDING_MAX) {
                return;
            }
            log.pendingRoots.pollFirst();
            if (s == State.FAILED && log.failedKept < FAILED) {
                log.failedKept++;
                log.keptRoots.add(head);
            } else {
                forgetTree(head);
            }
        }
    }

    private State state(long root) {
        State s = State.CLEAN;
        for (long id : members.get(root)) {
            Optional<PacketWalk> w = trace.find(id);
            if (w.isEmpty()) {
                return State.IN_FLIGHT;  // just made: its first step is on its way to the trace
            }
            switch (w.get().outcome()) {
                case IN_FLIGHT -> {
                    return State.IN_FLIGHT;
                }
                case DROPPED, ICMP_ERROR -> s = State.FAILED;
                default -> { }
            }
        }
        return s;
    }

    private void forgetTree(long root) {
        for (long id : members.remove(root)) {
            rootOf.remove(id);
            trace.forget(id);
        }
    }

    /** The walks of a kept root and of what it led to, as {@code overlaysim trace} numbers them. */
    List<String> render(long root) {
        if (trace.find(root).isEmpty()) {
            return List.of();
        }
        return TraceText.render(trace, root).lines().toList();
    }

    /** The walks of a root's packets, in the order they were made. */
    List<PacketWalk> tree(long root) {
        List<PacketWalk> out = new ArrayList<>();
        for (long id : members.getOrDefault(root, List.of())) {
            trace.find(id).ifPresent(out::add);
        }
        return out;
    }

    /** Whether a root's walks ended with a drop somewhere. */
    boolean failed(long root) {
        return tree(root).stream().anyMatch(w -> w.outcome() == Outcome.DROPPED || w.outcome() == Outcome.ICMP_ERROR);
    }
}
