package io.overlaysim.scenario.run;

import io.overlaysim.device.EthernetDevice;
import io.overlaysim.device.LinkConfig;
import io.overlaysim.device.PointToPointLink;
import io.overlaysim.engine.Simulation;
import io.overlaysim.net.Ipv4Address;
import io.overlaysim.net.Ipv4Prefix;
import io.overlaysim.node.Network;
import io.overlaysim.node.Node;
import io.overlaysim.routing.IpAddress;
import io.overlaysim.routing.IpPrefix;
import io.overlaysim.routing.NextHop;
import io.overlaysim.routing.Route;
import io.overlaysim.routing.RouteChange;
import io.overlaysim.routing.RouteProtocol;
import io.overlaysim.scenario.ChannelSpec;
import io.overlaysim.scenario.PresetNames;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The underlay of a cluster preset: per subnet a switch, and the {@code gateway} router that joins
 * the subnets and is every node's default gateway.
 *
 * <pre>
 *   worker01 enp1s0 ──┐                    ┌── enp1s0 worker03
 *   worker02 enp1s0 ──┤ lan0 ── gateway ── lan1 ├── enp1s0 worker04
 *                     └ 192.168.0.1   192.168.1.1 ┘
 * </pre>
 *
 * A switch is a node of its own named after the segment ({@code lan}, or {@code lan0},
 * {@code lan1}, ...; {@link PresetNames#lanNames}) holding a Linux bridge {@code br0} whose ports
 * {@code p-NODE} are cabled to the nodes' NICs: each cable is a {@link PointToPointLink} with the
 * preset's {@code underlay} settings (bandwidth, delay, loss, queue), so a NIC's cable can be cut
 * by a {@code linkDown: NODE/NIC} fault like any link. The gateway holds the first host address
 * of each subnet on {@code ethK} and forwards; nodes take the next free addresses in order.
 */
final class ClusterUnderlay {
    private final Simulation sim;
    private final List<Ipv4Prefix> subnets;
    private final LinkConfig cable;
    private final int portMtu;
    private final List<SwitchNode> switches = new ArrayList<>();
    private final Set<Integer> taken = new HashSet<>();
    private final int[] nextHost;

    private ClusterUnderlay(Simulation sim, List<Ipv4Prefix> subnets, ChannelSpec underlay,
            int nicMtu) {
        this.sim = sim;
        this.subnets = subnets;
        this.cable = NetworkBuilder.config(underlay);
        this.portMtu = Math.max(nicMtu, underlay.mtu().orElse(nicMtu));
        this.nextHost = new int[subnets.size()];
    }

    /**
     * The switches and the gateway, with {@code reserved} (the nodes' explicit addresses) kept out
     * of the automatic allocation.
     */
    static ClusterUnderlay build(BuiltNetwork built, Simulation sim, List<Ipv4Prefix> subnets, ChannelSpec underlay,
            int nicMtu, Set<Integer> reserved) {
        ClusterUnderlay u = new ClusterUnderlay(sim, subnets, underlay, nicMtu);
        u.taken.addAll(reserved);
        Network net = built.network();
        List<String> lans = PresetNames.lanNames(subnets.size());
        for (String lan : lans) {
            u.switches.add(SwitchNode.create(sim, net, lan, u.portMtu, u.cable));
        }
        Node gw = net.addNode(PresetNames.GATEWAY);
        gw.sysctls().ipForward = true;
        for (int i = 0; i < subnets.size(); i++) {
            int address = subnets.get(i).bits() + 1;
            u.taken.add(address);
            u.nextHost[i] = address + 1;
            EthernetDevice eth = gw.addEthernet("eth" + i);
            eth.setMtu(nicMtu);
            u.cable(gw, eth, i);
            gw.addAddress(eth.name(), Ipv4Address.format(address) + "/" + subnets.get(i).length());
        }
        return u;
    }

    List<Ipv4Prefix> subnets() {
        return subnets;
    }

    /** The gateway's address on subnet {@code i} (its first host address). */
    int gateway(int i) {
        return subnets.get(i).bits() + 1;
    }

    /** The next free host address of subnet {@code i}, in order. */
    int allocate(int i) {
        Ipv4Prefix s = subnets.get(i);
        int last = s.bits() + (int) ((1L << (32 - s.length())) - 2);
        while (taken.contains(nextHost[i])) {
            nextHost[i]++;
        }
        if (Integer.compareUnsigned(nextHost[i], last) > 0) {
            throw new IllegalStateException("subnet " + s + " is full");
        }
        taken.add(nextHost[i]);
        return nextHost[i]++;
    }

    /**
     * A node's NIC on subnet {@code i}: the device with its MTU, cabled to the subnet's switch, its
     * address, and {@code default via GATEWAY dev NIC proto static} as the dumps show it.
     */
    EthernetDevice attach(Node node, String nic, int i, int address, int mtu) {
        EthernetDevice eth = node.addDevice(new EthernetDevice(nic, Network.macFor(node.name(), nic), mtu));
        cable(node, eth, i);
        node.addAddress(nic, Ipv4Address.format(address) + "/" + subnets.get(i).length());
        Route def = Route.unicast(IpPrefix.v4(Ipv4Prefix.DEFAULT), NextHop.via(IpAddress.v4(new Ipv4Address(gateway(i))),
                nic)).withProtocolScopeSrc(RouteProtocol.STATIC, null, null);
        add(node, def);
        return eth;
    }

    /**
     * A node's NIC on subnet {@code i} with {@code address/32} and no route: for a node whose
     * tables come whole from a dump (the dump's own routes reach the gateway, as with a /32 cloud
     * address and {@code GATEWAY dev NIC scope link}).
     */
    EthernetDevice attachBare(Node node, String nic, int i, int address, int mtu) {
        EthernetDevice eth = node.addDevice(new EthernetDevice(nic, Network.macFor(node.name(), nic), mtu));
        cable(node, eth, i);
        node.addAddress(nic, Ipv4Address.format(address) + "/32");
        return eth;
    }

    private void cable(Node node, EthernetDevice nic, int i) {
        switches.get(i).plug(node, nic);
    }

    static void add(Node node, Route r) {
        RouteChange c = node.addRoute(r);
        if (c instanceof RouteChange.Refused refused) {
            throw new IllegalStateException("preset route refused on " + node.name() + ": " + r + ": "
                    + refused.message());
        }
    }
}
