package io.overlaysim.topology;

import io.overlaysim.device.EthernetDevice;
import io.overlaysim.device.LinkConfig;
import io.overlaysim.device.NetDevice;
import io.overlaysim.device.VethDevice;
import io.overlaysim.engine.Simulation;
import io.overlaysim.net.Ipv4Address;
import io.overlaysim.net.Ipv4Prefix;
import io.overlaysim.net.MacAddress;
import io.overlaysim.node.Network;
import io.overlaysim.node.Node;
import io.overlaysim.routing.IpAddress;
import io.overlaysim.routing.IpPrefix;
import io.overlaysim.routing.NextHop;
import io.overlaysim.routing.Route;
import io.overlaysim.routing.RouteChange;
import io.overlaysim.routing.RouteFlag;
import io.overlaysim.routing.RouteProtocol;
import io.overlaysim.routing.RouteScope;
import io.overlaysim.routing.RouteType;
import io.overlaysim.traffic.Ping;
import io.overlaysim.traffic.PingOptions;
import io.overlaysim.tunnel.Ipip;
import io.overlaysim.tunnel.Vxlan;
import io.overlaysim.tunnel.VxlanConfig;
import io.overlaysim.tunnel.VxlanDevice;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A Kubernetes overlay cluster of hosts on one LAN, their pods on veths, and the tunnel the
 * CNI programs, with the kernel state BIRD/Felix or flanneld would install written as static
 * routes, neighbours and FDB entries (no BGP speaker runs). The presets are the clusters of
 * the test dumps ({@code src/test/resources/clusters/}): same names, addresses, MACs, devices.
 *
 * <pre>
 *   pod-132 ─ cali… ┐                               ┌ cali… ─ pod-65
 *   pod-134 ─ cali… ┤ worker01 ─┐   lan   ┌─ worker02 ┘
 *   pod-135 ─ cali… ┘           ├─ switch ┤
 *                   worker03 ───┘ 192.168.0.0/24
 * </pre>
 *
 * <pre>{@code
 * OverlayCluster c = OverlayCluster.calicoIpip(sim).build();
 * c.ping("pod-132", "172.16.103.65", PingOptions.count(1));
 * sim.runUntilIdle();
 * }</pre>
 */
public final class OverlayCluster {
    /** The CNI and its encapsulation. */
    public enum Kind {
        /** Calico with {@code tunl0} (IPIP), routes {@code via NODE dev tunl0 proto bird onlink}. */
        CALICO_IPIP,
        /** Calico with {@code vxlan.calico} (VNI 4096, port 4789), routes {@code via TUNADDR dev vxlan.calico proto 80 onlink}. */
        CALICO_VXLAN,
        /** Flannel's VXLAN backend: {@code flannel.1} (VNI 1, port 8472), routes {@code via 10.244.M.0 dev flannel.1 onlink}. */
        FLANNEL_VXLAN
    }

    /** One host: its NIC and address, its pod block, the tunnel's address and MAC, its pods (name -> address). */
    public record Host(String name, String nic, String address, String nicMac, String block, String tunnelAddress,
            String tunnelMac, Map<String, String> pods) {
    }

    private final Kind kind;
    private final Network network;
    private final List<Host> hosts;
    private final Map<String, String> podAddresses = new LinkedHashMap<>();
    private final Map<String, String> podHostDevices = new LinkedHashMap<>();

    private OverlayCluster(Kind kind, Network network, List<Host> hosts) {
        this.kind = kind;
        this.network = network;
        this.hosts = hosts;
    }

    /** DESIGN.md's seed cluster: Calico IPIP on worker01..03 (192.168.0.176, .146, .241). */
    public static Builder calicoIpip(Simulation sim) {
        return new Builder(sim, Kind.CALICO_IPIP, calicoHosts("enp1s0", null, null, null,
                Map.of("pod-132", "172.16.52.132", "pod-134", "172.16.52.134", "pod-135", "172.16.52.135"),
                Map.of("pod-65", "172.16.103.65"), Map.of("pod-193", "172.16.246.193")));
    }

