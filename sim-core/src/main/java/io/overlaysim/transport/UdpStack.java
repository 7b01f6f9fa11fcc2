package io.overlaysim.transport;

import io.overlaysim.device.NetDevice;
import io.overlaysim.node.IpProtocolHandler;
import io.overlaysim.node.Node;
import io.overlaysim.packet.DropReason;
import io.overlaysim.packet.IcmpHeader;
import io.overlaysim.packet.IpProtocol;
import io.overlaysim.packet.Ipv4Header;
import io.overlaysim.packet.PacketBuffer;
import io.overlaysim.packet.UdpHeader;
import java.util.HashMap;
import java.util.Map;

/**
 * A node's UDP ({@code net/ipv4/udp.c}): sockets bound to ports, tunnel sockets (VXLAN), and
 * ICMP port unreachable for datagrams to a local address with no socket.
 *
 * <pre>{@code
 * UdpSocket s = UdpStack.of(node).bind(5000, (sock, p, src, sport, off, len) -> ...);
 * UdpStack.of(node).bindEncap(4789, vxlan::receive);
 * }</pre>
 */
public final class UdpStack implements IpProtocolHandler {
    private final Node node;
    private final Map<Integer, UdpSocket> sockets = new HashMap<>();
    private final Map<Integer, UdpEncapHandler> encap = new HashMap<>();
    private int nextEphemeral = 32768;

    private UdpStack(Node node) {
        this.node = node;
    }

    /** The UDP layer of {@code node}, registered as protocol 17 on first use. */
    public static UdpStack of(Node node) {
        return node.extension(UdpStack.class, () -> {
            UdpStack u = new UdpStack(node);
            node.registerProtocol(IpProtocol.UDP, u);
            return u;
        });
    }

    public Node node() {
        return node;
    }

    /** Binds a socket to {@code port} (0: the next ephemeral port from 32768). */
    public UdpSocket bind(int port, UdpReceiver receiver) {
        int p = port;
        if (p == 0) {
            while (sockets.containsKey(nextEphemeral) || encap.containsKey(nextEphemeral)) {
                nextEphemeral++;
            }
            p = nextEphemeral++;
        }
        if (sockets.containsKey(p) || encap.containsKey(p)) {
            throw new IllegalStateException("UDP port " + p + " in use on " + node.name());
        }
        UdpSocket s = new UdpSocket(this, p, receiver);
        sockets.put(p, s);
        return s;
    }

    /** Binds a tunnel socket (VXLAN's 4789 or 8472) that takes whole packets. */
    public void bindEncap(int port, UdpEncapHandler h) {
        if (sockets.containsKey(port) || encap.containsKey(port)) {
            throw new IllegalStateException("UDP port " + port + " in use on " + node.name());
        }
        encap.put(port, h);
    }

    void close(UdpSocket s) {
        sockets.remove(s.port(), s);
    }

    @Override
    public void receive(Node n, PacketBuffer p, NetDevice in) {
        byte[] b = p.array();
        int ip = p.start();
        int udp = ip + Ipv4Header.headerLength(b, ip);
        int len = p.end() - udp;
        if (len < UdpHeader.LENGTH || UdpHeader.length(b, udp) > len || UdpHeader.length(b, udp) < UdpHeader.LENGTH) {
            node.drop(p, in, DropReason.BAD_HEADER);
            return;
        }
        int ulen = UdpHeader.length(b, udp);
        int src = Ipv4Header.source(b, ip);
        int dst = Ipv4Header.destination(b, ip);
        if (UdpHeader.checksum(b, udp) != 0 && !UdpHeader.verifyChecksum(b, udp, ulen, src, dst)) {
            node.drop(p, in, DropReason.BAD_CHECKSUM);
            return;
        }
        int dport = UdpHeader.destinationPort(b, udp);
        UdpEncapHandler h = encap.get(dport);
        if (h != null) {
            h.receive(node, p, in, udp);
            return;
        }
        UdpSocket s = sockets.get(dport);
        if (s == null) {
            if (node.routes().fib().isLocalAddress(dst)) {
                node.icmp().sendError(p, in, IcmpHeader.DESTINATION_UNREACHABLE, IcmpHeader.CODE_PORT_UNREACHABLE, 0);
            }
            node.drop(p, in, DropReason.NO_SOCKET);
            return;
        }
        s.receiver().datagram(s, p, src, UdpHeader.sourcePort(b, udp), udp + UdpHeader.LENGTH, ulen - UdpHeader.LENGTH);
        node.deliver(p, s.name());
    }

    /** {@code udp_err}: the socket that sent the quoted datagram hears of the error. */
    @Override
    public void error(Node n, PacketBuffer p, int type, int code, int info, int quoted) {
        byte[] b = p.array();
        int qu = quoted + Ipv4Header.headerLength(b, quoted);
        if (qu + UdpHeader.LENGTH > p.end()) {
            return;
        }
        UdpSocket s = sockets.get(UdpHeader.sourcePort(b, qu));
        if (s != null) {
            s.receiver().error(s, Ipv4Header.source(b, p.start()), type, code, info, Ipv4Header.destination(b, quoted),
                    UdpHeader.destinationPort(b, qu));
        }
    }
}
