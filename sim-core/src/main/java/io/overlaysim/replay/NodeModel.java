package io.overlaysim.replay;

import io.overlaysim.iproute.FdbEntry;
import io.overlaysim.iproute.NeighbourEntry;
import io.overlaysim.net.Ipv4Address;
import io.overlaysim.routing.InterfaceAddress;
import io.overlaysim.routing.Route;
import io.overlaysim.routing.Rule;
import io.overlaysim.routing.TableNames;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * A node rebuilt from its dumps: what the simulator needs to make it, and what had to be
 * inferred to get there ({@link #findings}). Built by {@link NodeBuilder}.
 *
 * <pre>{@code
 * NodeModel n = NodeBuilder.build(NodeDumps.read(Path.of("dumps/worker01"), false));
 * n.device("vxlan.calico").orElseThrow().tunnel();   // Vxlan[vni=4096, port=4789, local=192.168.0.176, ...]
 * n.findings(Finding.Kind.INFERRED);
 * }</pre>
 *
 * @param name the node's name
 * @param cni the CNI its devices show
 * @param devices its devices, in the link dump's order, then those inferred
 * @param addresses its IPv4 addresses (from {@code ip addr}, else inferred from the routes)
 * @param routes every route of the dump, IPv6 included, in dump order
 * @param tables the table names the dumps used
 * @param rules its rules (the dump's, else the kernel's defaults)
 * @param defaultRules whether the rules are the kernel's three defaults
 * @param neighbours {@code ip neigh} entries (empty without a dump)
 * @param fdb {@code bridge fdb} entries (empty without a dump)
 * @param findings what was inferred, contradicted or ambiguous
 * @param files the dump files read
 */
public record NodeModel(String name, Cni cni, List<NodeDevice> devices, List<InterfaceAddress> addresses,
                        List<Route> routes, TableNames tables, List<Rule> rules, boolean defaultRules,
                        List<NeighbourEntry> neighbours, List<FdbEntry> fdb, List<Finding> findings,
                        List<String> files) {
    public NodeModel {
        devices = List.copyOf(devices);
        addresses = List.copyOf(addresses);
        routes = List.copyOf(routes);
        rules = List.copyOf(rules);
        neighbours = List.copyOf(neighbours);
        fdb = List.copyOf(fdb);
        findings = List.copyOf(findings);
        files = List.copyOf(files);
    }

    public Optional<NodeDevice> device(String devName) {
        return devices.stream().filter(d -> d.name().equals(devName)).findFirst();
    }

    /** The IPv4 routes of one table, in dump order. */
    public List<Route> routes(int table) {
        return routes.stream().filter(r -> r.isV4() && r.table() == table).toList();
    }

    /** The ids of the tables holding IPv4 routes. */
    public SortedSet<Integer> tableIds() {
        TreeSet<Integer> ids = new TreeSet<>();
        routes.stream().filter(Route::isV4).forEach(r -> ids.add(r.table()));
        return ids;
    }

    public List<InterfaceAddress> addressesOf(String devName) {
        return addresses.stream().filter(a -> a.device().equals(devName)).toList();
    }

    /** Whether one of the node's addresses is {@code a}. */
    public boolean owns(Ipv4Address a) {
        return addresses.stream().anyMatch(x -> x.address().equals(a));
    }

    /**
     * The node's own (underlay) address: the address on the device of its default route, else
     * its first global address on a device that is neither a tunnel nor a bridge; null if none.
     */
    public Ipv4Address underlayAddress() {
        return NodeBuilder.underlay(this);
    }

    public List<Finding> findings(Finding.Kind kind) {
        return findings.stream().filter(f -> f.kind() == kind).toList();
    }
}
