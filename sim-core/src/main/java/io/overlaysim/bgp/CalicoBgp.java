package io.overlaysim.bgp;

import io.overlaysim.engine.Simulation;
import io.overlaysim.net.Ipv4Address;
import io.overlaysim.net.Ipv4Prefix;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The BGP speakers of a Calico cluster, configured as Calico's {@code bird.cfg.template}
 * configures BIRD: one speaker per node, router id = node address, AS 64512, every session with
 * Calico's timers and {@code add paths on}, each node originating its IPAM blocks. Topologies:
 * <ul>
 *   <li>full mesh: a session to every other node, {@code passive on} toward peers whose address
 *       is greater <em>as a string</em> ("192.168.0.50" > "192.168.0.176");</li>
 *   <li>route reflectors: the reflectors peer with every node (clients as {@code rr client}, with
 *       the cluster id) and with each other; clients peer only with the reflectors;</li>
 *   <li>top of rack: per rack a ToR router in its own AS; the rack's nodes (one AS per rack) mesh
 *       among themselves and peer eBGP with their ToR; the ToRs peer eBGP with each other.</li>
 * </ul>
 *
 * <pre>{@code
 * CalicoBgp c = CalicoBgp.builder(sim, transport)
 *         .node("worker01", "192.168.0.176", "172.16.52.128/26")
 *         .node("worker02", "192.168.0.146", "172.16.103.64/26")
 *         .fullMesh().build();
 * c.start();
 * }</pre>
 */
public final class CalicoBgp {
    /** Calico's default AS ({@code asNumber} of the default BGPConfiguration). */
    public static final long DEFAULT_AS = 64512;

    private final Map<String, BgpSpeaker> speakers;

    private CalicoBgp(Map<String, BgpSpeaker> speakers) {
        this.speakers = speakers;
    }

    /** A builder whose speakers all share one transport (the in-memory one). */
    public static Builder builder(Simulation sim, BgpTransport transport) {
        return new Builder(sim, name -> transport);
    }

    /** A builder giving each speaker its own transport, by node name (TCP on each simulated node). */
    public static Builder builder(Simulation sim, Function<String, BgpTransport> transports) {
        return new Builder(sim, transports);
    }

    /** Starts every speaker, in the order the nodes were given. */
    public void start() {
        speakers.values().forEach(BgpSpeaker::start);
    }

    public BgpSpeaker speaker(String name) {
        BgpSpeaker s = speakers.get(name);
        if (s == null) {
            throw new IllegalArgumentException("no node or router named " + name);
        }
        return s;
    }

    /** Every speaker: nodes in the order given, then ToR routers. */
    public Collection<BgpSpeaker> speakers() {
        return speakers.values();
    }

