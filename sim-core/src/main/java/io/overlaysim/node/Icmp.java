package io.overlaysim.node;

import io.overlaysim.device.NetDevice;
import io.overlaysim.packet.Checksum;
import io.overlaysim.packet.DropReason;
import io.overlaysim.packet.IcmpHeader;
import io.overlaysim.packet.IpProtocol;
import io.overlaysim.packet.Ipv4Header;
import io.overlaysim.packet.PacketBuffer;
import java.util.HashMap;
import java.util.Map;

/**
 * The ICMP layer of a node ({@code net/ipv4/icmp.c}): answers echo requests, hands echo replies
 * and errors to the ICMP sockets (ping) and to the protocols they quote, learns path MTUs from
 * fragmentation-needed, and sends errors as {@code __icmp_send} builds them.
 */
public final class Icmp implements IpProtocolHandler {
    private static final int ICMP_REDIRECT = 5;
    private final Node node;
    private final Map<Integer, IcmpListener> listeners = new HashMap<>();
    private final Map<Integer, Integer> redirectsSent = new HashMap<>();

    Icmp(Node node) {
        this.node = node;
    }

    /** Registers an ICMP socket for echo identifier {@code id}. */
    public void register(int id, IcmpListener l) {
        listeners.put(id, l);
    }

    public void unregister(int id) {
        listeners.remove(id);
    }

    @Override
    public void receive(Node n, PacketBuffer p, NetDevice in) {
        byte[] b = p.array();
        int ip = p.start();
        int icmp = ip + Ipv4Header.headerLength(b, ip);
        int len = p.end() - icmp;
        if (len < IcmpHeader.LENGTH || Checksum.compute(b, icmp, len) != 0) {
            node.drop(p, in, DropReason.BAD_CHECKSUM);
            return;
        }
        int type = IcmpHeader.type(b, icmp);
        switch (type) {
            case IcmpHeader.ECHO_REQUEST -> echo(p, in, icmp, len);
            case IcmpHeader.ECHO_REPLY -> {
                IcmpListener l = listeners.get(IcmpHeader.identifier(b, icmp));
                if (l != null) {
                    l.echoReply(node, p, icmp, IcmpHeader.sequence(b, icmp));
                }
                node.deliver(p, l == null ? "icmp" : "ping");
            }
            case IcmpHeader.DESTINATION_UNREACHABLE, IcmpHeader.TIME_EXCEEDED, IcmpHeader.PARAMETER_PROBLEM -> error(p, icmp, len);
            default -> node.deliver(p, "icmp");
        }
    }

    /** {@code icmp_echo} -> {@code icmp_reply}: same payload, source = the address the request was sent to. */
    private void echo(PacketBuffer req, NetDevice in, int icmp, int len) {
        byte[] b = req.array();
        int ip = req.start();
        int src = Ipv4Header.source(b, ip);
        int dst = Ipv4Header.destination(b, ip);
        if ((req.flags() & Ipv4.F_L2_BROADCAST) != 0 || !node.routes().fib().isLocalAddress(dst)) {
            // icmp_echo_ignore_broadcasts = 1
            node.deliver(req, "icmp");
            return;
        }
        RouteDecision d = node.ip().route(src, dst, null);
        PacketBuffer reply = PacketBuffer.allocate(len);
        int o = reply.put(len);
        System.arraycopy(b, icmp, reply.array(), o, len);
        reply.array()[o] = IcmpHeader.ECHO_REPLY;
        IcmpHeader.fillChecksum(reply.array(), o, len);
        node.deliver(req, "icmp echo");
        node.created(reply, "icmp echo reply");
        PacketObserver obs = node.observer();
        if (obs.enabled()) {
            obs.replied(node, req, reply);
        }
        int tos = Ipv4Header.tos(b, ip);
        node.ip().send(reply, IpProtocol.ICMP, dst, src, node.sysctls().defaultTtl, tos, Pmtudisc.DONT, d);
    }

