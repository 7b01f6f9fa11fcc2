package io.overlaysim.mtu;

import io.overlaysim.engine.Simulation;
import io.overlaysim.node.Node;
import io.overlaysim.node.Pmtudisc;
import io.overlaysim.node.RouteDecision;
import io.overlaysim.net.Ipv4Address;
import io.overlaysim.traffic.Ping;
import io.overlaysim.traffic.PingOptions;
import io.overlaysim.transport.TcpConnection;
import io.overlaysim.transport.TcpHandler;
import io.overlaysim.transport.TcpNode;
import io.overlaysim.transport.UdpStack;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Simulates a cell on a {@link TwoNodeCluster}: a warm-up ping resolves ARP, then one probe of
 * the cell's size leaves {@code pod-a} for {@code pod-c} ({@code ping -M do|dont -s SIZE-28}, or
 * one UDP datagram from a socket with {@code IP_MTU_DISCOVER} DO or DONT, or one write on a TCP
 * connection, see {@link #runTcp}) and the
 * {@link CellWatch} tells what became of it within two simulated seconds.
 */
public final class SimulatedCellRunner implements CellRunner {
    private static final long WATCH_NANOS = 2_000_000_000L;
    private static final int SOURCE_PORT = 40_000;
    private static final int TCP_PORT = 5001;

    @Override
    public boolean simulates() {
        return true;
    }

    @Override
    public TcpBulk tcpBulk(SweepCell cell) {
        return TcpBulk.run(cell, SweepSpec.TEN_GIGABIT);
    }

    @Override
    public CellResult run(SweepCell cell) {
        if (cell.protocol() == SweepSpec.Protocol.TCP) {
            return runTcp(cell);
        }
        Simulation sim = new Simulation(1);
        TwoNodeCluster c = TwoNodeCluster.build(sim, cell, SweepSpec.TEN_GIGABIT);
        CellWatch watch = new CellWatch(TwoNodeCluster.POD_A, TwoNodeCluster.POD_C);
        c.network().setObserver(watch);
        c.node(TwoNodeCluster.HOST_A).device(TwoNodeCluster.NIC).addTap(watch);
        Node pod = c.node(TwoNodeCluster.POD_A);
        int dst = c.destination();
        UdpStack.of(c.node(TwoNodeCluster.POD_C)).bind(TwoNodeCluster.UDP_PORT, (s, p, src, sport, off, len) -> { });
        Ping.start(pod, dst, PingOptions.count(1));
        sim.runUntil(sim.now() + WATCH_NANOS);

        watch.arm();
        long t0 = sim.now();
        Pmtudisc pmtudisc = cell.df() ? Pmtudisc.DO : Pmtudisc.DONT;
        int payload = cell.size() - 28;
        List<String> notes = new ArrayList<>();
        Ping ping = null;
        if (cell.protocol() == SweepSpec.Protocol.ICMP) {
            ping = Ping.start(pod, dst, PingOptions.count(1).size(payload).pmtudisc(pmtudisc));
        } else {
            UdpStack.of(pod).bind(SOURCE_PORT, (s, p, src, sport, off, len) -> { }).pmtudisc(pmtudisc)
                    .send(dst, TwoNodeCluster.UDP_PORT, payload, 0);
        }
        sim.runUntil(t0 + WATCH_NANOS);
        if (ping != null) {
            for (String line : ping.result().lines()) {
                notes.add("ping: " + line);
                if (line.startsWith("ping: local error")) {
                    watch.refusedLocally = true;
                }
            }
        }
        return classify(cell, watch, pod, dst, t0, notes, refuser(c, watch, dst));
    }

    /**
     * A TCP cell: a connection from {@code pod-a} to {@code pod-c} (its handshake resolves ARP and
     * sets the MSS, both pods' MTU - 40, as {@code tcp_connect} and the peer's MSS option do), then
     * one write of {@code size - 40} bytes. TCP always sets DF and {@code tcp_write_xmit} cuts the
     * write into MSS-sized segments, so the cell's DF setting does not matter.
     */
    private static CellResult runTcp(SweepCell cell) {
        int payload = cell.size() - 40;
        if (payload <= 0) {
            return CellResult.notSimulated(cell, "a TCP segment with data is at least 41 bytes: not simulated");
        }
        Simulation sim = new Simulation(1);
        TwoNodeCluster c = TwoNodeCluster.build(sim, cell, SweepSpec.TEN_GIGABIT);
        CellWatch watch = new CellWatch(TwoNodeCluster.POD_A, TwoNodeCluster.POD_C);
        c.network().setObserver(watch);
        c.node(TwoNodeCluster.HOST_A).device(TwoNodeCluster.NIC).addTap(watch);
        Node pod = c.node(TwoNodeCluster.POD_A);
        int dst = c.destination();
        long[] received = {0};
        boolean[] accepted = {false};
        TcpNode.of(c.node(TwoNodeCluster.POD_C)).listen(Ipv4Address.ANY, TCP_PORT, conn -> {
            accepted[0] = true;
            return new TcpHandler() {
                @Override
                public void received(TcpConnection connection, byte[] data, int off, int len) {
                    received[0] += len;
                }
            };
        });
        TcpConnection client = TcpNode.of(pod).connect(new Ipv4Address(dst), TCP_PORT, new TcpHandler() { });
        // until the server accepted: the handshake's last ACK is not part of the cell's bytes
        sim.runUntil(() -> accepted[0] || sim.now() > WATCH_NANOS);
        if (!accepted[0]) {
            return new CellResult(cell, CellResult.Outcome.LOST, 0, "the handshake never completed", 0, -1, 0, 0,
                    List.of("tcp: the handshake did not complete within 2 s"));
        }
        watch.arm();
        long t0 = sim.now();
        client.write(new byte[payload]);
        sim.runUntil(t0 + WATCH_NANOS);
        List<String> notes = new ArrayList<>();
        notes.add("tcp: mss " + client.mss() + ", segments that arrived (IP total length): "
                + (watch.tcpSegments.isEmpty() ? "none" : watch.tcpSegments.stream().map(String::valueOf)
                        .collect(Collectors.joining(", "))));
        if (client.retransmittedSegments() > 0) {
            notes.add("tcp: " + client.retransmittedSegments() + " segments retransmitted"
                    + (watch.fragNeededBy != null ? " after frag-needed lowered the MSS (tcp_v4_err)" : ""));
        }
        if (received[0] >= payload) {
            List<Integer> segs = watch.tcpSegments;
            if (segs.size() == 1 && segs.get(0) == cell.size()) {
                return new CellResult(cell, CellResult.Outcome.DELIVERED, 1, "", 0, -1, watch.wireBytes, payload, notes);
            }
            RouteDecision d = pod.ip().route(dst, 0, null);
            String where = pod.name() + "/" + d.dev().name() + " (mss " + client.mss() + ")";
            if (watch.fragNeededBy != null && watch.fragNeededArrival >= 0) {
                // Path-MTU discovery: the first segments were refused, TCP resent them cut to the new MSS
                return new CellResult(cell, CellResult.Outcome.SEGMENTED, segs.size(), where + " after frag-needed from "
                        + refuser(c, watch, dst) + " (mtu " + watch.fragNeededMtu + ")", watch.fragNeededMtu,
                        watch.fragNeededArrival - t0, watch.wireBytes, payload, notes);
            }
            return new CellResult(cell, CellResult.Outcome.SEGMENTED, segs.size(), where, 0, -1, watch.wireBytes, payload, notes);
        }
        notes.add("tcp: " + received[0] + " of " + payload + " bytes arrived");
        // what arrived was not the whole write: classify as the refusal or loss of the rest; the
        // retransmission the path-MTU cache refuses locally is TCP's doing, not the first refusal
        watch.delivered = false;
        if (watch.fragNeededBy != null) {
            watch.refusedLocally = false;
        }
        return classify(cell, watch, pod, dst, t0, notes, refuser(c, watch, dst));
    }

    /** {@code NODE/DEVICE}: the node that sent frag-needed and the device its route to the pod leaves by. */
    private static String refuser(TwoNodeCluster c, CellWatch w, int dst) {
        if (w.fragNeededBy == null) {
            return null;
        }
        RouteDecision d = c.node(w.fragNeededBy).ip().route(dst, 0, null);
        return w.fragNeededBy + (d.ok() && d.dev() != null ? "/" + d.dev().name() : "");
    }

    private static CellResult classify(SweepCell cell, CellWatch w, Node pod, int dst, long t0, List<String> notes,
                                       String refuser) {
        if (w.suppressedBy != null) {
            notes.add("frag-needed (mtu " + w.fragNeededMtu + ") from " + w.fragNeededBy + " dropped by "
                    + w.suppressedBy + "'s drop_icmp_errors: the sender never learns the path MTU");
        }
        if (w.delivered) {
            int n = Math.max(1, w.leaves.size());
            long payload = cell.size() - 28L;
            return w.fragmentedAt == null && n == 1
                    ? new CellResult(cell, CellResult.Outcome.DELIVERED, 1, "", 0, -1, w.wireBytes, payload, notes)
                    : new CellResult(cell, CellResult.Outcome.FRAGMENTED, n, w.fragmentedAt == null ? "" : w.fragmentedAt,
                            0, -1, w.wireBytes, payload, notes);
        }
        if (w.refusedLocally) {
            RouteDecision d = pod.ip().route(dst, 0, null);
            int mtu = pod.ip().pathMtu(d, dst);
            return new CellResult(cell, CellResult.Outcome.REFUSED, 0, pod.name() + "/" + d.dev().name() + " (local, mtu "
                    + mtu + ")", mtu, 0, w.wireBytes, 0, notes);
        }
        if (w.fragNeededBy != null && w.fragNeededArrival >= 0) {
            return new CellResult(cell, CellResult.Outcome.REFUSED, 0, refuser + " (mtu " + w.fragNeededMtu + ")",
                    w.fragNeededMtu, w.fragNeededArrival - t0, w.wireBytes, 0, notes);
        }
        if (w.fragNeededBy != null) {
            return new CellResult(cell, CellResult.Outcome.BLACK_HOLE, 0, refuser + " (mtu " + w.fragNeededMtu + ")",
                    w.fragNeededMtu, -1, w.wireBytes, 0, notes);
        }
        return new CellResult(cell, CellResult.Outcome.LOST, 0, w.droppedAt == null ? "no answer" : w.droppedAt, 0, -1,
                w.wireBytes, 0, notes);
    }
}