    /** Whether every configured session is Established. */
    public boolean converged() {
        for (BgpSpeaker s : speakers.values()) {
            for (BgpNeighbor n : s.neighbors()) {
                if (n.established() == null) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Calico's mesh rule: passive toward a peer whose address is greater as a string. */
    public static boolean passiveToward(Ipv4Address self, Ipv4Address peer) {
        return peer.toString().compareTo(self.toString()) > 0;
    }

    /** Builds the speakers. */
    public static final class Builder {
        private record Node(String name, Ipv4Address address, List<Ipv4Prefix> blocks) {}

        private record Rack(String tor, Ipv4Address torAddress, long torAs, long nodeAs, List<String> nodes) {}

        private final Simulation sim;
        private final Function<String, BgpTransport> transports;
        private final Map<String, Node> nodes = new LinkedHashMap<>();
        private long asn = DEFAULT_AS;
        private BgpTimers timers = BgpTimers.CALICO;
        private boolean addPaths = true;
        private List<String> reflectors = List.of();
        private Ipv4Address clusterId;
        private final List<Rack> racks = new ArrayList<>();
        /** One interner for the cluster: 5,000 speakers share each prefix, attribute set and path once. */
        private final RouteInterner interner = new RouteInterner();

        private Builder(Simulation sim, Function<String, BgpTransport> transports) {
            this.sim = sim;
            this.transports = transports;
        }

        public Builder node(String name, String address, String... blocks) {
            List<Ipv4Prefix> bs = new ArrayList<>();
            for (String b : blocks) {
                bs.add(Ipv4Prefix.parse(b));
            }
            return node(name, Ipv4Address.parse(address), bs);
        }

        public Builder node(String name, Ipv4Address address, List<Ipv4Prefix> blocks) {
            if (nodes.put(name, new Node(name, address, List.copyOf(blocks))) != null) {
                throw new IllegalArgumentException("node " + name + " given twice");
            }
            return this;
        }

        public Builder asNumber(long as) {
            this.asn = as;
            return this;
        }

        public Builder timers(BgpTimers t) {
            this.timers = t;
            return this;
        }

        public Builder addPaths(boolean on) {
            this.addPaths = on;
            return this;
        }

        /** The node-to-node mesh (the default). */
        public Builder fullMesh() {
            reflectors = List.of();
            racks.clear();
            return this;
        }

        /** These nodes reflect for everyone else, all with one cluster id. */
        public Builder routeReflectors(Ipv4Address cluster, String... reflectorNodes) {
            this.reflectors = List.of(reflectorNodes);
            this.clusterId = cluster;
            return this;
        }

        /** A rack: its ToR router (name, address, AS) and nodes, which take AS {@code nodeAs}. */
        public Builder rack(String tor, String torAddress, long torAs, long nodeAs, String... rackNodes) {
            racks.add(new Rack(tor, Ipv4Address.parse(torAddress), torAs, nodeAs, List.of(rackNodes)));
            return this;
        }

        private PeerConfig peer(String name, Ipv4Address address, long as) {
            return PeerConfig.of(address, as).withName(name).withTimers(timers).withAddPaths(addPaths);
        }

        /** The speakers, configured and originating their blocks, not started. */
        public CalicoBgp build() {
            Map<String, BgpSpeaker> out = new LinkedHashMap<>();
            Map<String, Long> nodeAs = new LinkedHashMap<>();
            for (Rack r : racks) {
                r.nodes().forEach(n -> nodeAs.put(n, r.nodeAs()));
            }
            for (Node n : nodes.values()) {
                out.put(n.name(), new BgpSpeaker(sim, transports.apply(n.name()), n.name(), n.address(), n.address(),
                    nodeAs.getOrDefault(n.name(), asn), interner));
            }
            if (!racks.isEmpty()) {
                buildRacks(out);
            } else if (!reflectors.isEmpty()) {
                buildReflectors(out);
            } else {
                mesh(out, nodes.keySet());
            }
            for (Node n : nodes.values()) {
                n.blocks().forEach(out.get(n.name())::originate);
            }
            return new CalicoBgp(out);
        }

        /** Calico's {@code Mesh_} peers among the given nodes. */
        private void mesh(Map<String, BgpSpeaker> out, Collection<String> names) {
            for (String a : names) {
                BgpSpeaker s = out.get(a);
                for (String b : names) {
                    if (!a.equals(b)) {
                        BgpSpeaker t = out.get(b);
                        s.addNeighbor(peer("Mesh_" + t.address().toString().replace('.', '_'), t.address(), t.asn())
                                .withPassive(passiveToward(s.address(), t.address())));
                    }
                }
            }
        }

        private void buildReflectors(Map<String, BgpSpeaker> out) {
            Set<String> rrs = new LinkedHashSet<>(reflectors);
            for (String r : rrs) {
                if (!nodes.containsKey(r)) {
                    throw new IllegalArgumentException("route reflector " + r + " is not a node");
                }
                out.get(r).withClusterId(clusterId);
            }
            mesh(out, rrs);
            for (String r : rrs) {
                BgpSpeaker rr = out.get(r);
                for (Node n : nodes.values()) {
                    if (rrs.contains(n.name())) {
                        continue;
                    }
                    BgpSpeaker c = out.get(n.name());
                    String rrName = "Node_" + c.address().toString().replace('.', '_');
                    rr.addNeighbor(peer(rrName, c.address(), c.asn()).withRrClient(true)
                            .withPassive(passiveToward(rr.address(), c.address())));
                    c.addNeighbor(peer("Node_" + rr.address().toString().replace('.', '_'), rr.address(), rr.asn())
                            .withPassive(passiveToward(c.address(), rr.address())));
                }
            }
        }

        private void buildRacks(Map<String, BgpSpeaker> out) {
            for (Rack r : racks) {
                out.put(r.tor(), new BgpSpeaker(sim, transports.apply(r.tor()), r.tor(), r.torAddress(), r.torAddress(), r.torAs(),
                        interner));
            }
            for (Rack r : racks) {
                BgpSpeaker tor = out.get(r.tor());
                mesh(out, r.nodes());
                for (String name : r.nodes()) {
                    BgpSpeaker n = out.get(name);
                    n.addNeighbor(peer("Global_" + tor.address().toString().replace('.', '_'), tor.address(), tor.asn()));
                    tor.addNeighbor(PeerConfig.of(n.address(), n.asn()).withTimers(timers));
                }
                for (Rack o : racks) {
                    if (o != r) {
                        tor.addNeighbor(PeerConfig.of(o.torAddress(), o.torAs()).withTimers(timers));
                    }
                }
            }
        }
    }
}
