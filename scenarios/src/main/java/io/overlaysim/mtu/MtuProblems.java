package io.overlaysim.mtu;

import io.overlaysim.iproute.RoutePrinter;
import io.overlaysim.replay.ClusterModel;
import io.overlaysim.replay.DeviceKind;
import io.overlaysim.replay.NodeDevice;
import io.overlaysim.replay.NodeModel;
import io.overlaysim.replay.Pod;
import io.overlaysim.replay.Segment;
import io.overlaysim.replay.TunnelConfig;
import io.overlaysim.routing.Route;
import io.overlaysim.routing.RouteMetrics;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Finds the MTU misconfigurations of a cluster rebuilt from its dumps, each with the {@code ip}
 * command that fixes it: tunnels larger than their NIC less the overhead, pods and their veths
 * larger than the tunnel (or NIC) carries, route {@code mtu} metrics below their device's MTU,
 * tunnel MTUs that differ between nodes, and NICs of one segment with different MTUs.
 *
 * <pre>{@code
 * MtuProblems.of(cluster).forEach(p -> System.out.println(p.where() + ": " + p.text() + "\n  " + p.fix()));
 * }</pre>
 */
public final class MtuProblems {

    private MtuProblems() {}

    /** The problems, in a stable order: node by node (tunnels, pods, routes), then cluster-wide. */
    public static List<MtuProblem> of(ClusterModel cluster) {
        List<MtuProblem> out = new ArrayList<>();
        for (NodeModel n : cluster.nodes()) {
            tunnels(n, out);
            pods(n, cluster.podsOf(n.name()), out);
            routes(n, out);
        }
        mixedTunnels(cluster, out);
        mixedSegments(cluster, out);
        return List.copyOf(out);
    }

    /** The encapsulation overhead of a tunnel device: 20 for IPIP, 50 for VXLAN over IPv4. */
    static int overhead(NodeDevice d) {
        return d.kind() == DeviceKind.IPIP ? 20 : d.kind() == DeviceKind.VXLAN ? 50 : 0;
    }

    /** The NIC under a tunnel: its configured {@code dev}, else the device holding the node's own address. */
    static NodeDevice lower(NodeModel n, NodeDevice tunnel) {
        String dev = switch (tunnel.tunnel()) {
            case TunnelConfig.Vxlan v -> v.dev();
            case TunnelConfig.Ipip i -> i.dev();
            case null -> null;
        };
        if (dev == null && n.underlayAddress() != null) {
            dev = n.addresses().stream().filter(a -> a.address().equals(n.underlayAddress()))
                    .map(a -> a.device()).findFirst().orElse(null);
        }
        return dev == null ? null : n.device(dev).orElse(null);
    }

    /** The largest inner datagram a tunnel carries: its MTU, and its NIC's less the overhead. */
    static int carried(NodeModel n, NodeDevice tunnel) {
        NodeDevice nic = lower(n, tunnel);
        return nic == null ? tunnel.mtu() : Math.min(tunnel.mtu(), nic.mtu() - overhead(tunnel));
    }

    private static void tunnels(NodeModel n, List<MtuProblem> out) {
        for (NodeDevice t : n.devices()) {
            NodeDevice nic = t.isTunnel() ? lower(n, t) : null;
            if (nic != null && t.mtu() > nic.mtu() - overhead(t)) {
                int want = nic.mtu() - overhead(t);
                out.add(new MtuProblem(MtuProblem.Kind.TUNNEL_MTU_TOO_LARGE, n.name(), t.name(),
                        t.kind().yamlName().toUpperCase(java.util.Locale.ROOT) + " device MTU " + t.mtu()
                                + " is larger than its NIC " + nic.name() + " (" + nic.mtu() + ") less the "
                                + overhead(t) + "-byte overhead: outer packets above " + nic.mtu()
                                + " bytes are fragmented or dropped",
                        "ip link set dev " + t.name() + " mtu " + want));
            }
        }
    }

    private static void pods(NodeModel n, List<Pod> pods, List<MtuProblem> out) {
        NodeDevice limiter = null;
        int cap = Integer.MAX_VALUE;
        for (NodeDevice t : n.devices()) {
            if (t.isTunnel() && carried(n, t) < cap) {
                cap = carried(n, t);
                limiter = t;
            }
        }
        if (limiter == null) {
            return;
        }
        for (Pod p : pods) {
            if (p.mtu() <= cap) {
                continue;
            }
            String why = " is larger than the " + cap + " bytes " + limiter.name() + " carries: larger packets to"
                    + " other nodes are fragmented, or with DF refused (a black hole if the ICMP error is lost)";
            out.add(new MtuProblem(MtuProblem.Kind.POD_MTU_TOO_LARGE, n.name(), p.hostDevice(),
                    "veth MTU " + p.mtu() + " of " + p.name() + " (" + p.address() + ")" + why,
                    "ip link set dev " + p.hostDevice() + " mtu " + cap));
            out.add(new MtuProblem(MtuProblem.Kind.POD_MTU_TOO_LARGE, p.fullName(), p.device(),
                    "pod " + p.device() + " MTU " + p.mtu() + why,
                    "ip link set dev " + p.device() + " mtu " + cap + "   # in the pod's network namespace"));
        }
    }

