package io.overlaysim.replay;

import io.overlaysim.iproute.FdbEntry;
import io.overlaysim.iproute.NeighbourEntry;
import io.overlaysim.net.Ipv4Address;
import io.overlaysim.net.Ipv4Prefix;
import io.overlaysim.replay.Finding.Kind;
import io.overlaysim.replay.Finding.Topic;
import io.overlaysim.routing.InterfaceAddress;
import io.overlaysim.routing.NextHop;
import io.overlaysim.routing.Route;
import io.overlaysim.routing.TableNames;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds a {@link ClusterModel} from several nodes: pods behind each node's veths
 * ({@link PodInference}); shared L2 segments from the connected prefixes the nodes' devices hold;
 * each route's {@code via} matched to the node holding that address, or to an external router
 * made for it when it lies on a segment but belongs to no node; VXLAN neighbour and FDB entries
 * checked against the peer they point at.
 */
public final class ClusterBuilder {
    private final List<NodeModel> nodes;
    private final List<Finding> findings = new ArrayList<>();

    private ClusterBuilder(List<NodeModel> nodes) {
        this.nodes = nodes;
    }

    /** Reads, builds and joins node folders (each named after its node). */
    public static ClusterModel read(List<Path> nodeDirs, boolean lenient) {
        return build(nodeDirs.stream().map(p -> NodeBuilder.build(NodeDumps.read(p, lenient))).toList());
    }

    public static ClusterModel build(List<NodeModel> nodes) {
        Set<String> names = new HashSet<>();
        for (NodeModel n : nodes) {
            if (!names.add(n.name())) {
                throw new ReplayException("two node folders are named " + n.name() + ": a node's folder is named after it");
            }
        }
        return new ClusterBuilder(nodes).run();
    }

    /** A device holding an address: {@code node/device}. */
    private record Holder(String node, String device, InterfaceAddress address) {
        String endpoint() {
            return node + "/" + device;
        }
    }

