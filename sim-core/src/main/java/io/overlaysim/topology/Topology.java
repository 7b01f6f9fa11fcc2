package io.overlaysim.topology;

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
import io.overlaysim.traffic.Ping;
import io.overlaysim.transport.UdpStack;
import io.overlaysim.traffic.PingOptions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jgrapht.Graph;
import org.jgrapht.alg.shortestpath.BFSShortestPath;
import org.jgrapht.alg.interfaces.ShortestPathAlgorithm.SingleSourcePaths;
import org.jgrapht.graph.SimpleGraph;

/**
 * Tiny routed topologies for tests and benchmarks, in one line: nodes joined by point-to-point
 * links, each link its own /30 from 10.0.0.0 (the first node named gets {@code .1}), devices
 * {@code eth0}, {@code eth1}, ... in the order links are added, static routes to every link
 * along the shortest path (a jgrapht graph), {@code ip_forward} on every node with more than
 * one link.
 *
 * <pre>{@code
 * // A ---- R ---- B
 * Topology t = Topology.chain(sim, "A", "R", "B");
 * Ping p = t.ping("A", "B", PingOptions.count(3));
 * sim.runUntilIdle();
 * }</pre>
 */
public final class Topology {
    /** One link: its ends, their devices and addresses, the /30. */
    public record Link(String a, EthernetDevice devA, int addrA, String b, EthernetDevice devB, int addrB,
            Ipv4Prefix prefix, PointToPointLink channel) {
    }

    private final Network network;
    private final Graph<String, Link> graph;
    private final List<Link> links;

    private Topology(Network network, Graph<String, Link> graph, List<Link> links) {
        this.network = network;
        this.graph = graph;
        this.links = links;
    }

    /** A chain {@code names[0] - names[1] - ... } of gigabit links. */
    public static Topology chain(Simulation sim, String... names) {
        return chain(sim, LinkConfig.GIGABIT, names);
    }

    public static Topology chain(Simulation sim, LinkConfig config, String... names) {
        Builder b = builder(sim);
        for (int i = 0; i + 1 < names.length; i++) {
            b.link(names[i], names[i + 1], config);
        }
        return b.build();
    }

    public static Builder builder(Simulation sim) {
        return new Builder(sim);
    }

    /** Collects nodes and links, then builds addresses and routes. */
    public static final class Builder {
        private final Simulation sim;
        private final Map<String, Node> nodes = new LinkedHashMap<>();
        private final List<Link> links = new ArrayList<>();
        private final Network network;

        private Builder(Simulation sim) {
            this.sim = sim;
            this.network = new Network(sim);
        }

        /** A node with UDP, as every Linux host has (protocol 17 answers port unreachable, not protocol unreachable). */
        private Node node(String name) {
            return nodes.computeIfAbsent(name, n -> {
                Node node = network.addNode(n);
                UdpStack.of(node);
                return node;
            });
        }

        public Builder link(String a, String b) {
            return link(a, b, LinkConfig.GIGABIT);
        }

        public Builder link(String a, String b, LinkConfig config) {
            Node na = node(a);
            Node nb = node(b);
            int base = links.size() * 4 + Ipv4Address.parse("10.0.0.0").bits();
            EthernetDevice da = na.addEthernet("eth" + (na.devices().size() - 1));
            EthernetDevice db = nb.addEthernet("eth" + (nb.devices().size() - 1));
            PointToPointLink ch = PointToPointLink.connect(sim, a + "-" + b, da, db, config);
            na.addAddress(da.name(), Ipv4Address.format(base + 1) + "/30");
            nb.addAddress(db.name(), Ipv4Address.format(base + 2) + "/30");
            links.add(new Link(a, da, base + 1, b, db, base + 2, Ipv4Prefix.of(base, 30), ch));
            return this;
        }

        public Topology build() {
            Graph<String, Link> g = new SimpleGraph<>(Link.class);
            nodes.keySet().forEach(g::addVertex);
            for (Link l : links) {
                g.addEdge(l.a(), l.b(), l);
            }
            BFSShortestPath<String, Link> bfs = new BFSShortestPath<>(g);
            for (String x : nodes.keySet()) {
                Node n = nodes.get(x);
                n.sysctls().ipForward = g.degreeOf(x) > 1;
                SingleSourcePaths<String, Link> paths = bfs.getPaths(x);
                for (Link l : links) {
                    if (l.a().equals(x) || l.b().equals(x)) {
                        continue;
                    }
                    var path = paths.getPath(l.a());
                    var path2 = paths.getPath(l.b());
                    var use = path2.getLength() < path.getLength() ? path2 : path;
                    Link first = use.getEdgeList().get(0);
                    boolean weAreA = first.a().equals(x);
                    int gw = weAreA ? first.addrB() : first.addrA();
                    String dev = (weAreA ? first.devA() : first.devB()).name();
                    RouteChange c = n.addRoute(Route.unicast(IpPrefix.v4(l.prefix()),
                            NextHop.via(IpAddress.v4(new Ipv4Address(gw)), dev)));
                    if (!(c instanceof RouteChange.Added)) {
                        throw new IllegalStateException("route refused on " + x + ": " + c);
                    }
                }
            }
            return new Topology(network, g, List.copyOf(links));
        }
    }

    public Network network() {
        return network;
    }

    public Node node(String name) {
        return network.node(name);
    }

    public List<Link> links() {
        return links;
    }

    public Graph<String, Link> graph() {
        return graph;
    }

    /** The link between {@code a} and {@code b}. */
    public Link link(String a, String b) {
        Link l = graph.getEdge(a, b);
        if (l == null) {
            throw new IllegalArgumentException("no link " + a + " - " + b);
        }
        return l;
    }

    /** The node's address on its first link. */
    public int address(String name) {
        for (Link l : links) {
            if (l.a().equals(name)) {
                return l.addrA();
            }
            if (l.b().equals(name)) {
                return l.addrB();
            }
        }
        throw new IllegalArgumentException("no node " + name);
    }

    /** {@code ping} from one node to another's first address. */
    public Ping ping(String from, String to, PingOptions opts) {
        return Ping.start(node(from), address(to), opts);
    }
}
