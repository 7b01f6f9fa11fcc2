package io.overlaysim.mtu;

import io.overlaysim.device.EthernetDevice;
import io.overlaysim.device.LinkConfig;
import io.overlaysim.device.PointToPointLink;
import io.overlaysim.device.VethDevice;
import io.overlaysim.engine.Simulation;
import io.overlaysim.net.Ipv4Address;
import io.overlaysim.net.Ipv4Prefix;
import io.overlaysim.node.Network;
import io.overlaysim.node.Node;
import io.overlaysim.report.mtu.Encapsulation;
import io.overlaysim.routing.IpAddress;
import io.overlaysim.routing.IpPrefix;
import io.overlaysim.routing.NextHop;
import io.overlaysim.routing.Route;
import io.overlaysim.routing.RouteChange;
import io.overlaysim.routing.RouteProtocol;
import io.overlaysim.routing.RouteScope;
import io.overlaysim.routing.RouteFlag;
import io.overlaysim.transport.UdpStack;
import io.overlaysim.tunnel.Ipip;
import io.overlaysim.tunnel.IpipDevice;
import io.overlaysim.tunnel.Vxlan;
import io.overlaysim.tunnel.VxlanConfig;
import io.overlaysim.tunnel.VxlanDevice;
import java.util.Set;

/**
 * The cluster every sweep cell runs on: two Calico-style nodes, a pod on each, the nodes'
 * NICs cabled together (the underlay).
 *
 * <pre>
 *  pod-a 172.16.52.132 ─ cali-a ┐ worker01 enp1s0 ──── enp1s0 worker02 ┌ cali-c ─ pod-c 172.16.103.65
 *                               192.168.0.176/24           192.168.0.146/24
 * </pre>
 *
 * Pods as Calico's CNI plugin makes them: a /32 on {@code eth0}, {@code default via 169.254.1.1},
 * the host side answering ARP by proxy with {@code proxy_delay} 0, a {@code /32 dev cali-X scope
 * link} route on the host. The remote block is routed as Calico routes it for the encapsulation:
 * {@code none} (BGP without overlay) {@code via 192.168.0.146 dev enp1s0 proto bird}; {@code ipip}
 * {@code via 192.168.0.146 dev tunl0 proto bird onlink}; {@code vxlan} {@code via 172.16.103.64 dev
 * vxlan.calico proto 80 onlink} with Felix's permanent neighbour and FDB entries. Tunnel MTUs are
 * Calico's: the underlay's less 20 or 50.
 */
public final class TwoNodeCluster {
    /** The sending pod. */
    public static final String POD_A = "pod-a";
    /** The receiving pod. */
    public static final String POD_C = "pod-c";
    /** The sending pod's host. */
    public static final String HOST_A = "worker01";
    /** The receiving pod's host. */
    public static final String HOST_B = "worker02";
    /** The NIC of both hosts. */
    public static final String NIC = "enp1s0";
    /** The UDP port the receiving pod listens on. */
    public static final int UDP_PORT = 9;

    /** Calico's VXLAN device. */
    public static final String VXLAN = "vxlan.calico";
    private static final long MAC_A = 0x66e74b1a5280L;
    private static final long MAC_B = 0x66580d2c6740L;

    static final String POD_A_ADDRESS = "172.16.52.132";
    static final String POD_C_ADDRESS = "172.16.103.65";

    private final Network network;

    private TwoNodeCluster(Network network) {
        this.network = network;
    }

    /** Builds the cluster for a cell on a new network of {@code sim}. */
    public static TwoNodeCluster build(Simulation sim, SweepCell cell, long linkRateBps) {
        Network net = new Network(sim);
        Node a = host(net, HOST_A, "192.168.0.176", cell.underlayMtu());
        Node b = host(net, HOST_B, "192.168.0.146", cell.underlayMtu());
        PointToPointLink.connect(sim, "underlay", (EthernetDevice) a.device(NIC), (EthernetDevice) b.device(NIC),
                new LinkConfig(linkRateBps, 1_000, 1000, 0));
        pod(sim, net, a, POD_A, "cali-a", POD_A_ADDRESS, cell.podMtu());
        pod(sim, net, b, POD_C, "cali-c", POD_C_ADDRESS, cell.podMtu());
        switch (cell.encapsulation()) {
            case NONE -> {
                route(a, "172.16.103.64/26", "192.168.0.146", NIC, "bird", false);
                route(b, "172.16.52.128/26", "192.168.0.176", NIC, "bird", false);
            }
            case IPIP -> {
                tunl0(a, "172.16.52.128", cell.underlayMtu());
                tunl0(b, "172.16.103.64", cell.underlayMtu());
                route(a, "172.16.103.64/26", "192.168.0.146", "tunl0", "bird", true);
                route(b, "172.16.52.128/26", "192.168.0.176", "tunl0", "bird", true);
            }
            case VXLAN -> {
                vxlan(a, "192.168.0.176", "172.16.52.128", MAC_A, cell.underlayMtu());
                vxlan(b, "192.168.0.146", "172.16.103.64", MAC_B, cell.underlayMtu());
                vxlanPeer(a, "172.16.103.64/26", "172.16.103.64", MAC_B, "192.168.0.146");
                vxlanPeer(b, "172.16.52.128/26", "172.16.52.128", MAC_A, "192.168.0.176");
            }
        }
        a.sysctls().dropIcmpErrors = cell.dropIcmpErrors();
        b.sysctls().dropIcmpErrors = cell.dropIcmpErrors();
        return new TwoNodeCluster(net);
    }