    private ClusterModel run() {
        nodes.forEach(n -> findings.addAll(n.findings()));
        List<Pod> pods = new ArrayList<>();
        for (NodeModel n : nodes) {
            pods.addAll(PodInference.pods(n, findings));
        }
        Set<String> podSides = new HashSet<>();
        Set<String> podBridges = new HashSet<>();
        pods.forEach(p -> {
            podSides.add(p.node() + "/" + p.hostDevice());
            if (p.bridge() != null) {
                podBridges.add(p.node() + "/" + p.bridge());
            }
        });
        Map<Ipv4Prefix, List<Holder>> byPrefix = new LinkedHashMap<>();
        Map<Ipv4Address, Holder> owners = new LinkedHashMap<>();
        for (NodeModel n : nodes) {
            for (InterfaceAddress a : n.addresses()) {
                if (a.address().isLoopback()) {
                    continue;
                }
                Holder h = new Holder(n.name(), a.device(), a);
                Holder other = owners.putIfAbsent(a.address(), h);
                if (other != null && !other.node().equals(n.name())) {
                    add(Kind.AMBIGUITY, Topic.ADDRESS, a.address().toString(), "held by both " + other.endpoint() + " and "
                            + h.endpoint() + "; gateways at it are matched to " + other.endpoint());
                }
                NodeDevice d = n.device(a.device()).orElse(null);
                if (d == null || a.prefixLength() >= 32 || d.isTunnel() || d.kind() == DeviceKind.LOOPBACK
                        || podSides.contains(h.endpoint()) || podBridges.contains(h.endpoint())
                        || d.name().startsWith("cilium_")) {
                    continue;
                }
                byPrefix.computeIfAbsent(a.prefix(), k -> new ArrayList<>()).add(h);
            }
        }
        checkOverlaps(byPrefix.keySet());
        Map<Ipv4Prefix, Segment> segments = new LinkedHashMap<>();
        Map<Ipv4Prefix, List<String>> extra = new LinkedHashMap<>();
        byPrefix.forEach((p, hs) -> extra.put(p, new ArrayList<>()));
        List<GatewayMatch> gateways = new ArrayList<>();
        Map<Ipv4Address, ExternalRouter> routers = new LinkedHashMap<>();
        for (NodeModel n : nodes) {
            for (Route r : n.routes()) {
                if (!r.isV4() || r.table() == TableNames.LOCAL) {
                    continue;
                }
                for (NextHop h : r.nexthops()) {
                    if (h.gateway() == null || !h.gateway().isV4()) {
                        continue;
                    }
                    Ipv4Address gw = new Ipv4Address(h.gateway().v4bits());
                    Holder owner = owners.get(gw);
                    if (owner != null) {
                        if (!owner.node().equals(n.name())) {
                            gateways.add(new GatewayMatch(n.name(), r, gw, owner.node(), owner.device(), false));
                            checkVxlan(n, h, gw, owner);
                        }
                        continue;
                    }
                    Ipv4Prefix on = byPrefix.entrySet().stream()
                            .filter(e -> e.getKey().contains(gw) && e.getValue().stream().anyMatch(x -> x.node().equals(n.name())))
                            .map(Map.Entry::getKey).findFirst().orElse(null);
                    if (on == null) {
                        add(Kind.AMBIGUITY, Topic.GATEWAY, n.name(), "route " + r.destination() + " via " + gw
                                + ": the gateway belongs to no node and lies on no segment of the cluster; left unreachable");
                        continue;
                    }
                    ExternalRouter er = routers.get(gw);
                    String segName = segmentName(on);
                    if (er == null) {
                        er = new ExternalRouter("gw-" + gw, gw, on.length(), segName, "eth0", List.of(n.name()));
                        extra.get(on).add(er.name() + "/eth0");
                    } else if (!er.usedBy().contains(n.name())) {
                        List<String> used = new ArrayList<>(er.usedBy());
                        used.add(n.name());
                        er = new ExternalRouter(er.name(), gw, er.prefixLength(), er.segment(), er.device(), used);
                    }
                    routers.put(gw, er);
                    gateways.add(new GatewayMatch(n.name(), r, gw, er.name(), "eth0", true));
                }
            }
        }
        for (ExternalRouter er : routers.values()) {
            add(Kind.INFERRED, Topic.ROUTER, er.name(), er.address() + " is the gateway of " + String.join(", ", er.usedBy())
                    + " but belongs to no node: an external router on " + er.segment()
                    + " that knows only that segment (nothing beyond it is in the dumps)");
        }
        byPrefix.forEach((p, hs) -> segments.put(p, segment(p, hs, extra.get(p))));
        leftoverVeths(podSides, byPrefix);
        return new ClusterModel(nodes, List.copyOf(segments.values()), pods, gateways, List.copyOf(routers.values()), findings);
    }

    private static String segmentName(Ipv4Prefix p) {
        return "net-" + p.address() + "-" + p.length();
    }

    private Segment segment(Ipv4Prefix p, List<Holder> hs, List<String> routers) {
        List<String> ends = new ArrayList<>();
        Map<String, Integer> mtus = new LinkedHashMap<>();
        for (Holder h : hs) {
            if (!ends.contains(h.endpoint())) {
                ends.add(h.endpoint());
            }
            NodeDevice d = node(h.node()).device(h.device()).orElseThrow();
            mtus.put(h.endpoint(), d.mtu());
            if (d.isVeth()) {
                add(Kind.INFERRED, Topic.DEVICE, h.endpoint(), "a veth" + (d.peerNamespace() != null ? " to namespace "
                        + d.peerNamespace() : "") + " that carries " + p + ": taken for the node's NIC on " + segmentName(p));
            }
        }
        Set<String> nodesOn = new java.util.LinkedHashSet<>();
        hs.forEach(h -> nodesOn.add(h.node()));
        if (nodesOn.size() < hs.size()) {
            add(Kind.AMBIGUITY, Topic.SEGMENT, p.toString(), "a node has two devices on it (" + String.join(", ", ends)
                    + "): all are put on one segment");
        }
        ends.addAll(routers);
        add(Kind.INFERRED, Topic.SEGMENT, segmentName(p), String.join(", ", ends) + " share " + p
                + (ends.size() == 1 ? " (alone: no other node holds it)" : ""));
        if (mtus.values().stream().distinct().count() > 1) {
            add(Kind.CONTRADICTION, Topic.MTU, segmentName(p), "the devices on it disagree on the MTU " + mtus
                    + "; the segment takes " + mtus.values().iterator().next());
        }
        return new Segment(segmentName(p), p, ends, mtus.values().iterator().next());
    }

