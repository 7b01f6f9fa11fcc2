package io.overlaysim.scenario.run;

import io.overlaysim.node.Node;
import io.overlaysim.routing.IpAddress;
import io.overlaysim.routing.IpPrefix;
import io.overlaysim.routing.NextHop;
import io.overlaysim.routing.Route;
import io.overlaysim.routing.RouteProtocol;
import io.overlaysim.scenario.PresetSpec.CalicoMode;
import io.overlaysim.net.Ipv4Address;
import io.overlaysim.tunnel.VxlanDevice;
import java.util.List;

/**
 * The cluster routes as Calico's Felix programs them from the IPAM blocks (its route manager,
 * {@code proto 80} since Felix owns no name in {@code rt_protos}), the shape of the corpus dump
 * {@code calico-vxlan-01}:
 * <ul>
 *   <li>the node's own block: {@code blackhole BLOCK proto 80};</li>
 *   <li>vxlan: per remote block {@code BLOCK via TUNADDR dev vxlan.calico proto 80 onlink}, the
 *       neighbour {@code TUNADDR lladdr TUNMAC PERMANENT} and the FDB entry
 *       {@code TUNMAC dst NODEADDR self permanent} ({@code vxlan_mgr.go});</li>
 *   <li>ipip (Calico 3.33+'s Felix-programmed IPIP): {@code BLOCK via NODEADDR dev tunl0 proto 80
 *       onlink}; crossSubnet the same toward other subnets and {@code BLOCK via NODEADDR dev NIC
 *       proto 80} on the node's own subnet;</li>
 *   <li>none: {@code BLOCK via NODEADDR dev NIC proto 80} toward nodes of the same subnet only: the
 *       others are reachable only if the underlay routes pod blocks, which it does not here.</li>
 * </ul>
 */
final class FelixRoutes {
    static final RouteProtocol PROTO = RouteProtocol.parse("80");

    private FelixRoutes() {
    }

    static void program(CalicoMode mode, List<CalicoPreset.Member> members) {
        for (CalicoPreset.Member m : members) {
            Node n = m.node();
            ClusterUnderlay.add(n, CalicoPreset.blackhole(m.block(), PROTO));
            for (CalicoPreset.Member r : members) {
                if (r == m) {
                    continue;
                }
                boolean sameSubnet = r.subnet() == m.subnet();
                switch (mode) {
                    case VXLAN -> {
                        VxlanDevice v = (VxlanDevice) n.device(CalicoPreset.VXLAN_DEVICE);
                        ClusterUnderlay.add(n, CalicoPreset.onlink(r.block(), r.tunnelAddress(), v.name(), PROTO));
                        n.neighbours().addPermanent(v, r.tunnelAddress(), r.tunnelMac());
                        v.fdb().replace(r.tunnelMac(), r.address(), null);
                    }
                    case IPIP -> ClusterUnderlay.add(n, CalicoPreset.onlink(r.block(), r.address(), "tunl0", PROTO));
                    case CROSS_SUBNET -> ClusterUnderlay.add(n, sameSubnet ? direct(r, m.nic())
                            : CalicoPreset.onlink(r.block(), r.address(), "tunl0", PROTO));
                    case NONE -> {
                        if (sameSubnet) {
                            ClusterUnderlay.add(n, direct(r, m.nic()));
                        }
                    }
                }
            }
        }
    }

    private static Route direct(CalicoPreset.Member r, String nic) {
        return Route.unicast(IpPrefix.v4(r.block()), NextHop.via(IpAddress.v4(new Ipv4Address(r.address())), nic))
                .withProtocolScopeSrc(PROTO, null, null);
    }
}
