package io.overlaysim.scenario.run;

import io.overlaysim.bgp.BgpSpeaker;
import io.overlaysim.bgp.BgpTimers;
import io.overlaysim.bgp.CalicoBgp;
import io.overlaysim.bgp.CalicoKernelRoutes.Encapsulation;
import io.overlaysim.bgp.KernelExport;
import io.overlaysim.bgp.TcpBgpTransport;
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
import io.overlaysim.routing.RouteFlag;
import io.overlaysim.routing.RouteProtocol;
import io.overlaysim.routing.RouteScope;
import io.overlaysim.routing.RouteType;
import io.overlaysim.scenario.BgpSpec;
import io.overlaysim.scenario.PresetNames;
import io.overlaysim.scenario.PresetSpec;
import io.overlaysim.scenario.PresetSpec.CalicoMode;
import io.overlaysim.device.VethDevice;
import io.overlaysim.tunnel.Ipip;
import io.overlaysim.tunnel.Vxlan;
import io.overlaysim.tunnel.VxlanConfig;
import io.overlaysim.tunnel.VxlanDevice;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code calico} preset as simulated nodes: per node a NIC on its subnet's switch
 * ({@link ClusterUnderlay}), the tunnel device of the mode ({@code tunl0}, or {@code vxlan.calico}
 * with VNI 4096 on port 4789), an IPAM block with the tunnel's address at its start, pods behind
 * {@code cali*} veths as Calico's CNI plugin wires them, and the routes of the cluster programmed
 * by whoever programs them in Calico:
 * <ul>
 *   <li>BIRD (ipip, crossSubnet, none): a BGP speaker per node over the node's own TCP, full mesh
 *       or route reflectors ({@link CalicoBgp}), each with BIRD's kernel protocol
 *       ({@link KernelExport}) installing {@code blackhole BLOCK proto bird} and the peers' blocks
 *       once calico-node's graceful-restart wait ends;</li>
 *   <li>Felix (vxlan; or {@code felixProgramsRoutes}, or no BGP at all): {@link FelixRoutes} from
 *       the IPAM, {@code proto 80}, with the VXLAN neighbour and FDB entries. BIRD still peers when
 *       BGP is on, but exports nothing to the kernel.</li>
 * </ul>
 */
final class CalicoPreset {
    /** Calico's VXLAN device, VNI and port (Felix's defaults: {@code vxlanVNI 4096}, {@code vxlanPort 4789}). */
    static final String VXLAN_DEVICE = "vxlan.calico";
    static final int VXLAN_VNI = 4096;
    static final int VXLAN_PORT = 4789;
    /** The gateway every Calico pod routes to, answered by proxy ARP on the host side of its veth. */
    private static final Ipv4Address POD_GATEWAY = Ipv4Address.parse("169.254.1.1");
    /** The MAC of every {@code cali*} host-side veth (the CNI plugin sets it so). */
    private static final long CALI_MAC = MacAddress.parse("ee:ee:ee:ee:ee:ee").bits();
    /** The cluster id of the reflectors ({@code routeReflectorClusterID}, as Calico's docs set it). */
    private static final Ipv4Address CLUSTER_ID = Ipv4Address.parse("244.0.0.1");

    /** One node as built: where it is, its block and tunnel address. */
    record Member(Node node, String nic, int subnet, int address, Ipv4Prefix block, int tunnelAddress, long tunnelMac) {
    }

    private CalicoPreset() {
    }