    /** The dumps' Calico VXLAN cluster ({@code vxlan.calico}, VNI 4096, nolearning, MTU 1450). */
    public static Builder calicoVxlan(Simulation sim) {
        return new Builder(sim, Kind.CALICO_VXLAN, calicoHosts("enp1s0", "66:e7:4b:1a:52:80", "66:58:0d:2c:67:40",
                "66:31:f2:9e:f6:c0", Map.of("pod-a", "172.16.52.132", "pod-b", "172.16.52.134"),
                Map.of("pod-c", "172.16.103.65"), Map.of("pod-d", "172.16.246.193")));
    }

    /** The dumps' Flannel VXLAN cluster ({@code flannel.1}, VNI 1, port 8472, nolearning, MTU 1450). */
    public static Builder flannelVxlan(Simulation sim) {
        return new Builder(sim, Kind.FLANNEL_VXLAN, List.of(
                new Host("worker01", "eth0", "192.168.0.101", "52:54:00:3c:00:65", "10.244.0.0/24", "10.244.0.0",
                        "9e:1c:3a:00:00:65", ordered("pod-a", "10.244.0.2", "pod-b", "10.244.0.3")),
                new Host("worker02", "eth0", "192.168.0.102", "52:54:00:3c:00:66", "10.244.1.0/24", "10.244.1.0",
                        "9e:1c:3a:00:01:66", ordered("pod-c", "10.244.1.2")),
                new Host("worker03", "eth0", "192.168.0.103", "52:54:00:3c:00:67", "10.244.2.0/24", "10.244.2.0",
                        "9e:1c:3a:00:02:67", ordered("pod-d", "10.244.2.2"))));
    }

    private static List<Host> calicoHosts(String nic, String mac1, String mac2, String mac3, Map<String, String> pods1,
            Map<String, String> pods2, Map<String, String> pods3) {
        return List.of(
                new Host("worker01", nic, "192.168.0.176", "52:54:00:6a:0b:b0", "172.16.52.128/26", "172.16.52.128", mac1,
                        sorted(pods1)),
                new Host("worker02", nic, "192.168.0.146", "52:54:00:6a:0b:92", "172.16.103.64/26", "172.16.103.64", mac2,
                        sorted(pods2)),
                new Host("worker03", nic, "192.168.0.241", "52:54:00:6a:0b:f1", "172.16.246.192/26", "172.16.246.192", mac3,
                        sorted(pods3)));
    }

    private static Map<String, String> sorted(Map<String, String> m) {
        Map<String, String> out = new LinkedHashMap<>();
        m.keySet().stream().sorted().forEach(k -> out.put(k, m.get(k)));
        return out;
    }

