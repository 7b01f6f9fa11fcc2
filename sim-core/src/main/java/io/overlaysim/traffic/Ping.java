package io.overlaysim.traffic;

import io.overlaysim.net.Ipv4Address;
import io.overlaysim.node.IcmpListener;
import io.overlaysim.node.Node;
import io.overlaysim.node.RouteDecision;
import io.overlaysim.packet.DropReason;
import io.overlaysim.packet.IcmpHeader;
import io.overlaysim.packet.IpProtocol;
import io.overlaysim.packet.Ipv4Header;
import io.overlaysim.packet.PacketBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code ping} (iputils) on a node: echo requests every interval, replies and ICMP errors
 * matched by identifier and sequence, the summary at the end. A request the kernel refuses
 * ({@code -M do} larger than the path MTU: "local error: message too long") or cannot route
 * counts as an error.
 *
 * <pre>{@code
 * Ping p = Ping.start(a, Ipv4Address.parse("10.0.0.6").bits(), PingOptions.count(3));
 * sim.runUntilIdle();
 * p.result().received();   // 3
 * }</pre>
 */
public final class Ping implements IcmpListener {
    private static final String[] UNREACH = {"Destination Net Unreachable", "Destination Host Unreachable",
        "Destination Protocol Unreachable", "Destination Port Unreachable", "Frag needed and DF set",
        "Source Route Failed", "Destination Net Unknown", "Destination Host Unknown", "Source Host Isolated",
        "Destination Net Prohibited", "Destination Host Prohibited", "Destination Net Unreachable for Type of Service",
        "Destination Host Unreachable for Type of Service", "Packet filtered"};

    private final Node node;
    private final int dst;
    private final PingOptions opts;
    private final int id;
    private final Map<Integer, Long> sentAt = new HashMap<>();
    private final List<Long> rtts = new ArrayList<>();
    private final List<String> lines = new ArrayList<>();
    private int transmitted;
    private int received;
    private int errors;

    private Ping(Node node, int dst, PingOptions opts, int id) {
        this.node = node;
        this.dst = dst;
        this.opts = opts;
        this.id = id;
    }

    /** Starts pinging {@code dst} now; identifiers are given per node from 0x4242 up. */
    public static Ping start(Node node, int dst, PingOptions opts) {
        int[] next = node.extension(int[].class, () -> new int[] {0x4242});
        Ping p = new Ping(node, dst, opts, next[0]++ & 0xffff);
        node.icmp().register(p.id, p);
        for (int i = 0; i < opts.count(); i++) {
            int seq = i + 1;
            node.simulation().scheduleAfter(i * opts.intervalNanos(), () -> p.send(seq));
        }
        return p;
    }

    public int identifier() {
        return id;
    }

    private void send(int seq) {
        transmitted++;
        int len = IcmpHeader.LENGTH + opts.size();
        RouteDecision d = node.ip().route(dst, opts.source(), null);
        int tot = len + Ipv4Header.MIN_LENGTH;
        if (d.ok() && d.kind() == RouteDecision.Kind.UNICAST && opts.pmtudisc() == io.overlaysim.node.Pmtudisc.DO
                && tot > node.ip().pathMtu(d, dst)) {
            errors++;
            lines.add("ping: local error: message too long, mtu=" + node.ip().pathMtu(d, dst));
            return;
        }
        PacketBuffer p = PacketBuffer.allocate(len);
        int o = p.put(len);
        byte[] b = p.array();
        IcmpHeader.writeEcho(b, o, IcmpHeader.ECHO_REQUEST, id, seq);
        for (int i = 0; i < opts.size(); i++) {
            b[o + IcmpHeader.LENGTH + i] = (byte) (i + 8);
        }
        IcmpHeader.fillChecksum(b, o, len);
        node.created(p, "ping");
        if (!d.ok()) {
            errors++;
            lines.add("ping: connect: " + d.error().text());
            node.drop(p, null, d.drop() == null ? DropReason.NO_ROUTE : d.drop());
            return;
        }
        sentAt.put(seq, node.simulation().now());
        int src = opts.source() != 0 ? opts.source() : d.prefsrc();
        int ttl = opts.ttl() > 0 ? opts.ttl() : node.sysctls().defaultTtl;
        node.ip().send(p, IpProtocol.ICMP, src, dst, ttl, 0, opts.pmtudisc(), d);
    }

    @Override
    public void echoReply(Node n, PacketBuffer p, int icmp, int sequence) {
        Long t = sentAt.remove(sequence);
        if (t == null) {
            return;
        }
        long rtt = n.simulation().now() - t;
        received++;
        rtts.add(rtt);
        byte[] b = p.array();
        lines.add((p.end() - icmp) + " bytes from " + Ipv4Address.format(Ipv4Header.source(b, p.start())) + ": icmp_seq="
                + sequence + " ttl=" + Ipv4Header.ttl(b, p.start()) + " time=" + String.format("%.3f ms", rtt / 1e6));
    }

    @Override
    public void error(Node n, PacketBuffer p, int from, int type, int code, int info, int sequence) {
        errors++;
        String what;
        if (type == IcmpHeader.DESTINATION_UNREACHABLE) {
            what = code < UNREACH.length ? UNREACH[code] : "Dest Unreachable, Bad Code: " + code;
            if (code == IcmpHeader.CODE_FRAGMENTATION_NEEDED) {
                what += " (mtu = " + (info & 0xffff) + ")";
            }
        } else if (type == IcmpHeader.TIME_EXCEEDED) {
            what = code == 0 ? "Time to live exceeded" : "Frag reassembly time exceeded";
        } else {
            what = "ICMP type " + type + " code " + code;
        }
        lines.add("From " + Ipv4Address.format(from) + " icmp_seq=" + sequence + " " + what);
    }

    public PingResult result() {
        return new PingResult(transmitted, received, errors, rtts, lines);
    }

}
