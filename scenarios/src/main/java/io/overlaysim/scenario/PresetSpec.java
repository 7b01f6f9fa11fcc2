package io.overlaysim.scenario;

import io.overlaysim.net.Ipv4Address;
import io.overlaysim.net.Ipv4Prefix;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A ready-made topology that the executor expands into nodes, devices, links, routes and BGP
 * speakers. {@link PresetNames} says which names each one makes, so that a scenario's
 * references can be checked before anything is built.
 */
public sealed interface PresetSpec {
    /** Calico's encapsulation modes (its IP pool's ipipMode/vxlanMode). */
    enum CalicoMode { IPIP, VXLAN, CROSS_SUBNET, NONE }

    /** How Calico's BIRDs peer. */
    enum BgpTopology { FULL_MESH, ROUTE_REFLECTORS, NONE }

    /** Flannel's backends. */
    enum FlannelBackend { VXLAN, HOST_GW }

    /**
     * One node of a cluster preset, named (and optionally addressed) explicitly.
     *
     * @param podCount how many pods when their addresses are not listed
     */
    record ClusterNode(String name, Optional<Ipv4Address> address, OptionalInt subnet, Optional<Ipv4Prefix> block,
            int podCount, List<Ipv4Address> podAddresses) {
        public int pods() {
            return podAddresses.isEmpty() ? podCount : podAddresses.size();
        }
    }

    /**
     * A Calico cluster.
     *
     * @param routeReflectors how many of the first nodes reflect, with {@link BgpTopology#ROUTE_REFLECTORS}
     * @param tunnelMtu empty for the NIC's minus the overhead
     */
    record Calico(List<ClusterNode> nodes, CalicoMode mode, BgpTopology bgp, int routeReflectors, long asn,
            BgpSpec.Timers bgpTimers, boolean felixProgramsRoutes, Ipv4Prefix podCidr, int blockSize, String nic,
            List<Ipv4Prefix> subnets, int nicMtu, OptionalInt tunnelMtu, OptionalInt podMtu,
            ChannelSpec underlay) implements PresetSpec {
        public static final long DEFAULT_ASN = 64512;
    }

    /** A Flannel cluster. */
    record Flannel(List<ClusterNode> nodes, FlannelBackend backend, Ipv4Prefix podCidr, int subnetLength, String nic,
            Ipv4Prefix subnet, int nicMtu, OptionalInt podMtu, ChannelSpec underlay) implements PresetSpec {
    }

    /**
     * A Cilium cluster in VXLAN tunnel mode.
     *
     * @param routerIps {@code cilium_host}'s address per node that gives one
     * @param routes per node that gives them, its whole routing tables (a node replayed from a dump)
     * @param routeMtu empty for the NIC's minus 50
     */
    record Cilium(List<ClusterNode> nodes, java.util.Map<String, Ipv4Address> routerIps,
            java.util.Map<String, List<IpLine>> routes, Ipv4Prefix podCidr, int subnetLength, String nic, Ipv4Prefix subnet,
            int port, int podIdentity, int nicMtu, OptionalInt routeMtu, ChannelSpec underlay) implements PresetSpec {
    }

    /** Routers in a chain {@code a - r1 - ... - rN - b}, each link its own /30. */
    record Chain(int routers, Ipv4Prefix subnet, ChannelSpec link) implements PresetSpec {
    }

    /** Routers in a star: {@code hub} and {@code leaf1..leafN}. */
    record Star(int leaves, Ipv4Prefix subnet, ChannelSpec link) implements PresetSpec {
    }
}
