package io.overlaysim.cni;

import io.overlaysim.device.EthernetDevice;
import io.overlaysim.device.Segment;
import io.overlaysim.engine.Simulation;
import io.overlaysim.node.Network;
import io.overlaysim.node.Node;
import io.overlaysim.routing.Route;
import io.overlaysim.routing.RouteChange;
import java.util.ArrayList;
import java.util.List;

/**
 * A test-side Cilium VXLAN cluster: hosts on one LAN segment (192.168.1.0/24, NIC {@code eth0}),
 * each with the agent's routes ({@code mtu 1450}), the datapath, a tunnel map entry per other
 * node, and one pod ({@code pod-N}, identity 10000 + N) behind {@code lxcpodN}.
 *
 * <pre>
 *   pod-1 ─ lxcpod1 ─ node1 ─┐                 ┌─ node2 ─ lxcpod2 ─ pod-2
 *                            ├─ lan (segment) ─┤
 *                    node3 ──┘ 192.168.1.0/24
 * </pre>
 */
final class CiliumCluster {
    final Network network;
    final List<Node> hosts = new ArrayList<>();

    CiliumCluster(Simulation sim, int nodes, int routeMtu) {
        network = new Network(sim);
        Segment lan = new Segment(sim, "lan", 10_000);
        for (int i = 1; i <= nodes; i++) {
            Node n = network.addNode("node" + i);
            EthernetDevice nic = n.addEthernet("eth0");
            lan.attach(nic);
            n.addAddress("eth0", address(i) + "/24");
            hosts.add(n);
        }
        for (int i = 1; i <= nodes; i++) {
            Node n = hosts.get(i - 1);
            CiliumDatapath d = CiliumDatapath.install(n, router(i), 8472);
            List<String> remotes = new ArrayList<>();
            for (int j = 1; j <= nodes; j++) {
                if (j != i) {
                    remotes.add(podCidr(j));
                    d.tunnelMap(podCidr(j), address(j));
                }
            }
            for (Route r : CiliumDatapath.agentRoutes(router(i), podCidr(i), remotes, routeMtu)) {
                if (!(n.addRoute(r) instanceof RouteChange.Added)) {
                    throw new IllegalStateException("route refused: " + r);
                }
            }
            d.addEndpoint(network.addNode("pod-" + i), "lxcpod" + i, pod(i), 10000 + i, routeMtu);
        }
    }

    static String address(int i) {
        return "192.168.1." + (10 + i);
    }

    static String podCidr(int i) {
        return "10.42." + i + ".0/24";
    }

    static String router(int i) {
        return "10.42." + i + ".171";
    }

    static String pod(int i) {
        return "10.42." + i + ".20";
    }

    Node node(String name) {
        return network.node(name);
    }
}
