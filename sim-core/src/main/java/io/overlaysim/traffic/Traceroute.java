package io.overlaysim.traffic;

import io.overlaysim.node.Node;
import io.overlaysim.packet.IcmpHeader;
import io.overlaysim.packet.PacketBuffer;
import io.overlaysim.transport.UdpReceiver;
import io.overlaysim.transport.UdpSocket;
import io.overlaysim.transport.UdpStack;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code traceroute} (Linux, default UDP method) on a node: UDP probes to ports 33434 and up,
 * {@code probes} per TTL with the TTL rising from 1, each answered by an ICMP time exceeded
 * from a router on the way or a port unreachable from the destination (which ends the trace),
 * or by nothing within the wait ({@code *}). Probes go hop by hop: the next TTL starts when every
 * probe of this one was answered or timed out (traceroute's {@code -N 1}; the default sends up
 * to 16 at once, which changes timing but not the hops found).
 *
 * <pre>{@code
 * Traceroute tr = Traceroute.start(a, dst, TracerouteOptions.DEFAULT);
 * sim.runUntilIdle();
 * tr.result().lines();   // [" 1  10.0.0.2  0.010 ms  ...", " 2  10.0.0.6  ..."]
 * }</pre>
 */
public final class Traceroute implements UdpReceiver {
    private final Node node;
    private final int dst;
    private final TracerouteOptions opts;
    private final UdpSocket socket;
    private final List<TracerouteResult.Hop> hops = new ArrayList<>();
    private final Map<Integer, Long> sentAt = new HashMap<>();
    private final Map<Integer, TracerouteResult.Probe> answers = new HashMap<>();
    private int ttl;
    private int nextPort;
    private int outstanding;
    private boolean reached;
    private boolean done;

    private Traceroute(Node node, int dst, TracerouteOptions opts) {
        this.node = node;
        this.dst = dst;
        this.opts = opts;
        this.socket = UdpStack.of(node).bind(0, this);
        this.nextPort = opts.port();
    }

    /** Starts tracing the route to {@code dst} now. */
    public static Traceroute start(Node node, int dst, TracerouteOptions opts) {
        Traceroute t = new Traceroute(node, dst, opts);
        t.ttl = opts.firstTtl() - 1;
        t.nextHop();
        return t;
    }

    private void nextHop() {
        ttl++;
        int first = nextPort;
        outstanding = opts.probes();
        socket.ttl(ttl);
        for (int i = 0; i < opts.probes(); i++) {
            int port = nextPort++;
            sentAt.put(port, node.simulation().now());
            socket.send(dst, port, opts.packetLength() - 28, 0);
        }
        int hopTtl = ttl;
        node.simulation().scheduleAfter(opts.waitNanos(), () -> timeout(hopTtl, first));
    }

    private void timeout(int hopTtl, int first) {
        if (hopTtl == ttl && !done && outstanding > 0) {
            finishHop(first);
        }
    }

    private void finishHop(int first) {
        List<TracerouteResult.Probe> probes = new ArrayList<>();
        for (int port = first; port < first + opts.probes(); port++) {
            TracerouteResult.Probe p = answers.remove(port);
            sentAt.remove(port);
            probes.add(p != null ? p : new TracerouteResult.Probe(port, 0, -1, -1, -1, null));
        }
        hops.add(new TracerouteResult.Hop(ttl, probes));
        outstanding = 0;
        boolean stop = reached || probes.stream().anyMatch(p -> p.annotation() != null);
        if (stop || ttl >= opts.maxTtl()) {
            done = true;
            socket.close();
            return;
        }
        nextHop();
    }

    @Override
    public void datagram(UdpSocket s, PacketBuffer p, int src, int sourcePort, int payload, int length) {
    }

    @Override
    public void error(UdpSocket s, int from, int type, int code, int info, int errDst, int dstPort) {
        Long t = sentAt.get(dstPort);
        if (t == null || answers.containsKey(dstPort) || done) {
            return;
        }
        int first = opts.port() + (ttl - opts.firstTtl()) * opts.probes();
        if (dstPort < first) {
            return;  // a late answer to an earlier hop's probe
        }
        String mark = null;
        if (type == IcmpHeader.DESTINATION_UNREACHABLE) {
            mark = switch (code) {
                case IcmpHeader.CODE_PORT_UNREACHABLE -> null;
                case IcmpHeader.CODE_NET_UNREACHABLE -> "!N";
                case IcmpHeader.CODE_HOST_UNREACHABLE -> "!H";
                case IcmpHeader.CODE_PROTOCOL_UNREACHABLE -> "!P";
                case IcmpHeader.CODE_FRAGMENTATION_NEEDED -> "!F-" + (info & 0xffff);
                case IcmpHeader.CODE_ADMIN_PROHIBITED -> "!X";
                default -> "!<" + code + ">";
            };
            if (code == IcmpHeader.CODE_PORT_UNREACHABLE) {
                reached = true;
            }
        } else if (type != IcmpHeader.TIME_EXCEEDED) {
            return;
        }
        answers.put(dstPort, new TracerouteResult.Probe(dstPort, from, node.simulation().now() - t, type, code, mark));
        if (--outstanding == 0) {
            finishHop(first);
        }
    }

    /** The hops found so far (all of them once the simulation ran idle). */
    public TracerouteResult result() {
        return new TracerouteResult(dst, hops, reached);
    }
}
