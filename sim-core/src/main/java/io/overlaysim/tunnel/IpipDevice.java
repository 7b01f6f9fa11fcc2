package io.overlaysim.tunnel;

import io.overlaysim.device.LinkType;
import io.overlaysim.device.NetDevice;
import io.overlaysim.net.Ipv4Address;
import io.overlaysim.node.Node;
import io.overlaysim.node.PacketObserver;
import io.overlaysim.node.RouteDecision;
import io.overlaysim.packet.DropReason;
import io.overlaysim.packet.IcmpHeader;
import io.overlaysim.packet.IpProtocol;
import io.overlaysim.packet.Ipv4Header;
import io.overlaysim.packet.PacketBuffer;

/**
 * An IPv4-in-IPv4 tunnel device ({@code link/ipip}, drivers/net/ipip.c on
 * net/ipv4/ip_tunnel.c): the fallback {@code tunl0} (any remote, any local) that Calico routes
 * through with {@code via NODE dev tunl0 onlink}, or a point-to-point tunnel. Its frames are raw
 * IPv4 packets (no link header); {@link #send} is {@code ip_tunnel_xmit}: the outer destination
 * is the remote, or for {@code tunl0} the next hop of the inner packet's route
 * ({@code rt_nexthop}); the outer packet is routed again (the second lookup) and sent with
 * {@code ip_local_out}. Decapsulated packets come back through {@link #receive} (the node's
 * {@link Ipip} handler finds the tunnel), so they re-enter {@code ip_rcv} as received here.
 *
 * <pre>{@code
 * IpipDevice tunl0 = Ipip.of(node).fallback();     // ipip any remote any local any ttl inherit nopmtudisc
 * tunl0.setAdminUp(true);
 * node.addAddress("tunl0", "172.16.52.128/32");
 * }</pre>
 */
public final class IpipDevice extends NetDevice {
    /** {@code IPTUNNEL_ERR_TIMEO}: 6 s during which ICMP errors about the tunnel are relayed. */
    static final long ERR_TIMEOUT_NANOS = 6_000_000_000L;

    private final Node node;
    private final IpTunnelConfig config;
    private final OuterRoutes routes;
    private final IpIdents idents;
    private int errCount;
    private long errTime;
    private NetDevice linkDev;

    IpipDevice(Node node, String name, IpTunnelConfig config, int mtu) {
        super(name, 0L, mtu);
        this.node = node;
        this.config = config;
        this.routes = new OuterRoutes(node);
        this.idents = IpIdents.of(node);
    }

    @Override
    public LinkType linkType() {
        return LinkType.NONE;
    }

    public IpTunnelConfig config() {
        return config;
    }

    /** Whether this is the fallback device ({@code tunl0}: no remote, no local, no link). */
    public boolean isFallback() {
        return config.remote() == 0 && config.local() == 0 && config.link() == null;
    }

    /** {@code ip_tunnel_xmit}: {@code p} starts at the inner IPv4 header; the outer packet goes to {@code ip_local_out}. */
    @Override
    protected void send(PacketBuffer p) {
        RouteDecision rt = encapsulate(p);
        if (rt != null) {
            node.ip().output(p, rt);
        }
    }

