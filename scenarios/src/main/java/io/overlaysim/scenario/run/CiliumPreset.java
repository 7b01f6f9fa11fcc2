package io.overlaysim.scenario.run;

import io.overlaysim.cni.CiliumDatapath;
import io.overlaysim.engine.Simulation;
import io.overlaysim.net.Ipv4Address;
import io.overlaysim.net.Ipv4Prefix;
import io.overlaysim.node.Network;
import io.overlaysim.node.Node;
import io.overlaysim.routing.Route;
import io.overlaysim.routing.RouteChange;
import io.overlaysim.routing.RouteProtocol;
import io.overlaysim.scenario.IpLine;
import io.overlaysim.scenario.IpLines;
import io.overlaysim.scenario.PresetNames;
import io.overlaysim.scenario.PresetSpec;
import io.overlaysim.scenario.ScenarioError;
import io.overlaysim.scenario.ScenarioException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The {@code cilium} preset as simulated nodes: per node a NIC on the {@code lan} switch
 * ({@link ClusterUnderlay}), a PodCIDR from the cluster CIDR, Cilium's datapath
 * ({@link CiliumDatapath}: {@code cilium_host}/{@code cilium_net}, {@code cilium_vxlan} external on
 * the preset's port, the tunnel map with every other node's PodCIDR), pods behind {@code lxc*}
 * veths with consecutive identities, and the agent's routes ({@link CiliumDatapath#agentRoutes});
 * a node that lists {@code routes} gets those instead, whole, and a /32 NIC address (the shape of
 * the corpus dump {@code cilium-vxlan-01}).
 */
final class CiliumPreset {
    private record Member(Node node, int address, Ipv4Prefix podCidr, String router) {
    }

    private CiliumPreset() {
    }

    static void build(PresetSpec.Cilium c, BuiltNetwork built, Simulation sim) {
        Set<Integer> reserved = new HashSet<>();
        c.nodes().forEach(n -> n.address().ifPresent(a -> reserved.add(a.bits())));
        ClusterUnderlay lan = ClusterUnderlay.build(built, sim, List.of(c.subnet()), c.underlay(), c.nicMtu(), reserved);
        List<Ipv4Prefix> cidrs = Ipam.blocks(c.nodes(), c.podCidr(), c.subnetLength());
        int routeMtu = c.routeMtu().orElse(c.nicMtu() - 50);
        Network net = built.network();
        List<Member> members = new ArrayList<>();
        for (int i = 0; i < c.nodes().size(); i++) {
            PresetSpec.ClusterNode spec = c.nodes().get(i);
            int address = spec.address().map(Ipv4Address::bits).orElseGet(() -> lan.allocate(0));
            Node n = net.addNode(spec.name());
            if (c.routes().containsKey(spec.name())) {
                lan.attachBare(n, c.nic(), 0, address, c.nicMtu());
            } else {
                lan.attach(n, c.nic(), 0, address, c.nicMtu());
            }
            Ipv4Address router = c.routerIps().get(spec.name());
            members.add(new Member(n, address, cidrs.get(i),
                    router != null ? router.toString() : Ipv4Address.format(cidrs.get(i).bits() + 1)));
        }
        int identity = c.podIdentity();
        for (int i = 0; i < members.size(); i++) {
            Member m = members.get(i);
            PresetSpec.ClusterNode spec = c.nodes().get(i);
            CiliumDatapath d = CiliumDatapath.install(m.node(), m.router(), c.port());
            d.vxlan().setMtu(c.nicMtu());
            d.host().setMtu(c.nicMtu());
            List<String> remotes = new ArrayList<>();
            for (Member r : members) {
                if (r != m) {
                    d.tunnelMap(r.podCidr().toString(), Ipv4Address.format(r.address()));
                    remotes.add(r.podCidr().toString());
                }
            }
            List<IpLine> lines = c.routes().get(spec.name());
            if (lines != null) {
                dumpedRoutes(m.node(), lines);
            } else {
                CiliumDatapath.agentRoutes(m.router(), m.podCidr().toString(), remotes, routeMtu)
                        .forEach(r -> ClusterUnderlay.add(m.node(), r));
            }
            List<Integer> pods = Ipam.pods(spec, m.podCidr(), 2);
            for (int k = 0; k < pods.size(); k++) {
                String name = PresetNames.podName(m.node().name(), k);
                d.addEndpoint(net.addNode(name), PresetNames.ciliumVeth(name), Ipv4Address.format(pods.get(k)), identity++,
                        routeMtu);
            }
        }
    }

    /**
     * {@code ip route add LINE} for each dumped route, in passes while any succeeds (a dump lists
     * {@code default via GW} before the route that makes GW reachable, as FibLoader does); a
     * {@code proto kernel} route the node's addresses already made (the local table's entries) is
     * the kernel's own and is kept as is. A line still refused is an error at its line.
     */
    private static void dumpedRoutes(Node node, List<IpLine> lines) {
        List<IpLine> pending = new ArrayList<>(lines);
        while (true) {
            List<IpLine> refused = new ArrayList<>();
            String firstError = null;
            for (IpLine line : pending) {
                Route r = IpLines.route(line);
                RouteChange c = node.addRoute(r);
                if (c instanceof RouteChange.Refused f && !(f.message().equals("File exists")
                        && RouteProtocol.parse("kernel").equals(r.protocol()))) {
                    refused.add(line);
                    firstError = firstError == null ? f.message() : firstError;
                }
            }
            if (refused.isEmpty()) {
                return;
            }
            if (refused.size() == pending.size()) {
                IpLine line = refused.get(0);
                throw new ScenarioException(List.of(new ScenarioError(line.at(), "node \"" + node.name()
                        + "\" refuses the route \"" + line.text() + "\": " + firstError)));
            }
            pending = refused;
        }
    }
}
