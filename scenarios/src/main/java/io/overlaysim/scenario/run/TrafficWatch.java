package io.overlaysim.scenario.run;

import io.overlaysim.device.NetDevice;
import io.overlaysim.node.Node;
import io.overlaysim.node.PacketObserver;
import io.overlaysim.node.RouteDecision;
import io.overlaysim.packet.DropReason;
import io.overlaysim.packet.IcmpHeader;
import io.overlaysim.packet.Ipv4Header;
import io.overlaysim.packet.PacketBuffer;
import io.overlaysim.trace.Trace;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SequencedMap;
import java.util.function.LongFunction;

/**
 * Attributes packets to the scenario's traffic and records what happened to them: the observer
 * of a scenario run. A ping's requests are known by their ICMP identifier, a UDP flow's or a
 * traceroute's datagrams by their socket ({@code udp:PORT} on the sending node); anything made
 * while one of the traffic's packets is being handled (an echo reply, a fragment, a reassembled
 * datagram, a flood copy, an ICMP error) belongs to that traffic. ARP is nobody's traffic.
 *
 * <p>With a {@link WalkKeeper}, it hands the events of the packets worth tracing to the run's
 * {@link Trace}, whose walks failure reports and {@code pathContains} read and whose
 * {@link Trace#comment} names each captured packet's step. Per-packet state is let go when the
 * packet ends, so a long flow costs no memory per packet.
 */
final class TrafficWatch implements PacketObserver {
    private final WalkKeeper keeper;
    private final Trace trace;
    private final SequencedMap<String, TrafficLog> logs = new LinkedHashMap<>();
    /** {@code node:identifier} of each ping, {@code node:udp:PORT} of each socket, to its log. */
    private final Map<String, TrafficLog> senders = new HashMap<>();
    /** Packets in flight to their traffic. */
    private final Map<Long, TrafficLog> byPacket = new HashMap<>();
    private TrafficLog current;
    private long currentPacket;
    private TrafficLog starting;
    private PacketBuffer pendingError;
    private Node pendingErrorNode;
    private Node startingOn;

    /** A watch; {@code keeper} null when no walk is needed. */
    TrafficWatch(WalkKeeper keeper) {
        this.keeper = keeper;
        this.trace = keeper == null ? null : keeper.trace();
    }

    TrafficLog log(String traffic) {
        return logs.computeIfAbsent(traffic, TrafficLog::new);
    }

    WalkKeeper keeper() {
        return keeper;
    }

    /** A ping's echo requests on {@code node} carry {@code identifier}. */
    void ping(String traffic, Node node, int identifier) {
        senders.put(node.name() + ":" + identifier, log(traffic));
    }

    /** The datagrams sent from {@code port} on {@code node} are {@code traffic}'s. */
    void socket(String traffic, Node node, int port) {
        senders.put(node.name() + ":udp:" + port, log(traffic));
    }

    /**
     * Until {@link #started}, a socket that sends from {@code node} is {@code traffic}'s: for an
     * application that sends as it starts (traceroute's first probes).
     */
    void starting(String traffic, Node node) {
        starting = log(traffic);
        startingOn = node;
    }

    void started() {
        starting = null;
        startingOn = null;
    }

    /** Capture comments: the step that produced each packet, or null when walks are not traced. */
    LongFunction<String> comments() {
        return trace == null ? null : trace::comment;
    }

    @Override
    public boolean enabled() {
        return true;
    }

    private TrafficLog of(PacketBuffer p) {
        TrafficLog l = byPacket.get(p.id());
        current = l;
        currentPacket = p.id();
        return l;
    }

    private boolean traced(PacketBuffer p) {
        return keeper != null && keeper.traced(p.id());
    }

    /** The packet ended: its traffic is no longer looked up, a loose walk is let go. */
    private void ended(PacketBuffer p) {
        byPacket.remove(p.id());
        if (keeper != null) {
            keeper.ended(p.id());
        }
    }

    @Override
    public void created(Node node, PacketBuffer p, String what) {
        if (what.equals("icmp error")) {
            // icmpGenerated names the cause next; the error may come from a timer (an ARP or a
            // reassembly giving up), when no packet of the traffic is being handled
            pendingError = p;
            pendingErrorNode = node;
            return;
        }
        TrafficLog l;
        boolean root = false;
        if (what.equals("ping")) {
            l = senders.get(node.name() + ":" + IcmpHeader.identifier(p.array(), p.start()));
            root = true;
        } else if (what.startsWith("udp:") || what.equals("tcp")) {
            String key = node.name() + ":" + what;
            l = senders.get(key);
            if (l == null && starting != null && startingOn == node && what.startsWith("udp:")) {
                l = starting;
                senders.put(key, l);
            }
            root = true;
        } else if (what.startsWith("arp")) {
            l = null;
        } else {
            l = current;
        }
        attribute(node, p, what, l, root, l != null && current == l ? currentPacket : -1);
        if (root && l != null) {
            current = l;
            currentPacket = p.id();
        }
    }

