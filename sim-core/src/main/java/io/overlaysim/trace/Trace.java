package io.overlaysim.trace;

import io.overlaysim.device.NetDevice;
import io.overlaysim.iproute.RoutePrinter;
import io.overlaysim.net.Ipv4Address;
import io.overlaysim.net.MacAddress;
import io.overlaysim.node.Network;
import io.overlaysim.node.Node;
import io.overlaysim.node.PacketObserver;
import io.overlaysim.node.RouteDecision;
import io.overlaysim.packet.DropReason;
import io.overlaysim.packet.IcmpType;
import io.overlaysim.packet.PacketBuffer;
import io.overlaysim.routing.Route;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The packet walk recorder: a {@link PacketObserver} that keeps, per packet id, the typed
 * {@link Step}s the stack reports, and links packets to those they lead to (fragments, the
 * reassembled datagram, ICMP errors, replies). It also names, per packet, the step that last
 * produced it (for capture comments, see {@link #comment}).
 *
 * <pre>{@code
 * Trace trace = Trace.attach(network);
 * long id = socket.send(dst, 5000, 100, 0);
 * sim.runUntilIdle();
 * System.out.println(TraceText.render(trace, id));
 * }</pre>
 *
 * <p>Memory grows with the packets traced: attach it for short runs, not for the million-packet
 * bench, or {@link #forget} the walks no longer needed.
 */
public final class Trace implements PacketObserver {
    /** One packet's walk while it is being recorded. */
    private static final class Walk {
        final long id;
        String node = "?";
        String origin = "?";
        long parent;
        String relation;
        final List<Step> steps = new ArrayList<>();
        final List<Long> children = new ArrayList<>();
        Outcome outcome = Outcome.IN_FLIGHT;
        DropReason reason;
        String comment;

        Walk(long id) {
            this.id = id;
        }
    }

    private final Map<Long, Walk> walks = new HashMap<>();
    private final Map<Node, RoutePrinter> printers = new IdentityHashMap<>();
    private final Map<Route, String> lines = new IdentityHashMap<>();

    /** A trace that records every packet of {@code network} from now on. */
    public static Trace attach(Network network) {
        Trace t = new Trace();
        network.setObserver(t);
        return t;
    }

    // ---------------------------------------------------------------- queries

    /** The walk of packet {@code id}, if it was seen. */
    public Optional<PacketWalk> find(long id) {
        Walk w = walks.get(id);
        return w == null ? Optional.empty() : Optional.of(snapshot(w));
    }

    /** The walk of packet {@code id}. */
    public PacketWalk walk(long id) {
        return find(id).orElseThrow(() -> new IllegalArgumentException("packet " + id + " was not traced"));
    }

    /** Every walk recorded, by id. */
    public List<PacketWalk> walks() {
        return new TreeMap<>(walks).values().stream().map(this::snapshot).toList();
    }

    /**
     * The end of the walk that starts at {@code id}, following what it became: a fragmented
     * packet ends as its reassembled datagram did (or as its first lost fragment did).
     */
    public PacketWalk end(long id) {
        PacketWalk w = walk(id);
        if (w.outcome() != Outcome.CONSUMED) {
            return w;
        }
        PacketWalk firstUnfinished = null;
        for (long c : w.children()) {
            PacketWalk child = walk(c);
            for (long g : child.children()) {
                if ("reassembled".equals(walk(g).relation())) {
                    return end(g);
                }
            }
            if ("reassembled".equals(child.relation())) {
                return end(c);
            }
            PacketWalk e = end(c);
            if (firstUnfinished == null && e.outcome() != Outcome.CONSUMED && e.outcome() != Outcome.DELIVERED) {
                firstUnfinished = e;
            }
        }
        return firstUnfinished != null ? firstUnfinished : w;
    }

    /**
     * The capture comment of packet {@code id}: the node and the step that last produced it, e.g.
     * {@code worker01: 172.16.103.64/26 via 192.168.0.146 dev tunl0 proto bird onlink}; null
     * when the packet was not traced. Fits {@code CaptureRecorder.setComments(trace::comment)}.
     */
    public String comment(long id) {
        Walk w = walks.get(id);
        return w == null ? null : w.comment;
    }

    /**
     * Forgets the walk of packet {@code id} (not those it led to): a long run keeps the walks it
     * still needs and lets the others go. Steps reported later for {@code id} start a new walk.
     */
    public void forget(long id) {
        walks.remove(id);
    }

    /** How many walks are held. */
    public int size() {
        return walks.size();
    }

    private PacketWalk snapshot(Walk w) {
        return new PacketWalk(w.id, w.node, w.origin, w.parent, w.relation, w.steps, w.children, w.outcome, w.reason);
    }

    // ---------------------------------------------------------------- the observer

    @Override
    public boolean enabled() {
        return true;
    }

    private Walk walk(PacketBuffer p) {
        return walks.computeIfAbsent(p.id(), Walk::new);
    }

    private static long now(Node node) {
        return node.simulation().now();
    }

    @Override
    public void created(Node node, PacketBuffer p, String what) {
        Walk w = walk(p);
        w.node = node.name();
        w.origin = what;
        w.comment = node.name() + ": " + what;
        w.steps.add(new Step.Created(now(node), node.name(), what));
    }

    @Override
    public void received(Node node, NetDevice dev, PacketBuffer p) {
        walk(p).steps.add(new Step.Received(now(node), node.name(), dev.name()));
    }

    @Override
    public void routeLookup(Node node, PacketBuffer p, NetDevice in, int dst, RouteDecision d) {
        Route m = d.matched();
        String line = m == null ? null : line(node, m);
        String table = m == null ? null : node.routes().fib().tableNames().name(d.table());
        String decision = switch (d.kind()) {
            case LOCAL -> "local";
            case BROADCAST -> "broadcast";
            case UNICAST -> in == null ? "output" : "forward";
            case ERROR -> "error";
        };
        String error = d.kind() == RouteDecision.Kind.ERROR
                ? (d.error() == null ? d.drop().label() : d.error().text() + " (" + d.drop().label() + ")") : null;
        Step.RouteLookup s = new Step.RouteLookup(now(node), node.name(), Ipv4Address.format(dst),
                in == null ? null : in.name(), table, line, decision, d.dev() == null ? null : d.dev().name(), error);
        Walk w = walk(p);
        w.steps.add(s);
        if (d.kind() == RouteDecision.Kind.UNICAST || d.kind() == RouteDecision.Kind.BROADCAST) {
            w.comment = node.name() + ": " + (line != null ? line : s.text());
        }
    }

    /** The route as {@code ip route} prints it, without the trailing space; cached per route. */
    private String line(Node node, Route m) {
        return lines.computeIfAbsent(m, r -> printers
                .computeIfAbsent(node, n -> new RoutePrinter(n.routes().fib().tableNames()))
                .text(RoutePrinter.kernelForm(r)).strip());
    }

    @Override
    public void neighbour(Node node, PacketBuffer p, NetDevice dev, int nextHop, long mac) {
        String hop = Ipv4Address.format(nextHop);
        walk(p).steps.add(mac == -1 ? new Step.NeighbourIncomplete(now(node), node.name(), dev.name(), hop)
                : new Step.NeighbourResolved(now(node), node.name(), dev.name(), hop, new MacAddress(mac).toString()));
    }

    @Override
    public void sent(Node node, NetDevice dev, PacketBuffer p) {
        walk(p).steps.add(new Step.Sent(now(node), node.name(), dev.name()));
    }

    @Override
    public void fragmented(Node node, PacketBuffer p, int mtu, List<PacketBuffer> fragments) {
        Walk w = walk(p);
        List<Long> ids = fragments.stream().map(PacketBuffer::id).toList();
        w.steps.add(new Step.Fragmented(now(node), node.name(), mtu, ids));
        w.outcome = Outcome.CONSUMED;
        for (int i = 0; i < fragments.size(); i++) {
            Walk f = walk(fragments.get(i));
            link(w, f, "fragment");
            f.comment = node.name() + ": fragment " + (i + 1) + "/" + fragments.size() + " of packet " + w.id
                    + " for mtu " + mtu;
        }
    }

    @Override
    public void reassembled(Node node, PacketBuffer datagram, List<PacketBuffer> fragments) {
        Walk d = walk(datagram);
        List<Long> ids = fragments.stream().map(PacketBuffer::id).toList();
        Step s = new Step.Reassembled(now(node), node.name(), datagram.id(), ids);
        for (PacketBuffer f : fragments) {
            Walk fw = walk(f);
            fw.steps.add(s);
            fw.outcome = Outcome.CONSUMED;
        }
        link(walk(fragments.get(0)), d, "reassembled");
        d.steps.add(s);
    }

    @Override
    public void icmpGenerated(Node node, PacketBuffer cause, PacketBuffer error, int type, int code) {
        IcmpType t = IcmpType.of(type);
        String what = t == null ? "type " + type : t.codeName(code).isEmpty() ? t.description() : t.codeName(code);
        Walk c = walk(cause);
        Walk e = walk(error);
        c.steps.add(new Step.IcmpGenerated(now(node), node.name(), type, code, error.id(), what));
        link(c, e, "icmp-error");
        e.comment = node.name() + ": icmp " + what + " about packet " + c.id;
    }

    @Override
    public void replied(Node node, PacketBuffer request, PacketBuffer reply) {
        Walk q = walk(request);
        q.steps.add(new Step.Replied(now(node), node.name(), reply.id()));
        link(q, walk(reply), "reply");
    }

    @Override
    public void encapsulated(Node node, NetDevice tunnel, PacketBuffer p, int outerSrc, int outerDst, String kind) {
        Step s = new Step.Encapsulated(now(node), node.name(), tunnel.name(), Ipv4Address.format(outerSrc),
                Ipv4Address.format(outerDst), kind);
        Walk w = walk(p);
        w.steps.add(s);
        w.comment = node.name() + ": " + s.text();
    }

    @Override
    public void decapsulated(Node node, NetDevice tunnel, PacketBuffer p, int outerSrc, int outerDst, String kind) {
        walk(p).steps.add(new Step.Decapsulated(now(node), node.name(), tunnel.name(), Ipv4Address.format(outerSrc),
                Ipv4Address.format(outerDst), kind));
    }

    @Override
    public void delivered(Node node, PacketBuffer p, String to) {
        Walk w = walk(p);
        w.steps.add(new Step.Delivered(now(node), node.name(), to));
        w.outcome = Outcome.DELIVERED;
    }

    @Override
    public void dropped(Node node, NetDevice dev, PacketBuffer p, DropReason reason) {
        Walk w = walk(p);
        w.steps.add(new Step.Dropped(now(node), node.name(), dev == null ? null : dev.name(), reason));
        w.reason = reason;
        // an ICMP error from the dropping node (not an earlier redirect) makes it an icmp-error end
        boolean icmp = w.steps.stream().anyMatch(s -> s instanceof Step.IcmpGenerated g && g.type() != 5
                && g.node().equals(node.name()));
        w.outcome = icmp ? Outcome.ICMP_ERROR : Outcome.DROPPED;
    }

    private static void link(Walk parent, Walk child, String relation) {
        child.parent = parent.id;
        child.relation = relation;
        parent.children.add(child.id);
    }
}