    private static void routes(NodeModel n, List<MtuProblem> out) {
        RoutePrinter printer = new RoutePrinter(n.tables());
        for (Route r : n.routes()) {
            int mtu = r.metrics().mtu();
            NodeDevice d = r.device() == null ? null : n.device(r.device()).orElse(null);
            if (!r.isV4() || mtu == 0 || d == null || mtu >= d.mtu()) {
                continue;
            }
            Map<String, String> metrics = new LinkedHashMap<>(r.metrics().values());
            metrics.remove("mtu");
            Set<String> locked = new LinkedHashSet<>(r.metrics().locked());
            locked.remove("mtu");
            Route fixed = new Route(r.type(), r.destination(), r.source(), r.table(), r.tos(), r.protocol(), r.scope(),
                    r.metric(), r.prefsrc(), r.nexthops(), r.multipath(), r.nhid(), r.flags(),
                    new RouteMetrics(metrics, locked), r.pref(), r.expires(), r.extras());
            out.add(new MtuProblem(MtuProblem.Kind.ROUTE_MTU_BELOW_DEVICE, n.name(), d.name(),
                    "route " + r.destination() + " has mtu " + mtu + ", below " + d.name() + "'s MTU " + d.mtu()
                            + ": packets on it are cut to " + mtu + " bytes",
                    "ip route replace " + printer.text(fixed).strip()));
        }
    }

    private static void mixedTunnels(ClusterModel cluster, List<MtuProblem> out) {
        Map<String, List<NodeDevice>> byKind = new TreeMap<>();
        Map<NodeDevice, String> nodeOf = new LinkedHashMap<>();
        for (NodeModel n : cluster.nodes()) {
            for (NodeDevice d : n.devices()) {
                if (d.isTunnel()) {
                    byKind.computeIfAbsent(d.kind().yamlName() + " " + d.name(), k -> new ArrayList<>()).add(d);
                    nodeOf.put(d, n.name());
                }
            }
        }
        for (List<NodeDevice> same : byKind.values()) {
            int target = mostCommon(same.stream().map(NodeDevice::mtu).toList());
            for (NodeDevice d : same) {
                if (d.mtu() != target) {
                    out.add(new MtuProblem(MtuProblem.Kind.MIXED_TUNNEL_MTU, nodeOf.get(d), d.name(),
                            d.name() + " MTU " + d.mtu() + " differs from the " + target + " of the other nodes'"
                                    + " " + d.name() + ": the two directions of a path get different MTUs",
                            "ip link set dev " + d.name() + " mtu " + target));
                }
            }
        }
    }

    private static void mixedSegments(ClusterModel cluster, List<MtuProblem> out) {
        for (Segment s : cluster.segments()) {
            Map<String, NodeDevice> ends = new LinkedHashMap<>();
            for (String e : s.endpoints()) {
                int slash = e.indexOf('/');
                cluster.node(e.substring(0, slash)).flatMap(n -> n.device(e.substring(slash + 1)))
                        .ifPresent(d -> ends.put(e, d));
            }
            int min = ends.values().stream().mapToInt(NodeDevice::mtu).min().orElse(0);
            String smallest = ends.entrySet().stream().filter(e -> e.getValue().mtu() == min).map(Map.Entry::getKey)
                    .findFirst().orElse("");
            for (var e : ends.entrySet()) {
                NodeDevice d = e.getValue();
                if (d.mtu() > min) {
                    out.add(new MtuProblem(MtuProblem.Kind.MIXED_SEGMENT_MTU, e.getKey().substring(0, e.getKey().indexOf('/')),
                            d.name(), "NIC MTU " + d.mtu() + " on " + s.name() + ", where " + smallest + " has " + min
                                    + ": frames above " + min + " bytes are dropped there",
                            "ip link set dev " + d.name() + " mtu " + min));
                }
            }
        }
    }

    /** The value most of them have; on a tie the smallest. */
    private static int mostCommon(List<Integer> values) {
        Map<Integer, Integer> counts = new TreeMap<>();
        values.forEach(v -> counts.merge(v, 1, Integer::sum));
        return counts.entrySet().stream().max(Comparator.<Map.Entry<Integer, Integer>>comparingInt(Map.Entry::getValue)
                .thenComparing(Map.Entry::getKey, Comparator.reverseOrder())).orElseThrow().getKey();
    }
}