    /** Files a new packet under its traffic ({@code l}, or none), as a root or as made by {@code cause}. */
    private void attribute(Node node, PacketBuffer p, String what, TrafficLog l, boolean root, long cause) {
        if (l != null) {
            byPacket.put(p.id(), l);
            l.created++;
            l.nodes.add(node.name());
        }
        if (keeper != null) {
            if (l != null && root) {
                keeper.root(l, p.id());
            } else if (l != null && cause >= 0) {
                keeper.child(cause, p.id());
            } else {
                keeper.loose(p.id());
            }
            if (keeper.traced(p.id())) {
                trace.created(node, p, what);
            }
        }
    }

    @Override
    public void received(Node node, NetDevice dev, PacketBuffer p) {
        TrafficLog l = of(p);
        if (l != null) {
            l.devices.add(node.name() + "/" + dev.name());
            l.nodes.add(node.name());
        }
        if (traced(p)) {
            trace.received(node, dev, p);
        }
    }

    @Override
    public void routeLookup(Node node, PacketBuffer p, NetDevice in, int dst, RouteDecision d) {
        of(p);
        if (traced(p)) {
            trace.routeLookup(node, p, in, dst, d);
        }
    }

    @Override
    public void neighbour(Node node, PacketBuffer p, NetDevice dev, int nextHop, long mac) {
        if (traced(p)) {
            trace.neighbour(node, p, dev, nextHop, mac);
        }
    }

    @Override
    public void sent(Node node, NetDevice dev, PacketBuffer p) {
        TrafficLog l = of(p);
        if (l != null) {
            l.devices.add(node.name() + "/" + dev.name());
        }
        if (traced(p)) {
            trace.sent(node, dev, p);
        }
    }

    @Override
    public void fragmented(Node node, PacketBuffer p, int mtu, List<PacketBuffer> fragments) {
        TrafficLog l = of(p);
        if (l != null) {
            for (PacketBuffer f : fragments) {
                byPacket.put(f.id(), l);
            }
        }
        if (traced(p)) {
            trace.fragmented(node, p, mtu, fragments);
        }
        ended(p);
    }

    @Override
    public void reassembled(Node node, PacketBuffer datagram, List<PacketBuffer> fragments) {
        if (traced(datagram) || fragments.stream().anyMatch(this::traced)) {
            trace.reassembled(node, datagram, fragments);
        }
        fragments.forEach(this::ended);
    }

    @Override
    public void replied(Node node, PacketBuffer request, PacketBuffer reply) {
        if (traced(request)) {
            trace.replied(node, request, reply);
        }
    }

    @Override
    public void icmpGenerated(Node node, PacketBuffer cause, PacketBuffer error, int type, int code) {
        TrafficLog l = byPacket.get(cause.id());
        if (pendingError == error) {
            attribute(pendingErrorNode, error, "icmp error", l, false, cause.id());
            pendingError = null;
            pendingErrorNode = null;
        }
        if (traced(cause)) {
            trace.icmpGenerated(node, cause, error, type, code);
        }
        if (l == null) {
            return;
        }
        int mtu = type == IcmpHeader.DESTINATION_UNREACHABLE && code == IcmpHeader.CODE_FRAGMENTATION_NEEDED
                ? IcmpHeader.nextHopMtu(error.array(), error.start()) : 0;
        if (l.icmpErrors.size() < TrafficLog.KEPT) {
            long root = keeper == null ? cause.id() : keeper.rootOf(cause.id());
            l.icmpErrors.add(new TrafficLog.IcmpError(error.id(), root, node.name(), type, code, mtu, null, 0));
        }
    }

    @Override
    public void encapsulated(Node node, NetDevice tunnel, PacketBuffer p, int outerSrc, int outerDst, String detail) {
        TrafficLog l = of(p);
        if (l != null) {
            l.encapsulations.add(node.name() + "/" + tunnel.name() + ": " + detail);
        }
        if (traced(p)) {
            trace.encapsulated(node, tunnel, p, outerSrc, outerDst, detail);
        }
    }

    @Override
    public void decapsulated(Node node, NetDevice tunnel, PacketBuffer p, int outerSrc, int outerDst, String detail) {
        of(p);
        if (traced(p)) {
            trace.decapsulated(node, tunnel, p, outerSrc, outerDst, detail);
        }
    }

    @Override
    public void delivered(Node node, PacketBuffer p, String to) {
        TrafficLog l = of(p);
        if (traced(p)) {
            trace.delivered(node, p, to);
        }
        if (l != null) {
            l.delivered++;
            for (int i = 0; i < l.icmpErrors.size(); i++) {
                TrafficLog.IcmpError e = l.icmpErrors.get(i);
                if (e.packet() == p.id()) {
                    l.icmpErrors.set(i, e.received(node.name(), Ipv4Header.source(p.array(), p.start())));
                }
            }
        }
        ended(p);
    }

    @Override
    public void dropped(Node node, NetDevice dev, PacketBuffer p, DropReason reason) {
        TrafficLog l = of(p);
        if (traced(p)) {
            trace.dropped(node, dev, p, reason);
        }
        if (l != null) {
            long root = keeper == null ? p.id() : keeper.rootOf(p.id());
            l.drop(new TrafficLog.Drop(p.id(), root, node.name(), dev == null ? null : dev.name(), reason));
        }
        ended(p);
    }
}
