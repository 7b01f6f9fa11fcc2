package io.overlaysim.scenario.run;

import io.overlaysim.engine.Simulation;
import io.overlaysim.net.Ipv4Address;
import io.overlaysim.node.Node;
import io.overlaysim.node.Pmtudisc;
import io.overlaysim.scenario.CaptureSpec;
import io.overlaysim.scenario.DeviceRef;
import io.overlaysim.scenario.Scenario;
import io.overlaysim.trace.PacketWalk;
import io.overlaysim.trace.Step;
import io.overlaysim.trace.Trace;
import io.overlaysim.traffic.Ping;
import io.overlaysim.traffic.PingOptions;
import io.overlaysim.transport.UdpSocket;
import io.overlaysim.transport.TcpHandler;
import io.overlaysim.transport.TcpNode;
import io.overlaysim.transport.UdpStack;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.SequencedSet;

/**
 * One packet and its reply across a scenario's network, with its whole walk traced: what
 * {@code overlaysim trace} shows. ICMP sends one echo request (the reply is the echo reply);
 * UDP sends one datagram to port 7 where an echo socket answers with a datagram of the same
 * size (or, with nobody holding the address, nobody does). With a capture folder, the run is
 * made twice (it is deterministic): once to learn which devices the packets crossed, once to
 * capture those, one pcapng file each, every packet commented with its producing step.
 *
 * <pre>{@code
 * PacketProbe.Result r = PacketProbe.run(scenario, new PacketProbe.Request("h1", dst, Proto.ICMP, 84, false),
 *         Optional.empty());
 * TraceText.render(r.trace(), r.packet());
 * }</pre>
 */
public final class PacketProbe {
    /** The echo port of the UDP probe (RFC 862's). */
    public static final int ECHO_PORT = 7;
    /** Simulated time given to a probe and its reply (ARP's retries included). */
    private static final long RUN_NANOS = 10_000_000_000L;

    /** The transport of the probe. */
    public enum Proto { ICMP, UDP, TCP }

    /** The port the TCP probe's SYN goes to; a listener there on the destination answers SYN-ACK. */
    public static final int TCP_PORT = 80;

    /**
     * What to send.
     *
     * @param from a node's name or one of its addresses
     * @param size the IP datagram's total length (28 at least)
     */
    public record Request(String from, Ipv4Address to, Proto proto, int size, boolean df) {
    }

    /**
     * What happened.
     *
     * @param packet the probe's packet id
     * @param reply the reply's packet id, or -1 when none was made
     * @param crossed every {@code NODE/DEVICE} the probe, its reply and what they led to were received on or sent from
     */
    public record Result(Trace trace, long packet, long reply, List<DeviceRef> crossed, List<Path> captures) {
    }

    private PacketProbe() {
    }

    /**
     * Sends the probe across {@code scenario}'s network.
     *
     * @throws IllegalArgumentException naming what is wrong with the request (no such node, no address)
     * @throws io.overlaysim.scenario.ScenarioException when the network cannot be built
     */
    public static Result run(Scenario scenario, Request req, Optional<Path> pcapDir) throws IOException {
        Result first = once(scenario, req, null, null);
        if (pcapDir.isEmpty() || first.crossed().isEmpty()) {
            return first;
        }
        CaptureSpec spec = new CaptureSpec(false, first.crossed(), CaptureSpec.Format.PCAPNG, true,
                CaptureSpec.DEFAULT_SNAPLEN, true);
        return once(scenario, req, spec, pcapDir.get());
    }

