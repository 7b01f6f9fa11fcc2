package io.overlaysim.scenario;

import io.overlaysim.net.Ipv4Address;
import io.overlaysim.net.Ipv4Prefix;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Arithmetic a schema cannot do on presets: blocks that fit in the pod CIDR, pods that fit in
 * a block, explicit addresses inside their subnet or block, MTUs that leave room for the
 * encapsulation, enough nodes for the route reflectors.
 */
final class PresetCheck {
    private PresetCheck() {
    }

    static void run(Cursor presets, List<PresetSpec> specs) {
        for (PresetSpec p : specs) {
            switch (p) {
                case PresetSpec.Calico c -> calico(presets.get("calico"), c);
                case PresetSpec.Flannel f -> flannel(presets.get("flannel"), f);
                case PresetSpec.Cilium c -> cilium(presets.get("cilium"), c);
                case PresetSpec.Chain c -> { }
                case PresetSpec.Star s -> { }
            }
        }
    }

    private static void calico(Cursor at, PresetSpec.Calico c) {
        if (c.blockSize() < c.podCidr().length()) {
            at.get("blockSize").error("blockSize /" + c.blockSize() + " is larger than the pod CIDR " + c.podCidr());
            return;
        }
        fits(at, c.nodes(), c.podCidr(), c.blockSize(), "blocks", "blockSize");
        clusterNodes(at, c.nodes(), c.subnets(), c.podCidr(), c.blockSize(), "block");
        if (c.bgp() == PresetSpec.BgpTopology.ROUTE_REFLECTORS && c.routeReflectors() >= c.nodes().size()) {
            at.get(at.has("routeReflectors") ? "routeReflectors" : "bgp").error("routeReflectors " + c.routeReflectors()
                    + " leaves no client among " + c.nodes().size() + " nodes");
        }
        int overhead = switch (c.mode()) {
            case IPIP, CROSS_SUBNET -> 20;
            case VXLAN -> 50;
            case NONE -> 0;
        };
        Cursor mtu = at.get("mtu");
        c.tunnelMtu().ifPresent(t -> {
            if (t > c.nicMtu() - overhead) {
                mtu.get("tunnel").error("tunnel MTU " + t + " exceeds the NIC's " + c.nicMtu() + " minus the "
                        + overhead + "-byte encapsulation (" + (c.nicMtu() - overhead) + ")");
            }
        });
    }

    private static void flannel(Cursor at, PresetSpec.Flannel f) {
        if (f.subnetLength() < f.podCidr().length()) {
            at.get("subnetLen").error("subnetLen /" + f.subnetLength() + " is larger than the pod CIDR " + f.podCidr());
            return;
        }
        fits(at, f.nodes(), f.podCidr(), f.subnetLength(), "node subnets", "subnetLen");
        clusterNodes(at, f.nodes(), List.of(f.subnet()), f.podCidr(), f.subnetLength(), "block");
    }

    private static void cilium(Cursor at, PresetSpec.Cilium c) {
        if (c.subnetLength() < c.podCidr().length()) {
            at.get("subnetLen").error("subnetLen /" + c.subnetLength() + " is larger than the pod CIDR " + c.podCidr());
            return;
        }
        fits(at, c.nodes(), c.podCidr(), c.subnetLength(), "PodCIDRs", "subnetLen");
        clusterNodes(at, c.nodes(), List.of(c.subnet()), c.podCidr(), c.subnetLength(), "block");
        c.routeMtu().ifPresent(m -> {
            if (m > c.nicMtu() - 50) {
                at.get("mtu").get("route").error("route MTU " + m + " exceeds the NIC's " + c.nicMtu()
                        + " minus the 50-byte VXLAN encapsulation (" + (c.nicMtu() - 50) + ")");
            }
        });
    }

    private static void fits(Cursor at, List<PresetSpec.ClusterNode> nodes, Ipv4Prefix cidr, int len, String what,
            String key) {
        long available = 1L << (len - cidr.length());
        if (nodes.size() > available) {
            at.get(at.has(key) ? key : "nodes").error(nodes.size() + " nodes need " + nodes.size() + " " + what
                    + " of /" + len + ", but " + cidr + " holds " + available);
        }
        long perBlock = (1L << (32 - len)) - 1;
        for (int i = 0; i < nodes.size(); i++) {
            if (nodes.get(i).pods() > perBlock) {
                Cursor n = at.get("nodes").node().isArray() ? at.get("nodes").at(i).get("pods") : at.get("podsPerNode");
                n.error(nodes.get(i).pods() + " pods do not fit in a /" + len + " (at most " + perBlock + ")");
                return;
            }
        }
    }

    private static void clusterNodes(Cursor at, List<PresetSpec.ClusterNode> nodes, List<Ipv4Prefix> subnets,
            Ipv4Prefix cidr, int len, String blockKey) {
        Cursor list = at.get("nodes");
        if (!list.node().isArray()) {
            return;
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < nodes.size(); i++) {
            PresetSpec.ClusterNode n = nodes.get(i);
            Cursor c = list.at(i);
            if (!names.add(n.name())) {
                c.get("name").error("duplicate node name \"" + n.name() + "\"");
            }
            int subnet = n.subnet().orElse(i % subnets.size());
            if (subnet >= subnets.size()) {
                c.get("subnet").error("subnet index " + subnet + " is out of range; subnets: " + subnets);
                continue;
            }
            n.address().ifPresent(a -> {
                if (!subnets.get(subnet).contains(a)) {
                    c.get("address").error(a + " is not in the node's subnet " + subnets.get(subnet));
                }
            });
            n.block().ifPresent(b -> {
                if (b.length() != len || !cidr.covers(b)) {
                    c.get(blockKey).error("expected a /" + len + " inside " + cidr + ", found " + b);
                }
                List<Cursor> pods = c.get("pods").node().isArray() ? c.get("pods").items() : List.of();
                for (int k = 0; k < n.podAddresses().size(); k++) {
                    Ipv4Address pod = n.podAddresses().get(k);
                    if (!b.contains(pod)) {
                        pods.get(k).error("pod address " + pod + " is not in the node's block " + b);
                    }
                }
            });
        }
    }
}