    /** {@code icmp_unreach} and friends: learn the PMTU, tell the socket or protocol the quote names. */
    private void error(PacketBuffer p, int icmp, int len) {
        byte[] b = p.array();
        int q = icmp + IcmpHeader.LENGTH;
        if (len < IcmpHeader.LENGTH + Ipv4Header.MIN_LENGTH + 8 || Ipv4Header.version(b, q) != 4) {
            node.deliver(p, "icmp");
            return;
        }
        int type = IcmpHeader.type(b, icmp);
        int code = IcmpHeader.code(b, icmp);
        int info = IcmpHeader.restOfHeader(b, icmp);
        int quotedDst = Ipv4Header.destination(b, q);
        if (type == IcmpHeader.DESTINATION_UNREACHABLE && code == IcmpHeader.CODE_FRAGMENTATION_NEEDED) {
            RouteDecision d = node.ip().route(quotedDst, 0, null);
            if (d.kind() == RouteDecision.Kind.UNICAST) {
                node.ip().pmtu().learn(quotedDst, info & 0xffff, node.ip().pathMtu(d, quotedDst));
            }
        }
        int proto = Ipv4Header.protocol(b, q);
        int from = Ipv4Header.source(b, p.start());
        if (proto == IpProtocol.ICMP) {
            int qi = q + Ipv4Header.headerLength(b, q);
            if (IcmpHeader.type(b, qi) == IcmpHeader.ECHO_REQUEST) {
                IcmpListener l = listeners.get(IcmpHeader.identifier(b, qi));
                if (l != null) {
                    l.error(node, p, from, type, code, info, IcmpHeader.sequence(b, qi));
                }
            }
        } else {
            IpProtocolHandler h = node.protocol(proto);
            if (h != null) {
                h.error(node, p, type, code, info, q);
            }
        }
        node.deliver(p, "icmp error");
    }

    /**
     * {@code __icmp_send}: an error about {@code cause} (which starts at its IPv4 header) to its
     * source. None about ICMP errors, non-first fragments, link-layer broadcasts or bad
     * sources. The source is the address the cause was sent to when that is ours, else what
     * the route back chooses ({@code icmp_errors_use_inbound_ifaddr} = 0); TOS {@code 0xc0}
     * ({@code IPTOS_PREC_INTERNETCONTROL}); the quote is as long as
     * {@link IcmpHeader#errorQuoteLength} allows.
     */
    public void sendError(PacketBuffer cause, NetDevice in, int type, int code, int info) {
        byte[] b = cause.array();
        int ip = cause.start();
        int src = Ipv4Header.source(b, ip);
        int dst = Ipv4Header.destination(b, ip);
        if ((cause.flags() & Ipv4.F_L2_BROADCAST) != 0 || src == 0 || src == -1 || (src >>> 28) == 0xe
                || (dst >>> 28) == 0xe || dst == -1) {
            return;
        }
        if (Ipv4Header.fragmentOffset(b, ip) != 0) {
            return;
        }
        if (Ipv4Header.protocol(b, ip) == IpProtocol.ICMP) {
            int qi = ip + Ipv4Header.headerLength(b, ip);
            if (qi >= cause.end()) {
                return;
            }
            int t = IcmpHeader.type(b, qi);
            if (t != IcmpHeader.ECHO_REQUEST && t != IcmpHeader.ECHO_REPLY && t != 13 && t != 14) {
                return;
            }
        }
        int saddr = node.routes().fib().isLocalAddress(dst) ? dst : 0;
        if (saddr == 0 && in != null && node.sysctls().icmpErrorsUseInboundIfaddr) {
            saddr = node.address(in.name());
        }
        RouteDecision d = node.ip().route(src, saddr, null);
        if (!d.ok()) {
            return;
        }
        if (saddr == 0) {
            saddr = d.prefsrc();
        }
        int mtu = d.kind() == RouteDecision.Kind.UNICAST ? node.ip().pathMtu(d, src) : 65535;
        int quote = IcmpHeader.errorQuoteLength(cause.length(), mtu, 0);
        if (quote < 0) {
            return;
        }
        PacketBuffer e = PacketBuffer.allocate(IcmpHeader.LENGTH + quote);
        int o = e.put(IcmpHeader.LENGTH + quote);
        IcmpHeader.writeError(e.array(), o, type, code, info, b, ip, quote);
        node.created(e, "icmp error");
        PacketObserver obs = node.observer();
        if (obs.enabled()) {
            obs.icmpGenerated(node, cause, e, type, code);
        }
        if (node.sysctls().dropIcmpErrors) {
            node.drop(e, null, DropReason.ICMP_ERROR_SUPPRESSED);
            return;
        }
        int tos = (Ipv4Header.tos(b, ip) & 0x1e) | 0xc0;
        node.ip().send(e, IpProtocol.ICMP, saddr, src, node.sysctls().defaultTtl, tos, Pmtudisc.DONT, d);
    }

    /**
     * {@code ip_rt_send_redirect}: a host redirect to the better gateway {@code gateway}. The
     * kernel backs off exponentially after {@code ip_rt_redirect_number} (9) redirects to one
     * source; here the first 9 per source are sent and later ones suppressed.
     */
    void sendRedirect(PacketBuffer cause, NetDevice in, int gateway) {
        int src = Ipv4Header.source(cause.array(), cause.start());
        int n = redirectsSent.merge(src, 1, Integer::sum);
        if (n > 9) {
            return;
        }
        sendError(cause, in, ICMP_REDIRECT, 1, gateway);
    }
}
