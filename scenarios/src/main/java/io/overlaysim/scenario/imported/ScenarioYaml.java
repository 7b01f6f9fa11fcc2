package io.overlaysim.scenario.imported;

import io.overlaysim.iproute.FdbEntry;
import io.overlaysim.iproute.FdbPrinter;
import io.overlaysim.iproute.NeighbourEntry;
import io.overlaysim.iproute.NeighbourPrinter;
import io.overlaysim.iproute.RoutePrinter;
import io.overlaysim.iproute.RulePrinter;
import io.overlaysim.net.MacAddress;
import io.overlaysim.replay.ClusterModel;
import io.overlaysim.replay.DeviceKind;
import io.overlaysim.replay.ExternalRouter;
import io.overlaysim.replay.Finding;
import io.overlaysim.replay.NodeDevice;
import io.overlaysim.replay.NodeModel;
import io.overlaysim.replay.Pod;
import io.overlaysim.replay.Segment;
import io.overlaysim.replay.TunnelConfig;
import io.overlaysim.routing.InterfaceAddress;
import io.overlaysim.routing.Route;
import io.overlaysim.routing.RouteType;
import io.overlaysim.routing.TableNames;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Writes a {@link ClusterModel} as a scenario file (the format of {@code scenario.schema.json}):
 * declared nodes with their devices, addresses, routes ({@code ip route} lines), non-default
 * rules, the neighbour and FDB entries the CNI programmed, sysctls, the pods and external
 * routers, and the inferred segments. Deterministic: the same dumps give the same bytes. Both
 * {@code overlaysim import} and the executor (nodes imported in a scenario, {@code overlaysim
 * trace}) go through it, so what runs is what {@code import} writes.
 */