    private static Map<String, String> ordered(String... kv) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            out.put(kv[i], kv[i + 1]);
        }
        return out;
    }

    /** Collects the options, then builds hosts, pods, the LAN and the CNI's kernel state. */
    public static final class Builder {
        private final Simulation sim;
        private final Kind kind;
        private final List<Host> hosts;
        private int podMtu;
        private LinkConfig lanLink = LinkConfig.GIGABIT;

        private Builder(Simulation sim, Kind kind, List<Host> hosts) {
            this.sim = sim;
            this.kind = kind;
            this.hosts = hosts;
        }

        /** The MTU of pods' interfaces (default: the tunnel's, as Calico and Flannel set it). */
        public Builder podMtu(int mtu) {
            this.podMtu = mtu;
            return this;
        }

        /** The cables between the hosts' NICs and the LAN switch. */
        public Builder lanLink(LinkConfig config) {
            this.lanLink = config;
            return this;
        }

        public OverlayCluster build() {
            Network net = new Network(sim);
            OverlayCluster c = new OverlayCluster(kind, net, hosts);
            LanSwitch lan = new LanSwitch(sim, net.addNode("lan"));
            for (Host h : hosts) {
                Node n = net.addNode(h.name());
                n.sysctls().ipForward = true;
                EthernetDevice nic = n.addDevice(new EthernetDevice(h.nic(), mac(h.nicMac()), 1500));
                n.addAddress(h.nic(), h.address() + "/24");
                // `default via 192.168.0.1 dev NIC proto static`, as in the dumps (the gateway itself is not modelled);
                // proxy ARP for Calico's 169.254.1.1 needs a route to it
                add(n, Route.unicast(IpPrefix.v4(Ipv4Prefix.DEFAULT), NextHop.via(addr("192.168.0.1"), h.nic()))
                        .withProtocolScopeSrc(RouteProtocol.STATIC, null, null));
                lan.plug(h.name(), nic, lanLink);
            }
            for (Host h : hosts) {
                c.programTunnel(net.node(h.name()), h);
            }
            for (Host h : hosts) {
                c.programPods(sim, net.node(h.name()), h, podMtu);
            }
            return c;
        }
    }

    static long mac(String s) {
        return MacAddress.parse(s).bits();
    }

    static int ip(String s) {
        return Ipv4Address.parse(s).bits();
    }

    private static IpAddress addr(String s) {
        return IpAddress.v4(Ipv4Address.parse(s));
    }

    private static void add(Node n, Route r) {
        RouteChange c = n.addRoute(r);
        if (!(c instanceof RouteChange.Added)) {
            throw new IllegalStateException("route refused on " + n.name() + ": " + r + ": " + c);
        }
    }

    /** The tunnel device, its address, and per remote host the route (and for VXLAN the neighbour and FDB entry). */
    private void programTunnel(Node n, Host h) {
        RouteProtocol proto = RouteProtocol.parse(kind == Kind.CALICO_IPIP ? "bird" : kind == Kind.CALICO_VXLAN ? "80" : "boot");
        String dev;
        switch (kind) {
            case CALICO_IPIP -> {
                dev = "tunl0";
                Ipip.of(n).fallback().setAdminUp(true);
            }
            case CALICO_VXLAN -> {
                dev = "vxlan.calico";
                Vxlan.of(n).add(dev, mac(h.tunnelMac()), VxlanConfig.of(4096).withPort(4789).withLocal(h.address())
                        .withLower(h.nic()).withLearning(false));
            }
            default -> {
                dev = "flannel.1";
                Vxlan.of(n).add(dev, mac(h.tunnelMac()), VxlanConfig.of(1).withPort(8472).withLocal(h.address())
                        .withLower(h.nic()).withLearning(false));
            }
        }
        n.addAddress(dev, h.tunnelAddress() + "/32");
        if (kind != Kind.FLANNEL_VXLAN) {
            // Calico: the own block is a blackhole, the pods' /32s are more specific
            add(n, Route.reject(RouteType.BLACKHOLE, IpPrefix.v4(Ipv4Prefix.parse(h.block()))).withProtocolScopeSrc(proto, null, null));
        }
        for (Host r : hosts) {
            if (r == h) {
                continue;
            }
            String gw = kind == Kind.CALICO_IPIP ? r.address() : r.tunnelAddress();
            NextHop hop = NextHop.via(addr(gw), dev).withFlags(Set.of(RouteFlag.ONLINK));
            add(n, Route.unicast(IpPrefix.v4(Ipv4Prefix.parse(r.block())), hop)
                    .withProtocolScopeSrc(kind == Kind.FLANNEL_VXLAN ? null : proto, null, null));
            if (kind != Kind.CALICO_IPIP) {
                VxlanDevice v = (VxlanDevice) n.device(dev);
                n.neighbours().addPermanent(v, ip(r.tunnelAddress()), mac(r.tunnelMac()));
                v.fdb().replace(mac(r.tunnelMac()), ip(r.address()), null);
            }
        }
    }

    /**
     * The pods: a veth each, as Calico's CNI plugin makes it (host side {@code ee:ee:ee:ee:ee:ee},
     * proxy ARP, a /32 scope link route; pod side a /32 and {@code default via 169.254.1.1}), or
     * for Flannel in place of the {@code cni0} bridge (not yet in the device package): the first
     * pod's host-side veth holds {@code 10.244.N.1/24} as {@code cni0} would, later pods get /32
     * routes, and the host sides answer ARP by proxy so pods of one node reach each other.
     */
    private void programPods(Simulation sim, Node n, Host h, int podMtu) {
        int mtu = podMtu != 0 ? podMtu : kind == Kind.CALICO_IPIP ? 1480 : 1450;
        int i = 0;
        for (var e : h.pods().entrySet()) {
            String pod = e.getKey();
            String a = e.getValue();
            Node p = network.addNode(pod);
            String hostDev = (kind == Kind.FLANNEL_VXLAN ? "veth" : "cali") + String.format("%08x", (h.name() + pod).hashCode());
            long hostMac = kind == Kind.FLANNEL_VXLAN ? Network.macFor(h.name(), hostDev) : mac("ee:ee:ee:ee:ee:ee");
            VethDevice hv = n.addDevice(new VethDevice(hostDev, hostMac, mtu));
            VethDevice pv = p.addDevice(new VethDevice("eth0", Network.macFor(pod, "eth0"), mtu));
            VethDevice.pair(sim, hv, pv);
            n.sysctls().setProxyArp(hostDev, true);
            podAddresses.put(pod, a);
            podHostDevices.put(pod, hostDev);
            if (kind == Kind.FLANNEL_VXLAN) {
                String gw = Ipv4Address.format(Ipv4Prefix.parse(h.block()).address().bits() + 1);
                p.addAddress("eth0", a + "/24");
                add(p, Route.unicast(IpPrefix.v4(Ipv4Prefix.parse("0.0.0.0/0")), NextHop.via(addr(gw), "eth0")));
                if (i == 0) {
                    n.addAddress(hostDev, gw + "/24");
                } else {
                    add(n, Route.unicast(IpPrefix.v4(Ipv4Prefix.parse(a + "/32")), NextHop.dev(hostDev))
                            .withProtocolScopeSrc(null, RouteScope.LINK, null));
                }
            } else {
                p.addAddress("eth0", a + "/32");
                add(p, Route.unicast(IpPrefix.v4(Ipv4Prefix.parse("169.254.1.1/32")), NextHop.dev("eth0"))
                        .withProtocolScopeSrc(null, RouteScope.LINK, null));
                add(p, Route.unicast(IpPrefix.v4(Ipv4Prefix.parse("0.0.0.0/0")), NextHop.via(addr("169.254.1.1"), "eth0")));
                add(n, Route.unicast(IpPrefix.v4(Ipv4Prefix.parse(a + "/32")), NextHop.dev(hostDev))
                        .withProtocolScopeSrc(null, RouteScope.LINK, null));
                // Calico sets proxy_delay 0 on cali* so the pod's first ARP is answered at once
                n.sysctls().setProxyDelay(hostDev, 0);
            }
            i++;
        }
    }

    public Kind kind() {
        return kind;
    }

    public Network network() {
        return network;
    }

    public List<Host> hosts() {
        return hosts;
    }

    /** A host or pod by name ({@code worker01}, {@code pod-132}, {@code lan}). */
    public Node node(String name) {
        return network.node(name);
    }

    /** A pod's address. */
    public String podAddress(String pod) {
        String a = podAddresses.get(pod);
        if (a == null) {
            throw new IllegalArgumentException("no pod " + pod + " (pods: " + podAddresses.keySet() + ")");
        }
        return a;
    }

    /** The host-side veth of a pod ({@code cali…} or {@code veth…}). */
    public NetDevice hostDevice(String pod) {
        for (Host h : hosts) {
            if (h.pods().containsKey(pod)) {
                return node(h.name()).device(podHostDevices.get(pod));
            }
        }
        throw new IllegalArgumentException("no pod " + pod);
    }

    /** The tunnel device of a host ({@code tunl0}, {@code vxlan.calico}, {@code flannel.1}). */
    public NetDevice tunnel(String host) {
        return node(host).device(switch (kind) {
            case CALICO_IPIP -> "tunl0";
            case CALICO_VXLAN -> "vxlan.calico";
            case FLANNEL_VXLAN -> "flannel.1";
        });
    }

    /** {@code ping} from a pod or host to an address. */
    public Ping ping(String from, String to, PingOptions opts) {
        return Ping.start(node(from), ip(to), opts);
    }

    /** All pod names, host by host. */
    public List<String> pods() {
        return new ArrayList<>(podAddresses.keySet());
    }
}