    static List<Member> build(PresetSpec.Calico c, BgpSpec.Timers scenarioTimers, BuiltNetwork built, Simulation sim) {
        Set<Integer> reserved = new HashSet<>();
        c.nodes().forEach(n -> n.address().ifPresent(a -> reserved.add(a.bits())));
        ClusterUnderlay lan = ClusterUnderlay.build(built, sim, c.subnets(), c.underlay(), c.nicMtu(), reserved);
        List<Ipv4Prefix> blocks = Ipam.blocks(c.nodes(), c.podCidr(), c.blockSize());
        int overhead = switch (c.mode()) {
            case IPIP, CROSS_SUBNET -> 20;
            case VXLAN -> 50;
            case NONE -> 0;
        };
        int tunnelMtu = c.tunnelMtu().orElse(c.nicMtu() - overhead);
        int podMtu = c.podMtu().orElse(tunnelMtu);
        Network net = built.network();
        List<Member> members = new ArrayList<>();
        for (int i = 0; i < c.nodes().size(); i++) {
            PresetSpec.ClusterNode spec = c.nodes().get(i);
            int subnet = spec.subnet().orElse(i % c.subnets().size());
            int address = spec.address().map(Ipv4Address::bits).orElseGet(() -> lan.allocate(subnet));
            Node n = net.addNode(spec.name());
            n.sysctls().ipForward = true;
            lan.attach(n, c.nic(), subnet, address, c.nicMtu());
            Ipv4Prefix block = blocks.get(i);
            long tunnelMac = Network.macFor(spec.name(), VXLAN_DEVICE);
            members.add(new Member(n, c.nic(), subnet, address, block, block.bits(), tunnelMac));
        }
        for (Member m : members) {
            tunnel(c, m, tunnelMtu);
        }
        for (int i = 0; i < members.size(); i++) {
            pods(sim, net, members.get(i), c.nodes().get(i), podMtu);
        }
        boolean felix = c.mode() == CalicoMode.VXLAN || c.felixProgramsRoutes() || c.bgp() == PresetSpec.BgpTopology.NONE;
        if (c.bgp() != PresetSpec.BgpTopology.NONE) {
            bird(c, scenarioTimers, members, built, sim, !felix);
        }
        if (felix) {
            FelixRoutes.program(c.mode(), members);
        }
        return members;
    }

    /** {@code tunl0} up with the block's first address, or {@code vxlan.calico} as Felix makes it. */
    private static void tunnel(PresetSpec.Calico c, Member m, int mtu) {
        Node n = m.node();
        String dev = switch (c.mode()) {
            case IPIP, CROSS_SUBNET -> {
                var tunl0 = Ipip.of(n).fallback();
                tunl0.setAdminUp(true);
                tunl0.setMtu(mtu);
                yield tunl0.name();
            }
            case VXLAN -> {
                // Felix: `ip link add vxlan.calico type vxlan id 4096 local NODE dev NIC dstport 4789 nolearning`
                VxlanDevice v = Vxlan.of(n).add(VXLAN_DEVICE, m.tunnelMac(), VxlanConfig.of(VXLAN_VNI)
                        .withPort(VXLAN_PORT).withLocal(Ipv4Address.format(m.address())).withLower(m.nic())
                        .withLearning(false));
                v.setMtu(mtu);
                yield v.name();
            }
            case NONE -> null;
        };
        if (dev != null) {
            n.addAddress(dev, Ipv4Address.format(m.tunnelAddress()) + "/32");
        }
    }

    /**
     * The pods, as Calico's CNI plugin wires them: a veth whose host side {@code caliX} has the MAC
     * {@code ee:ee:ee:ee:ee:ee}, proxy ARP (with {@code proxy_delay 0}) and a {@code /32 dev caliX
     * scope link} route; the pod side a /32, {@code 169.254.1.1 dev eth0 scope link} and
     * {@code default via 169.254.1.1 dev eth0}.
     */
    private static void pods(Simulation sim, Network net, Member m, PresetSpec.ClusterNode spec, int mtu) {
        List<Integer> addresses = Ipam.pods(spec, m.block(), 1);
        Node n = m.node();
        for (int k = 0; k < addresses.size(); k++) {
            String name = PresetNames.podName(n.name(), k);
            String cali = PresetNames.calicoVeth(name);
            Node pod = net.addNode(name);
            VethDevice host = n.addDevice(new VethDevice(cali, CALI_MAC, mtu));
            VethDevice eth0 = pod.addDevice(new VethDevice("eth0", Network.macFor(name, "eth0"), mtu));
            VethDevice.pair(sim, host, eth0);
            n.sysctls().setProxyArp(cali, true);
            n.sysctls().setProxyDelay(cali, 0);
            String a = Ipv4Address.format(addresses.get(k));
            pod.addAddress("eth0", a + "/32");
            ClusterUnderlay.add(pod, Route.unicast(IpPrefix.v4(Ipv4Prefix.of(POD_GATEWAY.bits(), 32)),
                    NextHop.dev("eth0")).withProtocolScopeSrc(null, RouteScope.LINK, null));
            ClusterUnderlay.add(pod, Route.unicast(IpPrefix.v4(Ipv4Prefix.DEFAULT),
                    NextHop.via(IpAddress.v4(POD_GATEWAY), "eth0")));
            ClusterUnderlay.add(n, Route.unicast(IpPrefix.v4(Ipv4Prefix.of(addresses.get(k), 32)), NextHop.dev(cali))
                    .withProtocolScopeSrc(null, RouteScope.LINK, null));
        }
    }

