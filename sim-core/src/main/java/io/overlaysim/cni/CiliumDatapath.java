package io.overlaysim.cni;

import io.overlaysim.device.DeviceOwner;
import io.overlaysim.device.LinkConfig;
import io.overlaysim.device.NetDevice;
import io.overlaysim.device.PointToPointLink;
import io.overlaysim.device.VethDevice;
import io.overlaysim.engine.Simulation;
import io.overlaysim.net.Ipv4Address;
import io.overlaysim.net.Ipv4Prefix;
import io.overlaysim.node.Network;
import io.overlaysim.node.Node;
import io.overlaysim.node.PacketObserver;
import io.overlaysim.packet.ArpPacket;
import io.overlaysim.packet.DropReason;
import io.overlaysim.packet.EtherType;
import io.overlaysim.packet.EthernetHeader;
import io.overlaysim.packet.Ipv4Header;
import io.overlaysim.packet.PacketBuffer;
import io.overlaysim.routing.HashPrefixMap;
import io.overlaysim.routing.IpAddress;
import io.overlaysim.routing.IpPrefix;
import io.overlaysim.routing.NextHop;
import io.overlaysim.routing.PrefixMap;
import io.overlaysim.routing.Route;
import io.overlaysim.routing.RouteMetrics;
import io.overlaysim.routing.RouteProtocol;
import io.overlaysim.routing.RouteScope;
import io.overlaysim.tunnel.Vxlan;
import io.overlaysim.tunnel.VxlanConfig;
import io.overlaysim.tunnel.VxlanDevice;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Cilium's eBPF datapath on one node in VXLAN tunnel mode, its programs and maps made explicit:
 * <ul>
 * <li>{@code cilium_host}/{@code cilium_net}, a veth pair (MTU 1500, NOARP) whose
 * {@code cilium_host} holds the router address; routes to pod CIDRs point at it, and its tc egress
 * program ({@code cil_from_host}, bpf_host.c) takes what the stack sends there;</li>
 * <li>{@code cilium_vxlan}, a collect-metadata ({@code external}) VXLAN device on UDP 8472 whose
 * remote VTEP and VNI come with each packet ({@code bpf_skb_set_tunnel_key}), MTU 1500: Cilium
 * lowers the MTU on routes ({@code mtu 1450}, less with encryption), not on the device;</li>
 * <li>the tunnel map ({@code cilium_tunnel_map}, the ipcache's tunnel endpoints): pod CIDR -> node
 * address; the VNI is the source's security identity ({@code __encap_with_nodeid4});</li>
 * <li>endpoints: a pod per {@code lxc*} veth whose tc ingress program ({@code cil_from_container},
 * bpf_lxc.c) answers every ARP request but for the pod's own address with the lxc's MAC
 * ({@code tail_handle_arp}), delivers to local endpoints, encapsulates toward remote pod CIDRs and
 * passes anything else to the stack;</li>
 * <li>{@code cil_from_overlay} on {@code cilium_vxlan}: decapsulated packets for a local endpoint
 * are delivered to it ({@code ipv4_local_delivery}: MACs rewritten, TTL decremented), others go to
 * the stack.</li>
 * </ul>
 * No policy is enforced (every identity is allowed). Identities: a local endpoint's own (given per
 * endpoint); the node's own addresses {@link #IDENTITY_HOST}, sent as {@link #IDENTITY_REMOTE_NODE}
 * ("a packet originating from the local host is considered as a packet from a remote node");
 * anything else {@link #IDENTITY_WORLD}.
 *
 * <pre>{@code
 * CiliumDatapath d = CiliumDatapath.install(node, "10.42.5.171", 8472);
 * d.tunnelMap("10.42.0.0/24", "192.168.1.10");
 * d.addEndpoint(pod, "lxc1234", "10.42.5.20", 12345, 1450);
 * }</pre>
 */
public final class CiliumDatapath {
    /** {@code reserved:host}. */
    public static final int IDENTITY_HOST = 1;
    /** {@code reserved:world}: sources outside the cluster. */
    public static final int IDENTITY_WORLD = 2;
    /** {@code reserved:remote-node}: what host traffic is labelled when it leaves through the tunnel. */
    public static final int IDENTITY_REMOTE_NODE = 6;
    /** The device names Cilium uses. */
    public static final String HOST = "cilium_host", NET = "cilium_net", VXLAN = "cilium_vxlan";

    /** A local endpoint: the pod's address, the host side of its veth, the pod side's MAC, its security identity. */
    public record Endpoint(int ip, VethDevice lxc, long podMac, int identity) {
    }

    private final Node node;
    private final int routerIp;
    private final BpfVeth host;
    private final VxlanDevice vxlan;
    private final PrefixMap tunnelMap = new HashPrefixMap();
    private final List<Integer> tunnelEndpoints = new ArrayList<>();
    private final List<Endpoint> endpoints = new ArrayList<>();

    private CiliumDatapath(Node node, int routerIp, BpfVeth host, VxlanDevice vxlan) {
        this.node = node;
        this.routerIp = routerIp;
        this.host = host;
        this.vxlan = vxlan;
    }

    /**
     * Creates {@code cilium_host} (with {@code routerIp/32}) and {@code cilium_net}, and
     * {@code cilium_vxlan} ({@code external dstport port}), attaches the programs, and sets what the
     * agent sets: {@code ip_forward=1}, {@code rp_filter=0} on its devices. Routes are the agent's
     * ({@link #agentRoutes}) or a dump's.
     */
    public static CiliumDatapath install(Node node, String routerIp, int port) {
        Simulation sim = node.simulation();
        BpfVeth host = node.addDevice(new BpfVeth(HOST, Network.macFor(node.name(), HOST), 1500));
        BpfVeth net = node.addDevice(new BpfVeth(NET, Network.macFor(node.name(), NET), 1500));
        PointToPointLink.connect(sim, "veth:" + HOST + "-" + NET, host, net, LinkConfig.INSTANT);
        VxlanDevice vx = Vxlan.of(node).addExternal(VXLAN, Network.macFor(node.name(), VXLAN),
                VxlanConfig.of(0).withPort(port).withLearning(false));
        vx.setMtu(1500);
        node.addAddress(HOST, routerIp + "/32");
        int router = Ipv4Address.parse(routerIp).bits();
        // both ends are NOARP; the routes' gateway is cilium_host's own address, so (scope host, no rt_gw4) the
        // neighbour is the destination itself, resolved to cilium_host's MAC
        host.setNoArp(true);
        net.setNoArp(true);
        node.sysctls().ipForward = true;
        for (String d : List.of(HOST, NET, VXLAN)) {
            node.sysctls().setRpFilter(d, 0);
        }
        CiliumDatapath dp = node.extension(CiliumDatapath.class, () -> new CiliumDatapath(node, router, host, vx));
        host.attachEgress(dp::fromHost);
        vx.setOwner(new Hook(node, dp::fromOverlay));
        return dp;
    }

    /** The node's datapath, or null when none was installed. */
    public static CiliumDatapath of(Node node) {
        return node.extension(CiliumDatapath.class, () -> null);
    }

    /** {@code cilium_tunnel_map} update: packets for {@code podCidr} go to the VTEP {@code nodeIp}. */
    public void tunnelMap(String podCidr, String nodeIp) {
        Ipv4Prefix p = Ipv4Prefix.parse(podCidr);
        tunnelEndpoints.add(Ipv4Address.parse(nodeIp).bits());
        tunnelMap.put(p.bits(), p.length(), tunnelEndpoints.size() - 1);
    }

    /**
     * A pod as Cilium's CNI plugin wires it: a veth {@code lxcName} (host) / {@code eth0} (pod),
     * both MTU 1500, the pod's {@code ip/32}, and its routes {@code ROUTER dev eth0 scope link} and
     * {@code default via ROUTER dev eth0 mtu routeMtu}; the host side gets {@code cil_from_container}.
     */
    public Endpoint addEndpoint(Node pod, String lxcName, String ip, int identity, int routeMtu) {
        VethDevice lxc = node.addDevice(new VethDevice(lxcName, Network.macFor(node.name(), lxcName), 1500));
        VethDevice eth0 = pod.addDevice(new VethDevice("eth0", Network.macFor(pod.name(), "eth0"), 1500));
        VethDevice.pair(node.simulation(), lxc, eth0);
        pod.addAddress("eth0", ip + "/32");
        IpAddress router = IpAddress.v4(new Ipv4Address(routerIp));
        pod.addRoute(Route.unicast(IpPrefix.v4(Ipv4Prefix.of(routerIp, 32)), NextHop.dev("eth0"))
                .withProtocolScopeSrc(null, RouteScope.LINK, null));
        pod.addRoute(withMtu(Route.unicast(IpPrefix.v4(Ipv4Prefix.DEFAULT), NextHop.via(router, "eth0")), routeMtu));
        node.sysctls().setRpFilter(lxcName, 0);
        Endpoint e = new Endpoint(Ipv4Address.parse(ip).bits(), lxc, eth0.mac(), identity);
        endpoints.add(e);
        lxc.setOwner(new Hook(node, (dev, frame) -> fromContainer(e, frame)));
        return e;
    }

    /**
     * The routes the agent installs in main ({@code pkg/datapath/linux/node.go}): each remote pod
     * CIDR {@code via ROUTER dev cilium_host proto kernel src ROUTER mtu routeMtu}, the local one
     * the same without {@code mtu}, and {@code ROUTER dev cilium_host proto kernel scope link}.
     */
    public static List<Route> agentRoutes(String routerIp, String localPodCidr, List<String> remotePodCidrs, int routeMtu) {
        IpAddress router = IpAddress.v4(Ipv4Address.parse(routerIp));
        RouteProtocol kernel = RouteProtocol.parse("kernel");
        List<Route> out = new ArrayList<>();
        out.add(Route.unicast(IpPrefix.v4(Ipv4Prefix.parse(routerIp + "/32")), NextHop.dev(HOST))
                .withProtocolScopeSrc(kernel, RouteScope.LINK, null));
        out.add(Route.unicast(IpPrefix.v4(Ipv4Prefix.parse(localPodCidr)), NextHop.via(router, HOST))
                .withProtocolScopeSrc(kernel, null, router));
        for (String r : remotePodCidrs) {
            out.add(withMtu(Route.unicast(IpPrefix.v4(Ipv4Prefix.parse(r)), NextHop.via(router, HOST))
                    .withProtocolScopeSrc(kernel, null, router), routeMtu));
        }
        return out;
    }

    private static Route withMtu(Route r, int mtu) {
        return new Route(r.type(), r.destination(), r.source(), r.table(), r.tos(), r.protocol(), r.scope(), r.metric(),
                r.prefsrc(), r.nexthops(), r.multipath(), r.nhid(), r.flags(),
                new RouteMetrics(Map.of("mtu", Integer.toString(mtu)), Set.of()), r.pref(), r.expires(), r.extras());
    }

    public VxlanDevice vxlan() {
        return vxlan;
    }

    public NetDevice host() {
        return host;
    }

    public List<Endpoint> endpoints() {
        return List.copyOf(endpoints);
    }

    // ---------------------------------------------------------------- the programs

    /** {@code cil_from_container} (bpf_lxc.c {@code handle_xgress}): a frame the pod sent. */
    private void fromContainer(Endpoint e, PacketBuffer frame) {
        byte[] b = frame.array();
        int eth = frame.start();
        if (frame.length() < EthernetHeader.LENGTH) {
            node.drop(frame, e.lxc(), DropReason.BAD_HEADER);
            return;
        }
        int type = EthernetHeader.etherType(b, eth);
        if (type == EtherType.ARP) {
            arpRespond(e, frame);
            return;
        }
        if (type != EtherType.IPV4 || frame.length() < EthernetHeader.LENGTH + Ipv4Header.MIN_LENGTH) {
            node.receive(e.lxc(), frame);
            return;
        }
        int ip = eth + EthernetHeader.LENGTH;
        int dst = Ipv4Header.destination(b, ip);
        Endpoint local = endpoint(dst);
        if (local != null) {
            localDelivery(local, frame);
            return;
        }
        int vtep = tunnelEndpoint(dst);
        if (vtep != 0) {
            // encap_and_redirect_lxc: no TTL decrement on this side, the receiver's local delivery does it
            encapsulate(frame, vtep, e.identity());
            return;
        }
        // CTX_ACT_OK: the stack routes it (the node itself, the world)
        node.receive(e.lxc(), frame);
    }

    /** {@code cil_from_host} on cilium_host's egress: what the stack routed into cilium_host. Returns true when taken. */
    private boolean fromHost(BpfVeth dev, PacketBuffer frame) {
        byte[] b = frame.array();
        int eth = frame.start();
        if (frame.length() < EthernetHeader.LENGTH + Ipv4Header.MIN_LENGTH || EthernetHeader.etherType(b, eth) != EtherType.IPV4) {
            return false;
        }
        int ip = eth + EthernetHeader.LENGTH;
        int dst = Ipv4Header.destination(b, ip);
        Endpoint local = endpoint(dst);
        if (local != null) {
            localDelivery(local, frame);
            return true;
        }
        int vtep = tunnelEndpoint(dst);
        if (vtep == 0) {
            return false;
        }
        int src = Ipv4Header.source(b, ip);
        Endpoint from = endpoint(src);
        int identity = from != null ? from.identity() : node.routes().fib().isLocalAddress(src) ? IDENTITY_HOST : IDENTITY_WORLD;
        // __encap_with_nodeid4: host traffic is labelled remote-node as the receiver will see it
        encapsulate(frame, vtep, identity == IDENTITY_HOST ? IDENTITY_REMOTE_NODE : identity);
        return true;
    }

    /** {@code cil_from_overlay} on cilium_vxlan: a decapsulated frame; its VNI is the sender's identity. */
    private void fromOverlay(NetDevice dev, PacketBuffer frame) {
        byte[] b = frame.array();
        int eth = frame.start();
        if (frame.length() >= EthernetHeader.LENGTH + Ipv4Header.MIN_LENGTH && EthernetHeader.etherType(b, eth) == EtherType.IPV4) {
            Endpoint local = endpoint(Ipv4Header.destination(b, eth + EthernetHeader.LENGTH));
            if (local != null) {
                localDelivery(local, frame);
                return;
            }
            // to the stack as PACKET_HOST (the program passes it up; the inner MACs are the sender's)
            EthernetHeader.setDestination(b, eth, dev.mac());
        }
        node.receive(dev, frame);
    }

    /** {@code ipv4_local_delivery}: {@code ipv4_l3} (TTL, MACs: router to pod), then redirect to the lxc. */
    private void localDelivery(Endpoint e, PacketBuffer frame) {
        byte[] b = frame.array();
        int eth = frame.start();
        int ip = eth + EthernetHeader.LENGTH;
        if (Ipv4Header.ttl(b, ip) <= 1) {
            node.drop(frame, e.lxc(), DropReason.TTL_EXCEEDED);
            return;
        }
        Ipv4Header.decrementTtl(b, ip);
        EthernetHeader.setDestination(b, eth, e.podMac());
        EthernetHeader.setSource(b, eth, e.lxc().mac());
        redirect(e.lxc(), frame);
    }

    /** {@code tail_handle_arp}: any target but the pod's own address is answered with the lxc's MAC. */
    private void arpRespond(Endpoint e, PacketBuffer frame) {
        byte[] b = frame.array();
        int a = frame.start() + EthernetHeader.LENGTH;
        if (frame.length() < EthernetHeader.LENGTH + ArpPacket.LENGTH || ArpPacket.operation(b, a) != ArpPacket.OP_REQUEST
                || ArpPacket.targetIp(b, a) == e.ip()) {
            node.receive(e.lxc(), frame);
            return;
        }
        long sha = ArpPacket.senderMac(b, a);
        int sip = ArpPacket.senderIp(b, a);
        int tip = ArpPacket.targetIp(b, a);
        PacketBuffer reply = PacketBuffer.allocate(EthernetHeader.LENGTH + ArpPacket.LENGTH);
        int o = reply.put(EthernetHeader.LENGTH + ArpPacket.LENGTH);
        EthernetHeader.write(reply.array(), o, sha, e.lxc().mac(), EtherType.ARP);
        ArpPacket.write(reply.array(), o + EthernetHeader.LENGTH, ArpPacket.OP_REPLY, e.lxc().mac(), tip, sha, sip);
        node.created(reply, "arp reply (cilium bpf)");
        PacketObserver obs = node.observer();
        if (obs.enabled()) {
            obs.replied(node, frame, reply);
        }
        node.deliver(frame, "arp (cilium bpf)");
        redirect(e.lxc(), reply);
    }

    /** {@code __encap_and_redirect_with_nodeid}: the tunnel key set, redirected to cilium_vxlan. */
    private void encapsulate(PacketBuffer frame, int vtep, int identity) {
        PacketObserver obs = node.observer();
        if (obs.enabled()) {
            obs.sent(node, vxlan, frame);
        }
        vxlan.transmitWithKey(frame, vtep, identity);
    }

    /** {@code ctx_redirect}: straight out of {@code dev}, no stack. */
    private void redirect(NetDevice dev, PacketBuffer frame) {
        PacketObserver obs = node.observer();
        if (obs.enabled()) {
            obs.sent(node, dev, frame);
        }
        dev.transmit(frame);
    }

    private Endpoint endpoint(int ip) {
        for (int i = 0; i < endpoints.size(); i++) {
            if (endpoints.get(i).ip() == ip) {
                return endpoints.get(i);
            }
        }
        return null;
    }

    /** The VTEP for {@code dst} from the tunnel map, 0 when none. */
    private int tunnelEndpoint(int dst) {
        int i = tunnelMap.lookup(dst);
        return i == PrefixMap.NONE ? 0 : tunnelEndpoints.get(i);
    }

    /** A tc ingress program standing in front of the node for one device ({@code netdev_rx_handler}'s place). */
    private record Hook(Node node, Ingress program) implements DeviceOwner {
        @Override
        public Simulation simulation() {
            return node.simulation();
        }

        @Override
        public void receive(NetDevice dev, PacketBuffer frame) {
            program.run(dev, frame);
        }

        @Override
        public void dropped(NetDevice dev, PacketBuffer frame, DropReason reason) {
            node.dropped(dev, frame, reason);
        }

        @Override
        public void created(PacketBuffer p, String what) {
            node.created(p, what);
        }

        @Override
        public void consume(PacketBuffer p) {
            node.consume(p);
        }
    }

    private interface Ingress {
        void run(NetDevice dev, PacketBuffer frame);
    }
}