public final class ScenarioYaml {
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z_][A-Za-z0-9._/-]*|[0-9][0-9.]*/?[0-9]*[A-Za-z._-][A-Za-z0-9._/-]*");
    private static final Set<String> RESERVED = Set.of("y", "n", "yes", "no", "on", "off", "true", "false", "null", "~");

    private final ClusterModel c;
    private final StringBuilder out = new StringBuilder();

    private ScenarioYaml(ClusterModel c) {
        this.c = c;
    }

    /** The scenario text, starting with the schema comment. */
    public static String write(ClusterModel c, String name, String schemaRef) {
        return new ScenarioYaml(c).run(name, schemaRef);
    }

    private String run(String name, String schemaRef) {
        line("# yaml-language-server: $schema=" + schemaRef);
        line("#");
        line("# Imported by `overlaysim import` from the dumps of " + String.join(", ", c.nodes().stream().map(NodeModel::name).toList())
                + ". What was inferred: " + c.findings(Finding.Kind.INFERRED).size() + " findings, "
                + c.findings(Finding.Kind.CONTRADICTION).size() + " contradictions, " + c.findings(Finding.Kind.AMBIGUITY).size()
                + " ambiguities; `overlaysim import --explain` prints them.");
        line("# Learned neighbour and FDB entries are left for ARP and bridges to learn again, local-table routes");
        line("# for the kernel to derive from the addresses; IPv6 routes are left out (IPv6 forwarding is later work).");
        line("name: " + key(name));
        line("description: " + scalar("Replayed from the ip/bridge dumps of " + c.nodes().size() + " nodes"));
        line("");
        line("nodes:");
        for (NodeModel n : c.nodes()) {
            node(n);
        }
        for (Pod p : c.pods()) {
            pod(p);
        }
        for (ExternalRouter r : c.routers()) {
            line("  " + key(r.name()) + ":");
            line("    # not dumped: " + r.address() + " is a gateway of " + String.join(", ", r.usedBy()));
            line("    devices:");
            int mtu = c.segments().stream().filter(s -> s.name().equals(r.segment())).mapToInt(Segment::mtu).findFirst().orElse(1500);
            line("      " + r.device() + ": {mtu: " + mtu + "}");
            line("    addresses: [" + r.address() + "/" + r.prefixLength() + " dev " + r.device() + "]");
            line("    sysctls: {ip_forward: 1}");
        }
        if (!c.segments().isEmpty()) {
            line("");
            line("segments:");
            for (Segment s : c.segments()) {
                line("  " + key(s.name()) + ":");
                line("    endpoints: [" + String.join(", ", s.endpoints()) + "]");
                line("    mtu: " + s.mtu());
            }
        }
        return out.toString();
    }

    private void node(NodeModel n) {
        Map<String, Pod> podsByHost = new LinkedHashMap<>();
        c.podsOf(n.name()).forEach(p -> podsByHost.put(p.hostDevice(), p));
        line("  " + key(n.name()) + ":");
        line("    devices:");
        for (NodeDevice d : n.devices()) {
            if (d.kind() == DeviceKind.LOOPBACK) {
                continue;
            }
            device(n, d, podsByHost.get(d.name()));
        }
        List<InterfaceAddress> addrs = n.addresses().stream().filter(a -> !a.address().isLoopback()).toList();
        if (!addrs.isEmpty()) {
            line("    addresses:");
            addrs.forEach(a -> line("      - " + address(a)));
        }
        RoutePrinter printer = new RoutePrinter(n.tables());
        List<String> routes = new ArrayList<>();
        int v6 = 0;
        for (Route r : n.routes()) {
            if (!r.isV4()) {
                v6++;
            } else if (r.table() != TableNames.LOCAL && r.type() != RouteType.LOCAL && r.type() != RouteType.BROADCAST) {
                routes.add(printer.text(r).replaceAll("\\s*\\n\\s*", " ").strip());
            }
        }
        if (v6 > 0) {
            line("    # " + v6 + " IPv6 routes of the dump left out");
        }
        block("routes", routes);
        if (!n.defaultRules()) {
            block("rules", n.rules().stream().map(r -> RulePrinter.print(r, n.tables())).toList());
        }
        List<NeighbourEntry> neigh = n.neighbours().stream().filter(e -> e.isIpv4() && e.mac() != null
                && (e.isPermanent() || e.states().stream().anyMatch(s -> s.name().equals("NOARP")))).toList();
        block("neighbours", neigh.stream().map(NeighbourPrinter::print).toList());
        block("fdb", fdb(n).stream().map(FdbPrinter::print).toList());
        List<String> proxy = n.devices().stream().map(NodeDevice::name)
                .filter(d -> podsByHost.containsKey(d) && podsByHost.get(d).hostProxyArp()).toList();
        StringBuilder sys = new StringBuilder("{ip_forward: 1");
        if (!proxy.isEmpty()) {
            sys.append(", proxy_arp: {").append(String.join(", ", proxy.stream().map(d -> key(d) + ": 1").toList())).append('}');
        }
        line("    sysctls: " + sys + "}");
    }

    /** The entries the CNI programmed: remote VTEPs, and static unicast entries that are not a device's own MAC. */
    private static List<FdbEntry> fdb(NodeModel n) {
        Set<MacAddress> own = new HashSet<>();
        n.devices().forEach(d -> {
            if (d.mac() != null) {
                own.add(d.mac());
            }
        });
        return n.fdb().stream().filter(e -> e.dst() != null
                || ((e.isPermanent() || e.isStatic()) && !e.mac().isMulticast() && !own.contains(e.mac()))).toList();
    }

    private void device(NodeModel n, NodeDevice d, Pod pod) {
        Map<String, String> f = new LinkedHashMap<>();
        String comment = null;
        boolean onSegment = c.segmentOf(n.name() + "/" + d.name()).isPresent();
        switch (d.kind()) {
            case VETH -> {
                if (pod != null) {
                    f.put("kind", "veth");
                    f.put("peer", pod.fullName() + "/" + pod.device());
                } else {
                    comment = onSegment ? "a veth in the dumps, the node's NIC here" : "a veth whose other end is in no dump";
                }
            }
            case BRIDGE -> f.put("kind", "bridge");
            case IPIP, VXLAN -> f.put("kind", d.kind().yamlName());
            case OTHER -> comment = "a device the simulator does not model; an Ethernet device here";
            default -> { }
        }
        f.put("mtu", Integer.toString(d.mtu()));
        if (d.mac() != null) {
            f.put("mac", "\"" + d.mac() + "\"");
        }
        if (!d.up()) {
            f.put("up", "false");
        }
        if (d.master() != null) {
            f.put("master", key(d.master()));
        }
        switch (d.tunnel()) {
            case TunnelConfig.Vxlan x -> {
                f.put("id", Integer.toString(x.vni()));
                f.put("port", Integer.toString(x.port()));
                if (x.local() != null) {
                    f.put("local", x.local().toString());
                }
                if (x.dev() != null) {
                    f.put("dev", key(x.dev()));
                }
                f.put("learning", Boolean.toString(x.learning()));
            }
            case TunnelConfig.Ipip p -> {
                if (p.local() != null) {
                    f.put("local", p.local().toString());
                }
                if (p.remote() != null) {
                    f.put("remote", p.remote().toString());
                }
                if (p.dev() != null) {
                    f.put("dev", key(p.dev()));
                }
                if (p.ttl() != null && (p.ttl().equals("inherit") || p.ttl().matches("[1-9][0-9]{0,2}"))) {
                    f.put("ttl", p.ttl());
                }
                if (p.pmtudisc() != null) {
                    f.put("pmtudisc", p.pmtudisc().toString());
                }
            }
            case null -> { }
        }
        line("      " + key(d.name()) + ": " + flow(f) + (comment == null ? "" : "  # " + comment));
    }

    private void pod(Pod p) {
        line("  " + key(p.fullName()) + ":");
        line("    # " + p.address() + " behind " + p.node() + "/" + p.hostDevice() + ", from " + p.addressFrom());
        Map<String, String> f = new LinkedHashMap<>();
        f.put("kind", "veth");
        f.put("peer", p.node() + "/" + p.hostDevice());
        f.put("mtu", Integer.toString(p.mtu()));
        if (p.mac() != null) {
            f.put("mac", "\"" + p.mac() + "\"");
        }
        line("    devices:");
        line("      " + p.device() + ": " + flow(f));
        line("    addresses: [" + p.address() + "/" + p.prefixLength() + " dev " + p.device() + "]");
        RoutePrinter printer = new RoutePrinter(new TableNames());
        block("routes", p.routes().stream().map(printer::text).toList());
    }

    private static String address(InterfaceAddress a) {
        String s = a.address() + "/" + a.prefixLength() + " dev " + a.device();
        if (!a.scope().equals("global") && (a.scope().equals("link") || a.scope().equals("host"))) {
            return "{address: " + a.address() + "/" + a.prefixLength() + ", dev: " + key(a.device()) + ", scope: " + a.scope() + "}";
        }
        return s;
    }

    private void block(String k, List<String> lines) {
        if (lines.isEmpty()) {
            return;
        }
        line("    " + k + ": |");
        lines.forEach(l -> line("      " + l.strip()));
    }

    private static String flow(Map<String, String> f) {
        return "{" + String.join(", ", f.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue()).toList()) + "}";
    }

    /** A key or value as a plain scalar when YAML reads it back as that string, else double-quoted. */
    static String key(String s) {
        if (PLAIN.matcher(s).matches() && !RESERVED.contains(s.toLowerCase(java.util.Locale.ROOT))) {
            return s;
        }
        return scalar(s);
    }

    private static String scalar(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private void line(String s) {
        out.append(s).append('\n');
    }
}
