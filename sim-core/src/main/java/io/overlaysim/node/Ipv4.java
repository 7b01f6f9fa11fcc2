package io.overlaysim.node;

import io.overlaysim.device.LinkType;
import io.overlaysim.device.NetDevice;
import io.overlaysim.packet.Checksum;
import io.overlaysim.packet.DropReason;
import io.overlaysim.packet.IcmpHeader;
import io.overlaysim.packet.Ipv4Header;
import io.overlaysim.packet.PacketBuffer;

/**
 * A node's IPv4 stack as the kernel's named stages: {@code ip_rcv} (header checks) ->
 * {@code ip_rcv_finish} (the input route) -> {@code ip_forward} or {@code ip_local_deliver}
 * (reassembly, then the protocol handler by number). The output half ({@code ip_output},
 * {@code ip_fragment}, {@code neigh_output}) is {@link IpOutput}, reached through
 * {@link #send} and {@link #output}.
 */
public final class Ipv4 {
    /** Packet flag: the frame came to an Ethernet broadcast/multicast address (not PACKET_HOST). */
    public static final int F_L2_BROADCAST = 1;

    private static final RouteDecision LOOPED = new RouteDecision(RouteDecision.Kind.LOCAL, null, 0, 0, null, 0, null,
            null, -1, false, 0);

    private final Node node;
    private final IpOutput out;
    private final Reassembler reassembler;
    private final PmtuCache pmtu;
    private int nextId = 1;

    Ipv4(Node node) {
        this.node = node;
        this.pmtu = new PmtuCache(node);
        this.out = new IpOutput(node, pmtu);
        this.reassembler = new Reassembler(node);
    }

    public PmtuCache pmtu() {
        return pmtu;
    }

    /** The next IP identification ({@code ip_select_ident}; a counter, for determinism). */
    int nextIdentification() {
        int id = nextId;
        nextId = (nextId + 1) & 0xffff;
        return id;
    }

    // ---------------------------------------------------------------- input

    /** {@code ip_rcv}: {@code p} starts at the IPv4 header. */
    public void receive(NetDevice dev, PacketBuffer p) {
        byte[] b = p.array();
        int off = p.start();
        int len = p.length();
        if (len < Ipv4Header.MIN_LENGTH || Ipv4Header.version(b, off) != 4 || Ipv4Header.ihl(b, off) < 5) {
            node.drop(p, dev, DropReason.BAD_HEADER);
            return;
        }
        int hl = Ipv4Header.headerLength(b, off);
        int tot = Ipv4Header.totalLength(b, off);
        if (len < hl || tot > len || tot < hl) {
            node.drop(p, dev, DropReason.BAD_HEADER);
            return;
        }
        if (Checksum.compute(b, off, hl) != 0) {
            node.drop(p, dev, DropReason.BAD_CHECKSUM);
            return;
        }
        p.trim(tot);
        p.setNetworkHeader(off);
        receiveFinish(dev, p);
    }

    /** {@code ip_rcv_finish}: the input route decides. */
    private void receiveFinish(NetDevice dev, PacketBuffer p) {
        byte[] b = p.array();
        int off = p.start();
        int dst = Ipv4Header.destination(b, off);
        int src = Ipv4Header.source(b, off);
        // a packet looped back through lo keeps the output route it was sent with (skb_valid_dst): no input lookup
        RouteDecision d = dev.linkType() == LinkType.LOOPBACK ? LOOPED : node.routes().input(dst, src, dev);
        PacketObserver obs = node.observer();
        if (obs.enabled() && d != LOOPED) {
            obs.routeLookup(node, p, dev, dst, d);
        }
        switch (d.kind()) {
            case LOCAL, BROADCAST -> localDeliver(dev, p, d);
            case UNICAST -> {
                if ((p.flags() & F_L2_BROADCAST) != 0) {
                    // ip_forward: skb->pkt_type != PACKET_HOST
                    node.drop(p, dev, DropReason.NOT_FOR_US);
                    return;
                }
                forward(dev, p, d);
            }
            case ERROR -> {
                // ip_error: unreachable/prohibit earn an ICMP error, blackhole and martians do not
                if (d.icmpCode() >= 0 && (p.flags() & F_L2_BROADCAST) == 0) {
                    node.icmp().sendError(p, dev, IcmpHeader.DESTINATION_UNREACHABLE, d.icmpCode(), 0);
                }
                node.drop(p, dev, d.drop());
            }
        }
    }

