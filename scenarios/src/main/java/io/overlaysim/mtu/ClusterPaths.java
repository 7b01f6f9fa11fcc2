package io.overlaysim.mtu;

import io.overlaysim.net.Ipv4Address;
import io.overlaysim.replay.ClusterModel;
import io.overlaysim.replay.DeviceKind;
import io.overlaysim.replay.NodeDevice;
import io.overlaysim.replay.NodeModel;
import io.overlaysim.replay.Pod;
import io.overlaysim.routing.Fib;
import io.overlaysim.routing.FibConfig;
import io.overlaysim.routing.FibLoader;
import io.overlaysim.routing.AdaptivePrefixMap;
import io.overlaysim.routing.Route;
import io.overlaysim.routing.RouteAnswer;
import io.overlaysim.routing.RouteLookup;
import io.overlaysim.routing.RouteQuery;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Walks every pod-to-pod path of a cluster rebuilt from its dumps, statically, and notes each
 * device's limit on the inner datagram: the pod's {@code eth0} (and its routes' {@code mtu}), the
 * host-side veth (a veth drops frames larger than its receiving end's MTU:
 * {@code is_skb_forwardable} in {@code __dev_forward_skb}), the host's route lookup (the route's
 * {@code mtu} metric, else the device's, as {@code ip_dst_mtu_maybe_forward}), the tunnel device,
 * the NIC the outer packet leaves by and the receiving NIC on the same segment (both less the
 * encapsulation's overhead), then the receiving host's lookup toward the pod's veth and the
 * pod's {@code eth0}.
 *
 * <pre>{@code
 * List<PodPath> paths = ClusterPaths.of(ClusterBuilder.read(dirs, false)).all();
 * paths.get(0).mtu();          // 1450
 * paths.get(0).limitedBy();    // worker01/pod-0 eth0
 * }</pre>
 */
public final class ClusterPaths {
    private static final int MAX_NODES_ON_PATH = 8;

    private final ClusterModel cluster;
    private final Map<String, RouteLookup> lookups = new LinkedHashMap<>();

    private ClusterPaths(ClusterModel cluster) {
        this.cluster = cluster;
        for (NodeModel n : cluster.nodes()) {
            Fib fib = new Fib(FibConfig.oracle(), n.tables(), AdaptivePrefixMap::new);
            List<FibLoader.Line> lines = new ArrayList<>();
            int i = 0;
            for (Route r : n.routes()) {
                lines.add(new FibLoader.Line(++i, r));
            }
            FibLoader.load(fib, lines, n.addresses().isEmpty() ? null : n.addresses(), null,
                    n.devices().stream().map(NodeDevice::name).toList());
            lookups.put(n.name(), new RouteLookup(fib));
        }
    }

    public static ClusterPaths of(ClusterModel cluster) {
        return new ClusterPaths(cluster);
    }

    public ClusterModel cluster() {
        return cluster;
    }

    /** Every ordered pair of distinct pods, senders in the cluster's pod order. */
    public List<PodPath> all() {
        List<PodPath> out = new ArrayList<>();
        for (Pod a : cluster.pods()) {
            for (Pod b : cluster.pods()) {
                if (a != b) {
                    out.add(path(a, b));
                }
            }
        }
        return out;
    }

    /** The path from {@code a} to {@code b}. */
    public PodPath path(Pod a, Pod b) {
        List<PathHop> hops = new ArrayList<>();
        String podNode = a.fullName();
        hops.add(new PathHop(podNode, a.device(), a.mtu(), "pod " + a.device()));
        for (Route r : a.routes()) {
            if (r.metrics().mtu() > 0 && r.destination().isDefault()) {
                hops.add(new PathHop(podNode, a.device(), r.metrics().mtu(), "pod route mtu"));
            }
        }
        NodeModel n = cluster.node(a.node()).orElseThrow();
        device(n, a.hostDevice()).ifPresent(d -> hops.add(new PathHop(n.name(), d.name(), d.mtu(), "host veth (rx)")));
        int dst = b.address().bits();
        NodeModel at = n;
        for (int step = 0; step < MAX_NODES_ON_PATH; step++) {
            RouteAnswer answer = lookups.get(at.name()).get(RouteQuery.to(dst));
            if (!(answer instanceof RouteAnswer.Found f) || f.matched() == null) {
                return new PodPath(a.fullName(), a.address().toString(), b.fullName(), b.address().toString(), hops,
                        at.name() + " has no route to " + b.address());
            }
            NodeDevice out = device(at, f.dev()).orElse(null);
            if (out == null) {
                return incomplete(a, b, hops, at.name() + ": the route's device " + f.dev() + " is in no dump");
            }
            int routeMtu = f.matched().metrics().mtu();
            if (routeMtu > 0) {
                hops.add(new PathHop(at.name(), out.name(), routeMtu, "route mtu"));
            }
            if (at.name().equals(b.node()) && (out.name().equals(b.hostDevice()) || out.name().equals(b.bridge()))) {
                hops.add(new PathHop(at.name(), out.name(), out.mtu(), out.kind() == DeviceKind.BRIDGE ? "bridge" : "veth to pod"));
                if (out.kind() == DeviceKind.BRIDGE) {
                    NodeModel here = at;
                    device(here, b.hostDevice()).ifPresent(d -> hops.add(new PathHop(here.name(), d.name(), d.mtu(), "bridge port to pod")));
                }
                hops.add(new PathHop(b.fullName(), b.device(), b.mtu(), "pod " + b.device() + " (rx)"));
                return new PodPath(a.fullName(), a.address().toString(), b.fullName(), b.address().toString(), hops, null);
            }
            Ipv4Address gateway = f.gateway() == null ? b.address() : new Ipv4Address(f.gateway().v4bits());
            NodeModel next;
            if (out.isTunnel()) {
                int overhead = out.kind() == DeviceKind.IPIP ? 20 : 50;
                hops.add(new PathHop(at.name(), out.name(), out.mtu(), "tunnel"));
                next = owner(gateway).orElse(null);
                if (next == null) {
                    return incomplete(a, b, hops, at.name() + ": no node holds the tunnel's next hop " + gateway);
                }
                Ipv4Address remote = next.underlayAddress();
                if (underlay(at, next, remote, overhead, out.kind() == DeviceKind.IPIP ? "IPIP" : "VXLAN", hops) == null) {
                    return incomplete(a, b, hops, at.name() + " has no route to the tunnel end " + remote);
                }
            } else {
                hops.add(new PathHop(at.name(), out.name(), out.mtu(), "NIC"));
                next = owner(gateway).orElse(null);
                if (next == null) {
                    return incomplete(a, b, hops, at.name() + ": no node holds the next hop " + gateway);
                }
                receivingNic(at, out, next, 0, "", hops);
            }
            at = next;
        }
        return incomplete(a, b, hops, "more than " + MAX_NODES_ON_PATH + " nodes on the path (a loop?)");
    }

    /** The outer packet's lookup and NICs: the limits less the encapsulation's overhead. */
    private NodeDevice underlay(NodeModel at, NodeModel next, Ipv4Address remote, int overhead, String encap,
                                List<PathHop> hops) {
        if (remote == null) {
            return null;
        }
        RouteAnswer answer = lookups.get(at.name()).get(RouteQuery.to(remote.bits()));
        if (!(answer instanceof RouteAnswer.Found f)) {
            return null;
        }
        NodeDevice nic = device(at, f.dev()).orElse(null);
        if (nic == null) {
            return null;
        }
        int routeMtu = f.matched() == null ? 0 : f.matched().metrics().mtu();
        if (routeMtu > 0) {
            hops.add(new PathHop(at.name(), nic.name(), routeMtu - overhead,
                    "underlay route mtu " + routeMtu + " - " + overhead + " (" + encap + ")"));
        }
        hops.add(new PathHop(at.name(), nic.name(), nic.mtu() - overhead,
                "underlay NIC " + nic.mtu() + " - " + overhead + " (" + encap + ")"));
        receivingNic(at, nic, next, overhead, encap, hops);
        return nic;
    }

    /** The receiving node's NIC on the sender's segment: a frame above its MTU is dropped on receipt. */
    private void receivingNic(NodeModel at, NodeDevice nic, NodeModel next, int overhead, String encap,
                              List<PathHop> hops) {
        cluster.segmentOf(at.name() + "/" + nic.name()).ifPresent(seg -> {
            for (String e : seg.endpoints()) {
                if (e.startsWith(next.name() + "/")) {
                    device(next, e.substring(next.name().length() + 1)).ifPresent(d -> hops.add(new PathHop(
                            next.name(), d.name(), d.mtu() - overhead, overhead == 0 ? "NIC (rx)"
                                    : "NIC (rx) " + d.mtu() + " - " + overhead + " (" + encap + ")")));
                    return;
                }
            }
        });
    }

    private static PodPath incomplete(Pod a, Pod b, List<PathHop> hops, String why) {
        return new PodPath(a.fullName(), a.address().toString(), b.fullName(), b.address().toString(), hops, why);
    }

    private Optional<NodeModel> owner(Ipv4Address address) {
        return cluster.nodes().stream().filter(n -> n.owns(address)).findFirst();
    }

    private static Optional<NodeDevice> device(NodeModel n, String name) {
        return n.device(name);
    }
}
