package io.overlaysim.scenario.run;

import io.overlaysim.device.BridgeDevice;
import io.overlaysim.device.VethDevice;
import io.overlaysim.engine.Simulation;
import io.overlaysim.net.Ipv4Address;
import io.overlaysim.net.Ipv4Prefix;
import io.overlaysim.node.Network;
import io.overlaysim.node.Node;
import io.overlaysim.routing.IpAddress;
import io.overlaysim.routing.IpPrefix;
import io.overlaysim.routing.NextHop;
import io.overlaysim.routing.Route;
import io.overlaysim.scenario.PresetNames;
import io.overlaysim.scenario.PresetSpec;
import io.overlaysim.tunnel.Vxlan;
import io.overlaysim.tunnel.VxlanConfig;
import io.overlaysim.tunnel.VxlanDevice;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The {@code flannel} preset as simulated nodes: per node a NIC on the {@code lan} switch
 * ({@link ClusterUnderlay}), a pod subnet from the cluster CIDR, the {@code cni0} bridge holding
 * the subnet's first address (the pods' gateway, as the bridge CNI plugin with
 * {@code isDefaultGateway} sets it), pods behind {@code veth*} ports of {@code cni0}, and the
 * routes flanneld programs:
 * <ul>
 *   <li>vxlan: {@code flannel.1} (VNI 1, UDP 8472, {@code nolearning}) holding {@code SUBNET.0/32};
 *       per remote node {@code SUBNET via SUBNET.0 dev flannel.1 onlink}, the neighbour
 *       {@code SUBNET.0 lladdr VTEPMAC PERMANENT} and the FDB entry {@code VTEPMAC dst NODEADDR}
 *       (the shape of the corpus dump {@code flannel-vxlan-01});</li>
 *   <li>host-gw: per remote node {@code SUBNET via NODEADDR dev NIC} (as in {@code flannel-hostgw-01}).</li>
 * </ul>
 */
final class FlannelPreset {
    static final String VXLAN_DEVICE = "flannel.1";
    static final int VXLAN_VNI = 1;
    static final int VXLAN_PORT = 8472;

    private record Member(Node node, int address, Ipv4Prefix subnet, long vtepMac) {
    }

    private FlannelPreset() {
    }

    static void build(PresetSpec.Flannel f, BuiltNetwork built, Simulation sim) {
        Set<Integer> reserved = new HashSet<>();
        f.nodes().forEach(n -> n.address().ifPresent(a -> reserved.add(a.bits())));
        ClusterUnderlay lan = ClusterUnderlay.build(built, sim, List.of(f.subnet()), f.underlay(), f.nicMtu(), reserved);
        List<Ipv4Prefix> subnets = Ipam.blocks(f.nodes(), f.podCidr(), f.subnetLength());
        boolean vxlan = f.backend() == PresetSpec.FlannelBackend.VXLAN;
        int podMtu = f.podMtu().orElse(f.nicMtu() - (vxlan ? VxlanDevice.HEADROOM : 0));
        Network net = built.network();
        List<Member> members = new ArrayList<>();
        for (int i = 0; i < f.nodes().size(); i++) {
            PresetSpec.ClusterNode spec = f.nodes().get(i);
            int address = spec.address().map(Ipv4Address::bits).orElseGet(() -> lan.allocate(0));
            Node n = net.addNode(spec.name());
            n.sysctls().ipForward = true;
            lan.attach(n, f.nic(), 0, address, f.nicMtu());
            members.add(new Member(n, address, subnets.get(i), Network.macFor(spec.name(), VXLAN_DEVICE)));
        }
        for (int i = 0; i < members.size(); i++) {
            Member m = members.get(i);
            if (vxlan) {
                // flanneld: `ip link add flannel.1 type vxlan id 1 local NODE dev NIC dstport 8472 nolearning`
                VxlanDevice v = Vxlan.of(m.node()).add(VXLAN_DEVICE, m.vtepMac(), VxlanConfig.of(VXLAN_VNI)
                        .withPort(VXLAN_PORT).withLocal(Ipv4Address.format(m.address())).withLower(f.nic())
                        .withLearning(false));
                v.setMtu(podMtu);
                m.node().addAddress(VXLAN_DEVICE, Ipv4Address.format(m.subnet().bits()) + "/32");
            }
            pods(sim, net, m, f.nodes().get(i), podMtu);
        }
        for (Member m : members) {
            for (Member r : members) {
                if (r != m) {
                    peer(m, r, vxlan, f.nic());
                }
            }
        }
    }

    /** {@code cni0} with the subnet's first address, and the pods as its ports. */
    private static void pods(Simulation sim, Network net, Member m, PresetSpec.ClusterNode spec, int mtu) {
        Node n = m.node();
        BridgeDevice cni0 = n.addBridge("cni0");
        cni0.setMtu(mtu);
        int gateway = m.subnet().bits() + 1;
        n.addAddress("cni0", Ipv4Address.format(gateway) + "/" + m.subnet().length());
        List<Integer> addresses = Ipam.pods(spec, m.subnet(), 2);
        for (int k = 0; k < addresses.size(); k++) {
            String name = PresetNames.podName(n.name(), k);
            String veth = PresetNames.flannelVeth(name);
            Node pod = net.addNode(name);
            VethDevice host = n.addDevice(new VethDevice(veth, Network.macFor(n.name(), veth), mtu));
            VethDevice eth0 = pod.addDevice(new VethDevice("eth0", Network.macFor(name, "eth0"), mtu));
            VethDevice.pair(sim, host, eth0);
            cni0.addPort(host);
            pod.addAddress("eth0", Ipv4Address.format(addresses.get(k)) + "/" + m.subnet().length());
            ClusterUnderlay.add(pod, Route.unicast(IpPrefix.v4(Ipv4Prefix.DEFAULT),
                    NextHop.via(IpAddress.v4(new Ipv4Address(gateway)), "eth0")));
        }
    }

    private static void peer(Member m, Member r, boolean vxlan, String nic) {
        Node n = m.node();
        if (!vxlan) {
            ClusterUnderlay.add(n, Route.unicast(IpPrefix.v4(r.subnet()),
                    NextHop.via(IpAddress.v4(new Ipv4Address(r.address())), nic)));
            return;
        }
        VxlanDevice v = (VxlanDevice) n.device(VXLAN_DEVICE);
        ClusterUnderlay.add(n, CalicoPreset.onlink(r.subnet(), r.subnet().bits(), VXLAN_DEVICE, null));
        n.neighbours().addPermanent(v, r.subnet().bits(), r.vtepMac());
        v.fdb().replace(r.vtepMac(), r.address(), null);
    }
}