    private static Node host(Network net, String name, String address, int mtu) {
        Node n = net.addNode(name);
        n.sysctls().ipForward = true;
        n.addDevice(new EthernetDevice(NIC, Network.macFor(name, NIC), mtu));
        n.addAddress(NIC, address + "/24");
        // `default via 192.168.0.1 dev enp1s0 proto static`, as in the dumps: proxy ARP answers for
        // 169.254.1.1 only when the host has a route to it through another device (arp_process ->
        // arp_fwd_proxy); the gateway itself is not modelled
        add(n, Route.unicast(IpPrefix.v4(Ipv4Prefix.DEFAULT), NextHop.via(IpAddress.v4(Ipv4Address.parse("192.168.0.1")), NIC))
                .withProtocolScopeSrc(RouteProtocol.parse("static"), null, null));
        return n;
    }

    private static void pod(Simulation sim, Network net, Node host, String name, String hostDev, String address, int mtu) {
        Node p = net.addNode(name);
        UdpStack.of(p);
        VethDevice hv = host.addDevice(new VethDevice(hostDev, 0xeeeeeeeeeeeeL, mtu));
        VethDevice pv = p.addDevice(new VethDevice("eth0", Network.macFor(name, "eth0"), mtu));
        VethDevice.pair(sim, hv, pv);
        host.sysctls().setProxyArp(hostDev, true);
        // Calico sets proxy_delay 0 on cali* so the pod's first ARP is answered at once
        host.sysctls().setProxyDelay(hostDev, 0);
        p.addAddress("eth0", address + "/32");
        add(p, Route.unicast(IpPrefix.v4(Ipv4Prefix.parse("169.254.1.1/32")), NextHop.dev("eth0"))
                .withProtocolScopeSrc(null, RouteScope.LINK, null));
        add(p, Route.unicast(IpPrefix.v4(Ipv4Prefix.DEFAULT), NextHop.via(IpAddress.v4(Ipv4Address.parse("169.254.1.1")), "eth0")));
        add(host, Route.unicast(IpPrefix.v4(Ipv4Prefix.parse(address + "/32")), NextHop.dev(hostDev))
                .withProtocolScopeSrc(null, RouteScope.LINK, null));
    }

    private static void route(Node n, String block, String via, String dev, String proto, boolean onlink) {
        NextHop hop = NextHop.via(IpAddress.v4(Ipv4Address.parse(via)), dev);
        add(n, Route.unicast(IpPrefix.v4(Ipv4Prefix.parse(block)), onlink ? hop.withFlags(Set.of(RouteFlag.ONLINK)) : hop)
                .withProtocolScopeSrc(RouteProtocol.parse(proto), null, null));
    }

    /** Calico's IPIP: the {@code tunl0} fallback device up with MTU underlay - 20 and the block's first address. */
    private static void tunl0(Node n, String tunnelAddress, int underlayMtu) {
        IpipDevice t = Ipip.of(n).fallback();
        t.setMtu(underlayMtu - Encapsulation.IPIP.overhead());
        t.setAdminUp(true);
        n.addAddress("tunl0", tunnelAddress + "/32");
    }

    /** Calico's VXLAN: {@code vxlan.calico} (VNI 4096, port 4789, nolearning) with MTU underlay - 50. */
    private static void vxlan(Node n, String local, String tunnelAddress, long mac, int underlayMtu) {
        VxlanDevice v = Vxlan.of(n).add(VXLAN, mac, VxlanConfig.of(4096).withPort(4789).withLocal(local)
                .withLower(NIC).withLearning(false));
        v.setMtu(underlayMtu - Encapsulation.VXLAN.overhead());
        n.addAddress(VXLAN, tunnelAddress + "/32");
    }

    /** What Felix programs per remote node: the route via its tunnel address (onlink), its ARP entry, its FDB entry. */
    private static void vxlanPeer(Node n, String block, String tunnelAddress, long mac, String vtep) {
        route(n, block, tunnelAddress, VXLAN, "80", true);
        VxlanDevice v = (VxlanDevice) n.device(VXLAN);
        n.neighbours().addPermanent(v, Ipv4Address.parse(tunnelAddress).bits(), mac);
        v.fdb().replace(mac, Ipv4Address.parse(vtep).bits(), null);
    }

    private static void add(Node n, Route r) {
        RouteChange c = n.addRoute(r);
        if (!(c instanceof RouteChange.Added)) {
            throw new IllegalStateException("route refused on " + n.name() + ": " + r + ": " + c);
        }
    }

    public Network network() {
        return network;
    }

    public Node node(String name) {
        return network.node(name);
    }

    /** The receiving pod's address bits. */
    public int destination() {
        return Ipv4Address.parse(POD_C_ADDRESS).bits();
    }
}
