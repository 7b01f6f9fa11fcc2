package io.overlaysim.tunnel;

import io.overlaysim.device.LinkType;
import io.overlaysim.device.NetDevice;
import io.overlaysim.net.Ipv4Address;
import io.overlaysim.node.Node;
import io.overlaysim.node.PacketObserver;
import io.overlaysim.node.PmtuCache;
import io.overlaysim.node.RouteDecision;
import io.overlaysim.packet.Checksum;
import io.overlaysim.packet.ChecksumOffload;
import io.overlaysim.packet.DropReason;
import io.overlaysim.packet.EtherType;
import io.overlaysim.packet.EthernetHeader;
import io.overlaysim.packet.IpProtocol;
import io.overlaysim.packet.Ipv4Header;
import io.overlaysim.packet.PacketBuffer;
import io.overlaysim.packet.UdpHeader;
import io.overlaysim.packet.VxlanHeader;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * A VXLAN device (drivers/net/vxlan/vxlan_core.c): an Ethernet device whose frames travel in
 * UDP to remote VTEPs. {@link #send} is {@code vxlan_xmit}: the inner destination MAC (the
 * neighbour entry of the route's gateway on this device) is looked up in the {@link VxlanFdb}
 * (else the all-zeros entry, flooded to each remote), and {@code vxlan_xmit_one} wraps the frame
 * in VXLAN (flags I, the VNI), UDP (source port from the inner flow's hash, destination
 * {@link VxlanConfig#port()}, checksum) and IPv4 (TTL {@code ip_default_ttl} for
 * {@code ttl auto}, TOS and DF as configured, ID from {@link IpIdents}), and sends it after a
 * second route lookup. Received frames come from {@link Vxlan} through {@link #decapsulated}.
 *
 * <pre>{@code
 * VxlanDevice v = Vxlan.of(node).add("vxlan.calico", mac, VxlanConfig.of(4096).withPort(4789)
 *         .withLocal("192.168.0.176").withLower("enp1s0").withLearning(false));
 * v.fdb().replace(remoteMac, Ipv4Address.parseBits("192.168.0.146"), null);
 * }</pre>
 */
public final class VxlanDevice extends NetDevice {
    /** {@code VXLAN_HEADROOM}: outer IPv4 (20) + UDP (8) + VXLAN (8) + inner Ethernet (14). */
    public static final int HEADROOM = Ipv4Header.MIN_LENGTH + UdpHeader.LENGTH + VxlanHeader.LENGTH + EthernetHeader.LENGTH;

    private static final VarHandle LONG_BE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    private final Node node;
    private final VxlanConfig config;
    private final VxlanFdb fdb;
    private final OuterRoutes routes;
    private final IpIdents idents;
    private final FlowHash flowHash;
    private final PmtuCache pmtuCache;
    private final boolean external;
    // the config's values the transmit path reads, as fields of the device (no hop through the record)
    private final int vni;
    private final int port;
    private final int local;
    private final boolean learning;
    private final int cfgTtl;
    private final int cfgTos;
    // df set / inherit as flags (no enum switch per packet)
    private final boolean dfSet;
    private final boolean dfInherit;
    private final int portMin;
    private final int portMax;
    private final boolean udpCsum;
    private NetDevice lower;
    // the tunnel key of the frame being sent or received (skb_tunnel_info): set just before, read synchronously
    private int txRemote;
    private int txVni;
    private int rxVni;
    private int rxRemote;

    VxlanDevice(Node node, String name, long mac, int mtu, VxlanConfig config, boolean external) {
        super(name, mac, mtu);
        this.node = node;
        this.config = config;
        this.external = external;
        this.fdb = new VxlanFdb(config.ageingSeconds());
        this.routes = new OuterRoutes(node);
        this.idents = IpIdents.of(node);
        this.flowHash = FlowHash.of(node);
        this.pmtuCache = node.ip().pmtu();
        this.vni = config.vni();
        this.port = config.port();
        this.local = config.local();
        this.learning = config.learning();
        this.cfgTtl = config.ttl();
        this.cfgTos = config.tos();
        this.dfSet = config.df() == VxlanConfig.Df.SET;
        this.dfInherit = config.df() == VxlanConfig.Df.INHERIT;
        this.portMin = config.portMin();
        this.portMax = config.portMax();
        this.udpCsum = config.udpCsum() && !external;
    }

    void bindLower(NetDevice dev) {
        this.lower = dev;
    }

    @Override
    public LinkType linkType() {
        return LinkType.ETHERNET;
    }

    public VxlanConfig config() {
        return config;
    }

    public VxlanFdb fdb() {
        return fdb;
    }

    /** Whether this is a collect-metadata device ({@code external}): remote and VNI come with each packet. */
    public boolean isExternal() {
        return external;
    }

    /**
     * Sends {@code frame} (starting at its inner Ethernet header) through a collect-metadata
     * device to the VTEP {@code remote} with {@code vni}: what a BPF program does with
     * {@code bpf_skb_set_tunnel_key} and {@code bpf_redirect} to the device. The key says TTL
     * {@code IPDEFTTL} (64), TOS 0, no DF and no UDP checksum ({@code BPF_F_ZERO_CSUM_TX}), as
     * Cilium's {@code ctx_set_encap_info4} sets it.
     */
    public void transmitWithKey(PacketBuffer frame, int remote, int vni) {
        if (!external) {
            throw new IllegalStateException(name() + " is not a collect-metadata (external) device");
        }
        txRemote = remote;
        txVni = vni;
        transmit(frame);
    }

    /** The VNI of the frame being received on a collect-metadata device (its tunnel key's {@code tun_id}). */
    public int rxVni() {
        return rxVni;
    }

    /** The outer source of the frame being received on a collect-metadata device (its tunnel key's {@code ipv4.src}). */
    public int rxRemote() {
        return rxRemote;
    }

    /** {@code vxlan_xmit}: {@code frame} starts at the inner Ethernet header. */
    @Override
    protected void send(PacketBuffer frame) {
        if (external) {
            // vxlan_xmit with VXLAN_F_COLLECT_METADATA: the skb's tunnel info or nothing (no FDB)
            int remote = txRemote;
            txRemote = 0;
            if (remote == 0) {
                counters.countTxDropped();
                node.drop(frame, this, DropReason.NO_TX_TARGET);
                return;
            }
            xmitOne(frame, remote);
            return;
        }
        long now = node.simulation().now();
        long dmac = EthernetHeader.destination(frame.array(), frame.start());
        VxlanFdb.Entry f = (dmac & 0x0100_0000_0000L) != 0 ? null : fdb.lookup(dmac, now);
        if (f == null) {
            f = fdb.lookup(VxlanFdb.ALL_ZEROS, now);
            if (f == null) {
                counters.countTxDropped();
                node.drop(frame, this, DropReason.NO_TX_TARGET);
                return;
            }
        }
        f.used = now;
        int n = f.remotes().size();
        if (n == 1) {
            xmitOne(frame, f.firstRemoteIp());
            return;
        }
        // flooding: a copy per remote but the last, which takes the frame itself (vxlan_xmit's skb_clone loop)
        for (int i = 0; i + 1 < n; i++) {
            PacketBuffer copy = frame.copy();
            node.created(copy, "vxlan flood copy");
            xmitOne(copy, f.remotes().get(i).ip());
        }
        xmitOne(frame, f.remotes().get(n - 1).ip());
    }

    /** {@code vxlan_xmit_one} toward the VTEP {@code dst}. */
    private void xmitOne(PacketBuffer p, int dst) {
        RouteDecision rt = encapsulateTo(p, dst);
        if (rt != null) {
            node.ip().output(p, rt);
        }
    }

    /**
     * The device's own part of {@code vxlan_xmit_one}: the outer route (cached), then the
     * headers ({@link #encapsulate}). Returns the outer route, or null when the frame was
     * dropped (and accounted for). Allocates nothing.
     */
    public RouteDecision encapsulateTo(PacketBuffer p, int dst) {
        RouteDecision rt = routes.get(dst, local, lower);
        if (!rt.ok()) {
            counters.countTxError();
            node.drop(p, this, rt.drop());
            return null;
        }
        if (rt.dev() == this) {
            // "circular route": collisions, dropped
            counters.countTxError();
            node.drop(p, this, DropReason.TUNNEL_TX_ERROR);
            return null;
        }
        int saddr = local != 0 ? local : rt.prefsrc();
        int pmtu = rt.kind() == RouteDecision.Kind.UNICAST ? pmtuCache.pathMtu(rt, dst) : 65535;
        encapsulate(p, saddr, dst, pmtu);
        PacketObserver obs = node.observer();
        if (obs.enabled()) {
            obs.encapsulated(node, this, p, saddr, dst, "vxlan vni " + (external ? txVni : config.vni()) + " port " + port);
        }
        return rt;
    }

    /**
     * Pushes VXLAN, UDP and IPv4 headers in front of the inner frame {@code p} for the VTEP
     * {@code dst} from {@code saddr}, given the outer path MTU ({@code vxlan_build_skb},
     * {@code udp_tunnel_xmit_skb}, {@code iptunnel_xmit}). Allocates nothing.
     */
    public void encapsulate(PacketBuffer p, int saddr, int dst, int pathMtu) {
        byte[] b = p.array();
        int eth = p.start();
        int frameLen = p.length();
        boolean ipv4 = frameLen >= EthernetHeader.LENGTH + Ipv4Header.MIN_LENGTH
                && EthernetHeader.etherType(b, eth) == EtherType.IPV4;
        int inner = eth + EthernetHeader.LENGTH;
        int innerTos = ipv4 ? Ipv4Header.tos(b, inner) : 0;
        int tos = external ? 0 : cfgTos == 1 ? innerTos : cfgTos;
        int df = external ? 0 : dfSet || dfInherit && ipv4 && Ipv4Header.dontFragment(b, inner) ? Ipv4Header.DF : 0;
        if (ipv4 && frameLen - EthernetHeader.LENGTH > pathMtu - HEADROOM) {
            // skb_tunnel_check_pmtu: the inner route learns the smaller MTU; the frame still goes (no reply unless bridged)
            pmtuCache.learn(Ipv4Header.destination(b, inner), pathMtu - HEADROOM, mtu());
        }
        tos = Ecn.encapsulate(tos, innerTos);
        int ttl = external ? 64 : cfgTtl != 0 ? cfgTtl : node.sysctls().defaultTtl;
        // the EtherType already checked: straight to the IPv4 keys (the same hash as ofFrame)
        int hash = ipv4 ? flowHash.ofIpv4(b, inner, frameLen - EthernetHeader.LENGTH) : flowHash.ofFrame(b, eth, frameLen);
        int sport = FlowHash.udpSourcePort(hash, portMin, portMax);
        int udpLen = frameLen + VxlanHeader.LENGTH + UdpHeader.LENGTH;
        int vni = external ? txVni & 0xff_ffff : this.vni;
        // the three outer headers pushed at once (36 bytes of headroom)
        int ip = p.push(Ipv4Header.MIN_LENGTH + UdpHeader.LENGTH + VxlanHeader.LENGTH);
        int udp = ip + Ipv4Header.MIN_LENGTH;
        b = p.array();
        int csum = 0;
        if (udpCsum) {
            // udp_set_csum: the UDP and VXLAN headers summed from their values, then the inner
            // frame (lco_csum when it carries a CHECKSUM_PARTIAL segment); 0 goes as 0xffff
            long sum = Checksum.pseudoHeader(saddr, dst, IpProtocol.UDP, udpLen) + sport + port + (udpLen & 0xffff)
                    + (VxlanHeader.FLAG_I << 8) + (vni >>> 8) + ((vni & 0xff) << 8);
            csum = Checksum.finish(sum + ChecksumOffload.frameSum(p, b, udp + UdpHeader.LENGTH + VxlanHeader.LENGTH, frameLen));
            csum = csum == 0 ? 0xffff : csum;
        }
        // the UDP header (ports, length, checksum) and the VXLAN header (flags I, reserved bits
        // zero, the VNI) as one 64-bit store each, as UdpHeader.write and VxlanHeader.write lay
        // them out: a checksum pass over them soon after (the receiver's) then loads whole
        // stores, not fresh fragments (a wide load over narrow stores stalls)
        LONG_BE.set(b, udp, ((long) sport << 48) | ((long) port << 32) | ((long) (udpLen & 0xffff) << 16) | csum);
        LONG_BE.set(b, udp + UdpHeader.LENGTH, ((long) VxlanHeader.FLAG_I << 56) | ((long) vni << 8));
        int id = df != 0 ? 0 : idents.select(dst, saddr, IpProtocol.UDP);
        Ipv4Header.write(b, ip, tos, udpLen + Ipv4Header.MIN_LENGTH, id, df, ttl, IpProtocol.UDP, saddr, dst);
    }

    /**
     * The receive half after {@link Vxlan} found this device by VNI and pulled the outer
     * headers ({@code vxlan_rcv} from {@code vxlan_set_mac} on): {@code p} starts at the inner
     * Ethernet header. Frames from our own MAC are dropped, learning updates the FDB, an outer
     * CE mark is carried in, and the frame is received on this device.
     */
    void decapsulated(PacketBuffer p, int outerSrc, int outerDst, int outerTos) {
        byte[] b = p.array();
        int eth = p.start();
        long smac = EthernetHeader.source(b, eth);
        if (smac == mac()) {
            node.drop(p, this, DropReason.LOCAL_MAC);
            return;
        }
        if (external) {
            rxVni = VxlanHeader.vni(b, eth - VxlanHeader.LENGTH);
            rxRemote = outerSrc;
        }
        if (learning && fdb.snoop(smac, outerSrc, node.simulation().now())) {
            node.drop(p, this, DropReason.VXLAN_ENTRY_EXISTS);
            return;
        }
        if (p.length() >= EthernetHeader.LENGTH + Ipv4Header.MIN_LENGTH && EthernetHeader.etherType(b, eth) == EtherType.IPV4
                && !Ecn.decapsulate(outerTos, b, eth + EthernetHeader.LENGTH)) {
            counters.countRxError();
            node.drop(p, this, DropReason.BAD_HEADER);
            return;
        }
        PacketObserver obs = node.observer();
        if (obs.enabled()) {
            obs.decapsulated(node, this, p, outerSrc, outerDst, "vxlan vni " + (external ? rxVni : config.vni()));
        }
        receive(p);
    }
}
