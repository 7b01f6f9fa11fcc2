package io.overlaysim.tunnel;

import io.overlaysim.device.NetDevice;
import io.overlaysim.net.Ipv4Address;
import io.overlaysim.node.IpProtocolHandler;
import io.overlaysim.node.Node;
import io.overlaysim.node.PacketObserver;
import io.overlaysim.packet.DropReason;
import io.overlaysim.packet.IcmpHeader;
import io.overlaysim.packet.IpProtocol;
import io.overlaysim.packet.Ipv4Header;
import io.overlaysim.packet.PacketBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * A node's IPIP protocol (drivers/net/ipip.c): the handler of IP protocol 4, the fallback
 * device {@code tunl0} (made when the module loads, down, MTU 1500 - 20) and the
 * point-to-point tunnels. A locally delivered protocol-4 packet goes to the tunnel whose
 * (remote, local) matches its (source, destination) ({@code ip_tunnel_lookup}), else to
 * {@code tunl0} when it is up; it is decapsulated and re-enters the stack as received on that
 * tunnel ({@code ip_tunnel_rcv}). No route lookup decides the decapsulation. Without a tunnel
 * the packet earns a port unreachable, as {@code tunnel4_rcv} sends.
 *
 * <pre>{@code
 * Ipip ipip = Ipip.of(node);
 * ipip.fallback().setAdminUp(true);                                        // tunl0
 * IpipDevice t = ipip.add("ipip1", IpTunnelConfig.pointToPoint("192.0.2.1", "192.0.2.2"));
 * }</pre>
 */
public final class Ipip implements IpProtocolHandler {
    /** {@code ETH_DATA_LEN}: the MTU base of a tunnel without a lower device ({@code ip_tunnel_bind_dev}). */
    private static final int ETH_DATA_LEN = 1500;

    private final Node node;
    private final IpipDevice fallback;
    private final List<IpipDevice> tunnels = new ArrayList<>();

    private Ipip(Node node) {
        this.node = node;
        node.registerProtocol(IpProtocol.IPIP, this);
        this.fallback = node.addDevice(new IpipDevice(node, "tunl0", IpTunnelConfig.FALLBACK, ETH_DATA_LEN - Ipv4Header.MIN_LENGTH));
        fallback.setAdminUp(false);
    }

    /** The node's IPIP, registered (and {@code tunl0} made) on first use. */
    public static Ipip of(Node node) {
        return node.extension(Ipip.class, () -> new Ipip(node));
    }

    /** {@code tunl0}: created down, as the module creates it in every namespace. */
    public IpipDevice fallback() {
        return fallback;
    }

    /**
     * {@code ip tunnel add NAME mode ipip ...}: a point-to-point tunnel, up. Its MTU is the
     * lower device's minus 20: the device the route to the remote leaves by, else the
     * {@code link} device, else 1500 ({@code ip_tunnel_bind_dev}).
     */
    public IpipDevice add(String name, IpTunnelConfig config) {
        NetDevice lower = null;
        if (config.remote() != 0) {
            var rt = node.ip().route(config.remote(), config.local(), config.link() == null ? null : node.device(config.link()));
            lower = rt.ok() ? rt.dev() : null;
        }
        if (lower == null && config.link() != null) {
            lower = node.device(config.link());
        }
        int base = lower == null ? ETH_DATA_LEN : lower.mtu();
        IpipDevice t = node.addDevice(new IpipDevice(node, name, config, base - Ipv4Header.MIN_LENGTH));
        tunnels.add(t);
        return t;
    }

    /**
     * {@code ip_tunnel_lookup} for a packet from {@code remote} to {@code local} received on
     * {@code in}: an exact (remote, local) match, then remote with any local, then local with
     * any remote; among equals one whose {@code link} is the input device wins; else
     * {@code tunl0} if up; else null.
     */
    public IpipDevice lookup(int remote, int local, NetDevice in) {
        IpipDevice t = pass(remote, local, in, true, true);
        if (t == null) {
            t = pass(remote, 0, in, true, false);
        }
        if (t == null) {
            t = pass(0, local, in, false, true);
        }
        if (t != null) {
            return t;
        }
        return fallback.isAdminUp() ? fallback : null;
    }