    /**
     * The tunnel's own part of {@code ip_tunnel_xmit}, up to the finished outer header: the
     * outer destination, the second route lookup, {@code tnl_update_pmtu}, TOS/TTL/DF/ID. Returns
     * the outer route, or null when the packet was dropped (and accounted for). Allocates nothing
     * on the way through.
     */
    public RouteDecision encapsulate(PacketBuffer p) {
        byte[] b = p.array();
        int in = p.start();
        if (p.length() < Ipv4Header.MIN_LENGTH || Ipv4Header.version(b, in) != 4) {
            node.drop(p, this, DropReason.BAD_HEADER);
            return null;
        }
        int innerDst = Ipv4Header.destination(b, in);
        int dst = config.remote();
        if (dst == 0) {
            // NBMA tunnel: the inner route's next hop (rt_nexthop: its gateway, else the destination)
            dst = p.nextHop() != 0 ? p.nextHop() : innerDst;
        }
        int tos = config.tos();
        if ((tos & IpTunnelConfig.TOS_INHERIT) != 0) {
            tos = Ipv4Header.tos(b, in);
        }
        RouteDecision rt = routes.get(dst, config.local(), link());
        if (!rt.ok()) {
            // tx_carrier_errors, then tx_error_icmp: dst_link_failure tells the inner sender
            counters.countTxError();
            node.icmp().sendError(p, null, IcmpHeader.DESTINATION_UNREACHABLE, IcmpHeader.CODE_HOST_UNREACHABLE, 0);
            node.drop(p, this, rt.drop());
            return null;
        }
        if (rt.dev() == this) {
            // the outer route leads back into the tunnel: collisions, tx_error
            counters.countTxError();
            node.drop(p, this, DropReason.TUNNEL_TX_ERROR);
            return null;
        }
        boolean innerDf = Ipv4Header.dontFragment(b, in);
        int df = config.pmtudisc() || innerDf ? Ipv4Header.DF : 0;
        if (!updatePmtu(p, rt, dst, df != 0, innerDf, innerDst)) {
            return null;
        }
        if (errCount > 0) {
            if (node.simulation().now() < errTime + ERR_TIMEOUT_NANOS) {
                errCount--;
                // dst_link_failure: the packet still goes, its sender hears host unreachable
                node.icmp().sendError(p, null, IcmpHeader.DESTINATION_UNREACHABLE, IcmpHeader.CODE_HOST_UNREACHABLE, 0);
            } else {
                errCount = 0;
            }
        }
        tos = Ecn.encapsulate(tos, Ipv4Header.tos(b, in));
        int ttl = config.ttl() != 0 ? config.ttl() : Ipv4Header.ttl(b, in);
        int src = config.local() != 0 ? config.local() : rt.prefsrc();
        int innerLen = p.length();
        // iptunnel_xmit: the outer header; with DF the ID is 0 (no socket), else __ip_select_ident
        int id = df != 0 ? 0 : idents.select(dst, src, IpProtocol.IPIP);
        int off = p.push(Ipv4Header.MIN_LENGTH);
        Ipv4Header.write(p.array(), off, tos, innerLen + Ipv4Header.MIN_LENGTH, id, df, ttl, IpProtocol.IPIP, src, dst);
        PacketObserver obs = node.observer();
        if (obs.enabled()) {
            obs.encapsulated(node, this, p, src, dst, "ipip");
        }
        return rt;
    }

    private NetDevice link() {
        if (config.link() == null) {
            return null;
        }
        if (linkDev == null) {
            linkDev = node.device(config.link());
        }
        return linkDev;
    }

    /**
     * {@code tnl_update_pmtu}: with DF on the outer header the usable MTU is the outer path's
     * minus the 20-byte header, learned for the inner destination
     * ({@code skb_dst_update_pmtu_no_confirm}); an inner DF packet larger than that earns its
     * sender fragmentation-needed with this MTU ({@code icmp_ndo_send}) and is dropped.
     */
    private boolean updatePmtu(PacketBuffer p, RouteDecision rt, int dst, boolean df, boolean innerDf, int innerDst) {
        int mtu = df ? node.ip().pathMtu(rt, dst) - Ipv4Header.MIN_LENGTH : mtu();
        if (mtu < mtu()) {
            node.ip().pmtu().learn(innerDst, mtu, mtu());
        }
        if (innerDf && mtu < p.length()) {
            node.icmp().sendError(p, null, IcmpHeader.DESTINATION_UNREACHABLE, IcmpHeader.CODE_FRAGMENTATION_NEEDED, mtu);
            node.drop(p, this, DropReason.TOO_BIG_DF);
            return false;
        }
        return true;
    }

    /**
     * {@code ipip_err} for errors other than fragmentation-needed (which the ICMP layer already
     * turned into a path MTU): a point-to-point tunnel counts them, and for
     * {@code IPTUNNEL_ERR_TIMEO} its next packets relay host unreachable to their senders.
     */
    void icmpError(int type, int code) {
        if (config.remote() == 0) {
            return;
        }
        if (type == IcmpHeader.TIME_EXCEEDED && (code != IcmpHeader.CODE_TTL_EXCEEDED || config.ttl() == 0)) {
            return;
        }
        long now = node.simulation().now();
        errCount = now < errTime + ERR_TIMEOUT_NANOS ? errCount + 1 : 1;
        errTime = now;
    }

}