    private void checkOverlaps(Set<Ipv4Prefix> prefixes) {
        List<Ipv4Prefix> ps = List.copyOf(prefixes);
        for (int i = 0; i < ps.size(); i++) {
            for (int j = i + 1; j < ps.size(); j++) {
                if (ps.get(i).covers(ps.get(j)) || ps.get(j).covers(ps.get(i))) {
                    add(Kind.AMBIGUITY, Topic.SEGMENT, ps.get(i).toString(), "overlaps " + ps.get(j)
                            + " held elsewhere: one L2 with different masks, or two? kept as two segments");
                }
            }
        }
    }

    /**
     * A route {@code via GW dev VXLAN} needs a neighbour entry for GW (the peer's VXLAN MAC) and an
     * FDB entry sending that MAC to the peer's VTEP, as Felix and flanneld program them.
     */
    private void checkVxlan(NodeModel n, NextHop h, Ipv4Address gw, Holder owner) {
        NodeDevice dev = h.device() == null ? null : n.device(h.device()).orElse(null);
        if (dev == null || dev.kind() != DeviceKind.VXLAN) {
            return;
        }
        NodeModel peer = node(owner.node());
        NodeDevice peerDev = peer.device(owner.device()).orElseThrow();
        NeighbourEntry ne = n.neighbours().stream()
                .filter(e -> e.isIpv4() && e.ipv4().equals(gw) && dev.name().equals(e.dev())).findFirst().orElse(null);
        String where = n.name() + "/" + dev.name();
        if (ne == null || ne.mac() == null) {
            add(Kind.AMBIGUITY, Topic.NEIGHBOUR, where, "no neighbour entry for " + gw + " (" + owner.endpoint()
                    + "): the CNI programs a permanent one; without it ARP must cross the tunnel");
            return;
        }
        if (peerDev.mac() != null && !peerDev.mac().equals(ne.mac())) {
            add(Kind.CONTRADICTION, Topic.NEIGHBOUR, where, "ip neigh gives " + gw + " the MAC " + ne.mac() + ", but "
                    + owner.endpoint() + " has " + peerDev.mac());
        }
        FdbEntry fe = n.fdb().stream().filter(e -> e.mac().equals(ne.mac()) && dev.name().equals(e.dev()) && e.dst() != null)
                .findFirst().orElse(null);
        Ipv4Address vtep = peer.underlayAddress();
        if (peerDev.tunnel() instanceof TunnelConfig.Vxlan x && x.local() != null) {
            vtep = x.local();
        }
        if (fe == null) {
            if (!n.fdb().isEmpty()) {
                add(Kind.AMBIGUITY, Topic.NEIGHBOUR, where, "no FDB entry sends " + ne.mac() + " (" + gw + ") to a VTEP"
                        + (vtep != null ? "; " + owner.node() + "'s is " + vtep : ""));
            }
        } else if (vtep != null && !fe.dst().equals(vtep.toString())) {
            add(Kind.CONTRADICTION, Topic.NEIGHBOUR, where, "bridge fdb sends " + ne.mac() + " to " + fe.dst() + ", but "
                    + owner.node() + "'s VTEP is " + vtep);
        }
    }

    /** Veths that lead to a namespace where no pod and no segment was found. */
    private void leftoverVeths(Set<String> podSides, Map<Ipv4Prefix, List<Holder>> byPrefix) {
        Set<String> onSegments = new HashSet<>();
        byPrefix.values().forEach(hs -> hs.forEach(h -> onSegments.add(h.endpoint())));
        for (NodeModel n : nodes) {
            for (NodeDevice d : n.devices()) {
                String e = n.name() + "/" + d.name();
                if (d.isVeth() && !podSides.contains(e) && !onSegments.contains(e) && !d.name().startsWith("cilium_")) {
                    add(Kind.AMBIGUITY, Topic.POD, e, "a veth" + (d.peerNamespace() != null ? " to namespace " + d.peerNamespace() : "")
                            + ", but no /32 route, bridge or address says who is behind it; left unconnected");
                }
            }
        }
    }

    private NodeModel node(String name) {
        return nodes.stream().filter(n -> n.name().equals(name)).findFirst().orElseThrow();
    }

    private void add(Kind kind, Topic topic, String subject, String text) {
        findings.add(new Finding(kind, topic, subject, text));
    }
}