    /**
     * {@code ip_forward}: TTL (time exceeded when it would reach 0), the next hop's MTU (DF set:
     * fragmentation needed with that MTU), TTL decrement, an ICMP redirect when the packet
     * leaves where it came from, then {@code ip_output}.
     */
    private void forward(NetDevice in, PacketBuffer p, RouteDecision d) {
        byte[] b = p.array();
        int off = p.start();
        if (Ipv4Header.ttl(b, off) <= 1) {
            node.icmp().sendError(p, in, IcmpHeader.TIME_EXCEEDED, IcmpHeader.CODE_TTL_EXCEEDED, 0);
            node.drop(p, in, DropReason.TTL_EXCEEDED);
            return;
        }
        // ip_dst_mtu_maybe_forward: the route's mtu metric, else the device's (learned PMTU is for local traffic)
        int mtu = d.routeMtu() != 0 ? d.routeMtu() : d.dev().mtu();
        int tot = p.length();
        if (tot > mtu && Ipv4Header.dontFragment(b, off)) {
            node.icmp().sendError(p, in, IcmpHeader.DESTINATION_UNREACHABLE, IcmpHeader.CODE_FRAGMENTATION_NEEDED, mtu);
            node.drop(p, in, DropReason.TOO_BIG_DF);
            return;
        }
        Ipv4Header.decrementTtl(b, off);
        if (d.redirect()) {
            node.icmp().sendRedirect(p, in, d.nextHop(Ipv4Header.destination(b, off)));
        }
        out.finish(p, d, mtu);
    }

    /** {@code ip_local_deliver}: reassembly, then the protocol handler ({@code ip_local_deliver_finish}). */
    private void localDeliver(NetDevice in, PacketBuffer p0, RouteDecision d) {
        PacketBuffer p = p0;
        if (Ipv4Header.isFragment(p.array(), p.start())) {
            p = reassembler.add(in, p);
            if (p == null) {
                return;
            }
        }
        int proto = Ipv4Header.protocol(p.array(), p.start());
        IpProtocolHandler h = node.protocol(proto);
        if (h == null) {
            if (d.kind() == RouteDecision.Kind.LOCAL) {
                node.icmp().sendError(p, in, IcmpHeader.DESTINATION_UNREACHABLE, IcmpHeader.CODE_PROTOCOL_UNREACHABLE, 0);
            }
            node.drop(p, in, DropReason.NO_PROTOCOL);
            return;
        }
        h.receive(node, p, in);
    }

    // ---------------------------------------------------------------- output

    /** The output route for a locally generated packet ({@code ip_route_output_key}); {@code oif} may be null. */
    public RouteDecision route(int dst, int src, NetDevice oif) {
        return node.routes().output(dst, src, oif);
    }

    /** The MTU a locally generated packet to {@code dst} must fit ({@code dst_mtu}: PMTU, route mtu, device). */
    public int pathMtu(RouteDecision d, int dst) {
        return out.pathMtu(d, dst);
    }

    /**
     * Sends a locally generated datagram ({@code ip_build_and_send_pkt} / {@code ip_make_skb} +
     * {@code ip_local_out}): {@code p} starts at the transport header (its checksum already
     * filled); the IPv4 header is pushed in front. The packet must already have its ledger id.
     * DF follows {@code pmtudisc} as {@code __ip_make_skb} sets it; with {@link Pmtudisc#DO} a
     * datagram larger than the path MTU is dropped ({@code too-big-df}: the kernel's EMSGSIZE).
     */
    public void send(PacketBuffer p, int proto, int src, int dst, int ttl, int tos, Pmtudisc pmtudisc, RouteDecision d) {
        int mtu = d.kind() == RouteDecision.Kind.UNICAST ? out.pathMtu(d, dst) : 65535;
        int tot = p.length() + Ipv4Header.MIN_LENGTH;
        boolean df = pmtudisc == Pmtudisc.DO || (pmtudisc == Pmtudisc.WANT && tot <= mtu);
        int id = df ? 0 : nextIdentification();
        int off = p.push(Ipv4Header.MIN_LENGTH);
        Ipv4Header.write(p.array(), off, tos, tot, id, df ? Ipv4Header.DF : 0, ttl, proto, src, dst);
        Ipv4Header.fillChecksum(p.array(), off);
        p.setNetworkHeader(off);
        output(p, d);
    }

    /** {@code ip_local_out} for a packet that starts at its finished IPv4 header (tunnels' outer packets). */
    public void output(PacketBuffer p, RouteDecision d) {
        p.setNetworkHeader(p.start());
        out.localOut(p, d);
    }

    /** {@code neigh_output} toward {@code nextHop} on {@code dev}, no MTU check (fragments, ARP-queued packets). */
    public void transmit(PacketBuffer p, NetDevice dev, int nextHop) {
        out.neighOutput(p, dev, nextHop, false);
    }
}
