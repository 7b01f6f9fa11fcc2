package io.overlaysim.transport;

import io.overlaysim.device.NetDevice;
import io.overlaysim.node.IpProtocolHandler;
import io.overlaysim.node.Node;
import io.overlaysim.node.Pmtudisc;
import io.overlaysim.node.RouteDecision;
import io.overlaysim.packet.DropReason;
import io.overlaysim.packet.IcmpHeader;
import io.overlaysim.packet.IpProtocol;
import io.overlaysim.packet.Ipv4Header;
import io.overlaysim.packet.PacketBuffer;
import io.overlaysim.packet.TcpHeader;

/**
 * A node's TCP: one {@link TcpStack} per node, registered as IP protocol 6, sending through the
 * node's IPv4 output ({@code ip_queue_xmit}: route lookup, DF set as Linux sets it on TCP
 * sockets with {@code ip_no_pmtu_disc}=0) and receiving from {@code ip_local_deliver}.
 *
 * <pre>{@code
 * TcpStack tcp = TcpNode.of(node);
 * tcp.listen(Ipv4Address.ANY, 179, conn -> handler);
 * }</pre>
 */
public final class TcpNode implements IpProtocolHandler, TcpNetwork {
    private final Node node;
    private TcpStack stack;

    private TcpNode(Node node) {
        this.node = node;
    }

    /** The TCP stack of {@code node}, created and registered as protocol 6 on first use. */
    public static TcpStack of(Node node) {
        return node.extension(TcpNode.class, () -> {
            TcpNode n = new TcpNode(node);
            n.stack = new TcpStack(node.simulation(), node.name(), n);
            node.registerProtocol(IpProtocol.TCP, n);
            return n;
        }).stack;
    }

    // ---------------------------------------------------------------- TcpNetwork (down to IP)

    @Override
    public void send(int source, int destination, PacketBuffer segment) {
        node.created(segment, "tcp");
        RouteDecision d = node.ip().route(destination, source, null);
        if (!d.ok()) {
            node.drop(segment, null, d.drop() != null ? d.drop() : DropReason.NO_ROUTE);
            return;
        }
        // ip_queue_xmit sets DF on every TCP segment (ip_dont_fragment: the socket's WANT, no locked
        // MTU), whatever its size: TCP never lets IP fragment, it resends with a smaller MSS instead
        node.ip().send(segment, IpProtocol.TCP, source, destination, node.sysctls().defaultTtl, 0, Pmtudisc.DO, d);
    }

    @Override
    public int sourceAddress(int destination) {
        RouteDecision d = node.ip().route(destination, 0, null);
        return d.ok() ? d.prefsrc() : 0;
    }

    @Override
    public int mtu(int destination) {
        RouteDecision d = node.ip().route(destination, 0, null);
        return d.ok() ? node.ip().pathMtu(d, destination) : 0;
    }

    // ---------------------------------------------------------------- IpProtocolHandler (up from IP)

    /** {@code tcp_v4_rcv}: the segment, trimmed to the IP datagram, goes to the stack. */
    @Override
    public void receive(Node n, PacketBuffer p, NetDevice in) {
        byte[] b = p.array();
        int ip = p.start();
        int src = Ipv4Header.source(b, ip);
        int dst = Ipv4Header.destination(b, ip);
        int total = Ipv4Header.totalLength(b, ip);
        int ihl = Ipv4Header.headerLength(b, ip);
        if (total < ihl || total > p.length()) {
            node.drop(p, in, DropReason.BAD_HEADER);
            return;
        }
        p.trim(total);
        p.pull(ihl);
        switch (stack.receive(p, src, dst)) {
            case DELIVERED -> node.deliver(p, "tcp");
            case BAD_CHECKSUM -> node.drop(p, in, DropReason.BAD_CHECKSUM);
            case MALFORMED -> node.drop(p, in, DropReason.BAD_HEADER);
            case NO_SOCKET -> node.drop(p, in, DropReason.NO_SOCKET);
        }
    }

    @Override
    public void error(Node n, PacketBuffer p, int type, int code, int info, int quoted) {
        // tcp_v4_err: fragmentation needed lowers the connection's MSS (the node's ICMP handling has
        // already learned the path MTU); other hard errors are not modelled yet.
        if (type != IcmpHeader.DESTINATION_UNREACHABLE || code != IcmpHeader.CODE_FRAGMENTATION_NEEDED) {
            return;
        }
        byte[] b = p.array();
        int tcp = quoted + Ipv4Header.headerLength(b, quoted);
        if (tcp + 4 > p.end()) {
            return;
        }
        int local = Ipv4Header.source(b, quoted);
        int remote = Ipv4Header.destination(b, quoted);
        int localPort = TcpHeader.sourcePort(b, tcp);
        int remotePort = TcpHeader.destinationPort(b, tcp);
        for (TcpConnection c : stack.connections()) {
            if (c.localPort() == localPort && c.remotePort() == remotePort && c.localAddress().bits() == local
                    && c.remoteAddress().bits() == remote) {
                c.mtuReduced(info & 0xffff);
                return;
            }
        }
    }
}