    private static Result once(Scenario scenario, Request req, CaptureSpec capture, Path dir) throws IOException {
        Simulation sim = new Simulation(scenario.seed());
        BuiltNetwork built = NetworkBuilder.build(scenario, sim);
        Trace trace = Trace.attach(built.network());
        Node from;
        int source = 0;
        if (Ipv4Address.isValid(req.from())) {
            source = Ipv4Address.parse(req.from()).bits();
            from = built.ownerOf(source);
            if (from == null) {
                throw new IllegalArgumentException("--from " + req.from() + ": no node holds that address");
            }
        } else if (built.network().nodes().stream().anyMatch(n -> n.name().equals(req.from()))) {
            from = built.node(req.from());
        } else {
            throw new IllegalArgumentException("--from " + req.from() + ": no such node (nodes: "
                    + String.join(", ", built.network().nodes().stream().map(Node::name).toList()) + ")");
        }
        if (req.size() < 28 || req.size() > 65535) {
            throw new IllegalArgumentException("--size " + req.size() + ": expected an IP datagram's total length,"
                    + " 28 to 65535 bytes (20 of IP header and 8 of ICMP or UDP header)");
        }
        CaptureSet captures = capture == null ? null : CaptureSet.open(capture, built, trace::comment, dir);
        int dst = req.to().bits();
        Pmtudisc pmtu = req.df() ? Pmtudisc.DO : Pmtudisc.DONT;
        long[] reply = {-1};
        try {
            if (req.proto() == Proto.ICMP) {
                Ping.start(from, dst, PingOptions.count(1).size(req.size() - 28).pmtudisc(pmtu).source(source));
            } else if (req.proto() == Proto.TCP) {
                // The probe is the SYN (DF set, as Linux sets it on TCP); its reply the SYN-ACK of a
                // listener on the destination, or the RST of a node with none.
                Node to = built.ownerOf(dst);
                if (to != null) {
                    TcpNode.of(to).listen(Ipv4Address.ANY, TCP_PORT, c -> new TcpHandler() { });
                }
                TcpNode.of(from).connect(source == 0 ? Ipv4Address.ANY : new Ipv4Address(source), 0, req.to(), TCP_PORT,
                        new TcpHandler() { });
            } else {
                Node to = built.ownerOf(dst);
                if (to != null) {
                    UdpStack.of(to).bind(ECHO_PORT, (s, p, src, sourcePort, payload, length) ->
                            reply[0] = s.source(dst).send(src, sourcePort, length, 0));
                }
                UdpSocket s = UdpStack.of(from).bind(0, null).pmtudisc(pmtu).source(source);
                s.send(dst, ECHO_PORT, req.size() - 28, 0);
            }
            sim.runUntil(sim.now() + RUN_NANOS);
        } finally {
            if (captures != null) {
                captures.close();
            }
        }
        long packet = probe(trace, from, req.proto());
        if (req.proto() == Proto.ICMP) {
            reply[0] = trace.walk(packet).children().stream().filter(c -> "reply".equals(trace.walk(c).relation()))
                    .findFirst().orElse(-1L);
        } else if (req.proto() == Proto.TCP) {
            reply[0] = trace.walks().stream().filter(w -> !w.node().equals(from.name()) && w.relation() == null
                    && "tcp".equals(w.origin())).map(PacketWalk::id).findFirst().orElse(-1L);
        }
        List<DeviceRef> crossed = new ArrayList<>(crossed(trace, packet, reply[0]));
        return new Result(trace, packet, reply[0], crossed, captures == null ? List.of() : captures.files());
    }

    /** The probe: the first packet made on {@code from} by the ping or the UDP socket. */
    private static long probe(Trace trace, Node from, Proto proto) {
        for (PacketWalk w : trace.walks()) {
            if (w.node().equals(from.name()) && w.relation() == null
                    && switch (proto) {
                        case ICMP -> w.origin().equals("ping");
                        case UDP -> w.origin().startsWith("udp:");
                        case TCP -> w.origin().equals("tcp");
                    }) {
                return w.id();
            }
        }
        throw new IllegalStateException("the probe was never made");
    }

    private static SequencedSet<DeviceRef> crossed(Trace trace, long packet, long reply) {
        SequencedSet<DeviceRef> out = new LinkedHashSet<>();
        List<Long> todo = new ArrayList<>(List.of(packet));
        if (reply >= 0) {
            todo.add(reply);
        }
        SequencedSet<Long> seen = new LinkedHashSet<>();
        while (!todo.isEmpty()) {
            long id = todo.removeFirst();
            if (!seen.add(id)) {
                continue;
            }
            PacketWalk w = trace.walk(id);
            for (Step s : w.steps()) {
                if ((s instanceof Step.Received || s instanceof Step.Sent) && s.dev() != null) {
                    out.add(new DeviceRef(s.node(), s.dev()));
                }
            }
            todo.addAll(w.children());
        }
        return out;
    }
}