    private IpipDevice pass(int remote, int local, NetDevice in, boolean matchRemote, boolean matchLocal) {
        IpipDevice cand = null;
        for (int i = 0; i < tunnels.size(); i++) {
            IpipDevice t = tunnels.get(i);
            IpTunnelConfig c = t.config();
            if (!t.isAdminUp() || c.remote() != (matchRemote ? remote : 0) || c.local() != (matchLocal ? local : 0)) {
                continue;
            }
            if (in != null && in.name().equals(c.link())) {
                return t;
            }
            if (cand == null) {
                cand = t;
            }
        }
        return cand;
    }

    /** {@code ipip_rcv} -> {@code ip_tunnel_rcv}: {@code p} starts at the outer IPv4 header. */
    @Override
    public void receive(Node n, PacketBuffer p, NetDevice in) {
        IpipDevice t = decapsulate(p, in);
        if (t != null) {
            t.receive(p);
        }
    }

    /**
     * Finds the tunnel for the outer header at {@code p}'s start, pulls the header and carries
     * an outer CE mark in; returns the tunnel the inner packet is now received on, or null when
     * it was dropped (and accounted for). Allocates nothing.
     */
    public IpipDevice decapsulate(PacketBuffer p, NetDevice in) {
        byte[] b = p.array();
        int ip = p.start();
        int src = Ipv4Header.source(b, ip);
        int dst = Ipv4Header.destination(b, ip);
        IpipDevice t = lookup(src, dst, in);
        if (t == null) {
            node.icmp().sendError(p, in, IcmpHeader.DESTINATION_UNREACHABLE, IcmpHeader.CODE_PORT_UNREACHABLE, 0);
            node.drop(p, in, DropReason.NO_PROTOCOL);
            return null;
        }
        int outerTos = Ipv4Header.tos(b, ip);
        int hl = Ipv4Header.headerLength(b, ip);
        if (p.length() < hl + Ipv4Header.MIN_LENGTH) {
            t.counters().countRxError();
            node.drop(p, t, DropReason.BAD_HEADER);
            return null;
        }
        // iptunnel_pull_header: the inner header is the packet now
        p.pull(hl);
        if (!Ecn.decapsulate(outerTos, p.array(), p.start())) {
            t.counters().countRxError();
            node.drop(p, t, DropReason.BAD_HEADER);
            return null;
        }
        PacketObserver obs = node.observer();
        if (obs.enabled()) {
            obs.decapsulated(node, t, p, src, dst, "ipip");
        }
        return t;
    }

    /**
     * {@code ipip_err}: fragmentation-needed was already learned as the path MTU toward the
     * outer destination by the ICMP layer ({@code ipv4_update_pmtu}); other errors about a
     * point-to-point tunnel's packets are counted by the tunnel they came from.
     */
    @Override
    public void error(Node n, PacketBuffer p, int type, int code, int info, int quoted) {
        if (type == IcmpHeader.DESTINATION_UNREACHABLE
                && (code == IcmpHeader.CODE_FRAGMENTATION_NEEDED || code == 5 || code == IcmpHeader.CODE_PORT_UNREACHABLE)) {
            // frag needed: done; source route failed and port unreachable: "impossible event"
            return;
        }
        if (type != IcmpHeader.DESTINATION_UNREACHABLE && type != IcmpHeader.TIME_EXCEEDED) {
            return;
        }
        byte[] b = p.array();
        // the quoted packet went from us (its source: the tunnel's local) to the remote (its destination)
        IpipDevice t = lookup(Ipv4Header.destination(b, quoted), Ipv4Header.source(b, quoted), null);
        if (t != null) {
            t.icmpError(type, code);
        }
    }
}