    /**
     * One BIRD per node over its own TCP, peering as {@link CalicoBgp} configures Calico's
     * templates, each announcing its block; with {@code export}, BIRD's kernel protocol programs
     * the node's table after calico-node's graceful-restart wait.
     */
    private static void bird(PresetSpec.Calico c, BgpSpec.Timers scenarioTimers, List<Member> members,
            BuiltNetwork built, Simulation sim, boolean export) {
        CalicoBgp.Builder b = CalicoBgp.builder(sim, name -> new TcpBgpTransport(built.node(name)))
                .asNumber(c.asn()).timers(timers(c.bgpTimers(), scenarioTimers));
        for (Member m : members) {
            b.node(m.node().name(), new Ipv4Address(m.address()), List.of(m.block()));
        }
        if (c.bgp() == PresetSpec.BgpTopology.ROUTE_REFLECTORS) {
            String[] rrs = members.subList(0, c.routeReflectors()).stream().map(m -> m.node().name())
                    .toArray(String[]::new);
            b.routeReflectors(CLUSTER_ID, rrs);
        } else {
            b.fullMesh();
        }
        CalicoBgp bgp = b.build();
        Encapsulation mode = switch (c.mode()) {
            case IPIP -> Encapsulation.IPIP;
            case CROSS_SUBNET -> Encapsulation.CROSS_SUBNET;
            case NONE, VXLAN -> Encapsulation.NONE;
        };
        for (Member m : members) {
            BgpSpeaker s = bgp.speaker(m.node().name());
            KernelExport k = export ? KernelExport.attach(s, m.node(), mode, KernelExport.CALICO_RESTART_WAIT) : null;
            built.addSpeaker(m.node().name(), s, k);
        }
    }

    /**
     * The sessions' timers: hold, keepalive and connect retry from the preset, else the scenario's
     * {@code bgp.timers}, else Calico's (BIRD's hold and keepalive, connect delay 2 s, retry 5 s);
     * keepalive a third of a given hold time when none is given, as in BIRD.
     */
    static BgpTimers timers(BgpSpec.Timers preset, BgpSpec.Timers scenario) {
        Optional<Duration> hold = preset.hold().or(scenario::hold);
        Optional<Duration> keepalive = preset.keepalive().or(scenario::keepalive);
        Optional<Duration> retry = preset.connectRetry().or(scenario::connectRetry);
        BgpTimers base = BgpTimers.CALICO;
        int h = hold.map(d -> (int) d.toSeconds()).orElse(base.hold());
        int k = keepalive.map(d -> (int) d.toSeconds()).orElse(hold.isPresent() ? h / 3 : base.keepalive());
        int r = retry.map(d -> (int) d.toSeconds()).orElse(base.connectRetry());
        return base.withHold(h, k).withConnect(base.connectDelay(), r);
    }

    static Route onlink(Ipv4Prefix dst, int via, String dev, RouteProtocol proto) {
        // the flag on the route line, as `ip route add ... onlink` gives it (and `ip route` prints it)
        return Route.unicast(IpPrefix.v4(dst), NextHop.via(IpAddress.v4(new Ipv4Address(via)), dev))
                .withFlags(Set.of(RouteFlag.ONLINK)).withProtocolScopeSrc(proto, null, null);
    }

    static Route blackhole(Ipv4Prefix dst, RouteProtocol proto) {
        return Route.reject(RouteType.BLACKHOLE, IpPrefix.v4(dst)).withProtocolScopeSrc(proto, null, null);
    }
}
