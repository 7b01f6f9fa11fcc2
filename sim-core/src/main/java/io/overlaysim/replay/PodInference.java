package io.overlaysim.replay;

import io.overlaysim.iproute.FdbEntry;
import io.overlaysim.iproute.NeighbourEntry;
import io.overlaysim.iproute.RouteTextParser;
import io.overlaysim.net.Ipv4Address;
import io.overlaysim.net.Ipv4Prefix;
import io.overlaysim.net.MacAddress;
import io.overlaysim.replay.Finding.Kind;
import io.overlaysim.replay.Finding.Topic;
import io.overlaysim.routing.InterfaceAddress;
import io.overlaysim.routing.Route;
import io.overlaysim.routing.RouteType;
import io.overlaysim.routing.TableNames;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds the pods of a node: one behind each veth that a {@code /32 dev VETH} route points at
 * (Calico's {@code cali*}, Cilium's {@code lxc*}), and one on each veth port of a bridge that
 * holds an address (Flannel's {@code cni0}), each with its CNI's pod-side set-up.
 */
final class PodInference {
    /** Calico's pod gateway: a link-local address no one holds, answered by proxy ARP on the host side. */
    static final Ipv4Address CALICO_GATEWAY = Ipv4Address.parse("169.254.1.1");

    private final NodeModel n;
    private final List<Finding> findings;

    private PodInference(NodeModel n, List<Finding> findings) {
        this.n = n;
        this.findings = findings;
    }

    /** The pods of a node, named {@code pod-0...} in address order; findings are added to {@code findings}. */
    static List<Pod> pods(NodeModel n, List<Finding> findings) {
        return new PodInference(n, findings).run();
    }

    /** A pod found, before it is named. */
    private record Found(Ipv4Address address, int length, String hostDev, MacAddress mac, String bridge, String from) {
    }

    private List<Pod> run() {
        List<Found> found = new ArrayList<>();
        found.addAll(behindRoutes());
        for (NodeDevice b : n.devices()) {
            if (b.kind() == DeviceKind.BRIDGE) {
                found.addAll(onBridge(b));
            }
        }
        found.sort(Comparator.comparing(Found::address));
        List<Pod> pods = new ArrayList<>();
        for (int i = 0; i < found.size(); i++) {
            Found f = found.get(i);
            pods.add(pod("pod-" + i, f));
        }
        return pods;
    }

    private List<Found> behindRoutes() {
        Map<String, List<Ipv4Address>> byDev = new LinkedHashMap<>();
        for (Route r : n.routes(TableNames.MAIN)) {
            if (r.type() != RouteType.UNICAST || r.destination().length() != 32 || r.gateway() != null || r.device() == null
                    || r.nexthops().size() != 1) {
                continue;
            }
            NodeDevice d = n.device(r.device()).orElse(null);
            if (d != null && d.isVeth() && d.master() == null && !d.name().startsWith("cilium_")) {
                byDev.computeIfAbsent(d.name(), k -> new ArrayList<>()).add(r.destination().v4().address());
            }
        }
        List<Found> out = new ArrayList<>();
        byDev.forEach((dev, addrs) -> {
            addrs.sort(null);
            Ipv4Address a = addrs.get(0);
            if (addrs.size() > 1) {
                add(Kind.AMBIGUITY, Topic.POD, dev, addrs.size() + " /32 routes lead to it (" + addrs
                        + "): one pod with the first address, the others routed to it as well");
            }
            MacAddress mac = neighbourMac(a, dev);
            out.add(new Found(a, 32, dev, mac, null, "its /32 route dev " + dev
                    + (mac != null ? ", MAC from ip neigh" : ", no neighbour entry: MAC left to the simulator")));
        });
        return out;
    }

    private MacAddress neighbourMac(Ipv4Address a, String dev) {
        for (NeighbourEntry e : n.neighbours()) {
            if (e.isIpv4() && e.ipv4().equals(a) && dev.equals(e.dev()) && e.mac() != null) {
                return e.mac();
            }
        }
        return null;
    }

    private List<Found> onBridge(NodeDevice bridge) {
        InterfaceAddress ba = n.addressesOf(bridge.name()).stream().filter(x -> x.prefixLength() < 31).findFirst().orElse(null);
        List<NodeDevice> ports = n.devices().stream().filter(d -> bridge.name().equals(d.master()) && d.isVeth()).toList();
        if (ba == null || ports.isEmpty()) {
            return List.of();
        }
        Ipv4Prefix subnet = ba.prefix();
        Map<MacAddress, Ipv4Address> byMac = new LinkedHashMap<>();
        for (NeighbourEntry e : n.neighbours()) {
            if (e.isIpv4() && bridge.name().equals(e.dev()) && e.mac() != null && subnet.contains(e.ipv4())
                    && !e.ipv4().equals(ba.address())) {
                byMac.putIfAbsent(e.mac(), e.ipv4());
            }
        }
        Set<Ipv4Address> used = new LinkedHashSet<>();
        used.add(ba.address());
        List<Found> out = new ArrayList<>();
        List<NodeDevice> unmatched = new ArrayList<>();
        for (NodeDevice p : ports) {
            Found f = null;
            for (FdbEntry e : n.fdb()) {
                // a learned (dynamic) entry on the port is the pod's MAC; the permanent one is the port's own
                if (p.name().equals(e.dev()) && !e.self() && e.isDynamic() && byMac.containsKey(e.mac())) {
                    Ipv4Address a = byMac.get(e.mac());
                    f = new Found(a, ba.prefixLength(), p.name(), e.mac(), bridge.name(),
                            "ip neigh on " + bridge.name() + " and the FDB entry of its MAC on " + p.name());
                    break;
                }
            }
            if (f == null) {
                unmatched.add(p);
            } else {
                used.add(f.address());
                out.add(f);
            }
        }
        List<Map.Entry<MacAddress, Ipv4Address>> spare = byMac.entrySet().stream().filter(e -> !used.contains(e.getValue())).toList();
        int next = 0;
        for (NodeDevice p : unmatched) {
            if (next < spare.size()) {
                Map.Entry<MacAddress, Ipv4Address> s = spare.get(next++);
                used.add(s.getValue());
                out.add(new Found(s.getValue(), ba.prefixLength(), p.name(), s.getKey(), bridge.name(),
                        "ip neigh on " + bridge.name() + "; no FDB entry ties it to a port: given to " + p.name() + " by order"));
                add(Kind.AMBIGUITY, Topic.POD, p.name(), "no FDB entry tells which pod is behind it: " + s.getValue()
                        + " (a neighbour on " + bridge.name() + ") assumed");
                continue;
            }
            Ipv4Address a = null;
            for (int c = subnet.bits() + 1; subnet.contains(c) && c != subnet.broadcast().bits(); c++) {
                if (!used.contains(new Ipv4Address(c))) {
                    a = new Ipv4Address(c);
                    break;
                }
            }
            if (a == null) {
                add(Kind.AMBIGUITY, Topic.POD, p.name(), "no address left in " + subnet + " for the pod behind it; left out");
                continue;
            }
            used.add(a);
            out.add(new Found(a, ba.prefixLength(), p.name(), null, bridge.name(),
                    "the next free address of " + bridge.name() + "'s subnet " + subnet + " (no neighbour entry)"));
            add(Kind.AMBIGUITY, Topic.POD, p.name(), "no neighbour entry tells the address of the pod behind it: " + a
                    + ", the next free one of " + subnet + ", assumed");
        }
        return out;
    }

    private Pod pod(String name, Found f) {
        NodeDevice host = n.device(f.hostDev()).orElseThrow();
        List<String> lines = new ArrayList<>();
        boolean proxyArp = false;
        Cni cni = n.cni();
        String setup;
        if (f.bridge() != null) {
            Ipv4Address gw = n.addressesOf(f.bridge()).get(0).address();
            Ipv4Prefix subnet = Ipv4Prefix.of(f.address(), f.length());
            lines.add("default via " + gw + " dev eth0");
            lines.add(subnet + " dev eth0 proto kernel scope link src " + f.address());
            setup = "the bridge CNI's pod side: " + f.address() + "/" + f.length() + " on eth0, default via " + gw
                    + " (" + f.bridge() + ")";
        } else {
            Ipv4Address gw = CALICO_GATEWAY;
            if (cni == Cni.CILIUM) {
                gw = n.addressesOf("cilium_host").stream().map(InterfaceAddress::address).findFirst().orElse(CALICO_GATEWAY);
            }
            lines.add("default via " + gw + " dev eth0");
            lines.add(gw + " dev eth0 scope link");
            proxyArp = true;
            setup = switch (cni) {
                case CILIUM -> "Cilium's pod side: default via " + gw + " dev eth0; proxy ARP on " + f.hostDev()
                        + " stands in for Cilium's eBPF ARP responder";
                case CALICO -> "Calico's pod side: default via 169.254.1.1 dev eth0, proxy ARP on " + f.hostDev();
                default -> "no CNI recognised: Calico's pod side assumed (default via 169.254.1.1 dev eth0, proxy ARP on "
                        + f.hostDev() + ")";
            };
        }
        List<Route> routes = new RouteTextParser(new TableNames(), false).parse(name, String.join("\n", lines)).routes();
        add(cni == Cni.UNKNOWN && f.bridge() == null ? Kind.AMBIGUITY : Kind.INFERRED, Topic.POD, name,
                f.address() + "/" + f.length() + " behind " + f.hostDev() + ", from " + f.from() + "; " + setup);
        return new Pod(n.name(), name, f.address(), f.length(), f.hostDev(), "eth0", f.mac(), host.mtu(), cni, routes,
                proxyArp, f.bridge(), f.from());
    }

    private void add(Kind kind, Topic topic, String subject, String text) {
        findings.add(new Finding(kind, topic, n.name() + "/" + subject, text));
    }
}
