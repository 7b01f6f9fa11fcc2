package io.overlaysim.scenario.run;

import io.overlaysim.device.BridgeDevice;
import io.overlaysim.device.EthernetDevice;
import io.overlaysim.device.LinkConfig;
import io.overlaysim.device.NetDevice;
import io.overlaysim.device.PointToPointLink;
import io.overlaysim.device.Segment;
import io.overlaysim.device.VethDevice;
import io.overlaysim.engine.Simulation;
import io.overlaysim.iproute.NeighbourEntry;
import io.overlaysim.node.Network;
import io.overlaysim.node.Node;
import io.overlaysim.routing.InterfaceAddress;
import io.overlaysim.routing.Route;
import io.overlaysim.routing.RouteChange;
import io.overlaysim.routing.RouteProtocol;
import io.overlaysim.routing.RuleSet;
import io.overlaysim.scenario.AddressSpec;
import io.overlaysim.scenario.ChannelSpec;
import io.overlaysim.scenario.DeviceRef;
import io.overlaysim.scenario.DeviceSpec;
import io.overlaysim.scenario.IpLine;
import io.overlaysim.scenario.IpLines;
import io.overlaysim.scenario.LinkSpec;
import io.overlaysim.scenario.NodeSpec;
import io.overlaysim.scenario.Scenario;
import io.overlaysim.scenario.ScenarioError;
import io.overlaysim.scenario.ScenarioException;
import io.overlaysim.scenario.SegmentSpec;
import io.overlaysim.scenario.SourceLocation;
import io.overlaysim.scenario.Sysctls;
import io.overlaysim.transport.UdpStack;
import java.util.List;
import java.util.Map;

/**
 * Builds a scenario's network: the presets ({@link Presets}), then the declared nodes with their
 * devices, veth pairs and links, then what sits on top of them in the order {@code ip} commands
 * would be given (MTUs, addresses, sysctls, routes, rules, neighbours). Anything the simulator
 * cannot build yet stops the run with {@link NotSupportedYet}; a route the kernel would refuse
 * is an error at its line.
 */
final class NetworkBuilder {

    private final Scenario scenario;
    private final Simulation sim;
    private final BuiltNetwork built;
    /** The scenario's sysctls beside an {@code import}, applied over the dumps'. */
    private final Map<String, Sysctls> overrides;

    private NetworkBuilder(Scenario scenario, Simulation sim, Map<String, Sysctls> overrides) {
        this.scenario = scenario;
        this.sim = sim;
        this.built = new BuiltNetwork(new Network(sim));
        this.overrides = overrides;
    }

    /**
     * Builds the network of {@code scenario} on {@code sim}, imported nodes included
     * ({@link ImportedNodes}); throws {@link ScenarioException} when it cannot.
     */
    static BuiltNetwork build(Scenario scenario, Simulation sim) {
        ImportedNodes.Expanded expanded = ImportedNodes.expand(scenario);
        NetworkBuilder b = new NetworkBuilder(expanded.scenario(), sim, expanded.overrides());
        b.refuseWhatIsNotBuiltYet();
        Presets.expand(b.scenario, b.built, sim);
        b.declared();
        // every Linux host has UDP: a datagram to a closed port earns a port unreachable, not !P
        b.built.network().nodes().forEach(UdpStack::of);
        return b.built;
    }

    /** Everything not supported yet, found before anything is built, so the first message is the first in the file. */
    private void refuseWhatIsNotBuiltYet() {
        for (NodeSpec n : scenario.nodes().values()) {
            if (n.sysctls().fibMultipathHashPolicy().orElse(0) != 0) {
                throw NotSupportedYet.at(n.at(), "fib_multipath_hash_policy other than 0 on " + n.name(),
                        "a per-node FibConfig in the node stack");
            }
        }
    }

    private void declared() {
        Network net = built.network();
        for (NodeSpec n : scenario.nodes().values()) {
            Node node = net.addNode(n.name());
            // tunnels after the devices they sit on, as `ip link add ... dev LOWER` needs them
            for (DeviceSpec d : n.devices().values()) {
                if (d.tunnel().isEmpty()) {
                    device(node, d);
                }
            }
            for (DeviceSpec d : n.devices().values()) {
                if (d.tunnel().isPresent()) {
                    device(node, d);
                }
            }
        }
        for (NodeSpec n : scenario.nodes().values()) {
            for (DeviceSpec d : n.devices().values()) {
                d.peer().ifPresent(peer -> pair(n, d, peer));
            }
        }
        for (NodeSpec n : scenario.nodes().values()) {
            for (DeviceSpec d : n.devices().values()) {
                d.master().ifPresent(master -> port(n, d, master));
            }
        }
        for (int i = 0; i < scenario.links().size(); i++) {
            link(scenario.links().get(i));
        }
        for (SegmentSpec s : scenario.segments().values()) {
            segment(s);
        }
        for (NodeSpec n : scenario.nodes().values()) {
            Node node = net.node(n.name());
            for (AddressSpec a : n.addresses()) {
                node.routes().fib().addAddress(new InterfaceAddress(a.dev(), a.address(), a.prefixLength(), null, null,
                        a.scope() == null ? "global" : a.scope(), null, false, false));
            }
            node.routes().changed();
            sysctls(node, n.sysctls());
            if (overrides.containsKey(n.name())) {
                sysctls(node, overrides.get(n.name()));
            }
            addRoutes(node, n.routes());
            if (!n.rules().isEmpty()) {
                // the scenario's rules are the node's whole list, as `ip rule show` prints it
                RuleSet rules = RuleSet.empty();
                n.rules().forEach(line -> rules.add(IpLines.rule(line)));
                node.routes().fib().setRules(rules);
                node.routes().changed();
            }
            for (IpLine line : n.neighbours()) {
                neighbour(node, line);
            }
            for (IpLine line : n.fdb()) {
                TunnelDevices.fdb(node, line);
            }
        }
    }

    private void device(Node node, DeviceSpec d) {
        long mac = d.mac().map(m -> m.bits()).orElse(Network.macFor(node.name(), d.name()));
        NetDevice dev = switch (d.kind()) {
            case ETHERNET -> node.addDevice(new EthernetDevice(d.name(), mac, 1500));
            case VETH -> node.addDevice(new VethDevice(d.name(), mac, 1500));
            case LOOPBACK -> node.device("lo");
            case BRIDGE -> node.addDevice(new BridgeDevice(d.name(), mac, 1500));
            case IPIP, VXLAN -> TunnelDevices.add(node, d, mac);
        };
        d.mtu().ifPresent(dev::setMtu);
        dev.setAdminUp(d.up());
    }

    /** Joins a veth to its peer once (the end declared first does it). */
    private void pair(NodeSpec n, DeviceSpec d, DeviceRef peer) {
        Node a = built.node(n.name());
        Node b = built.node(peer.node());
        VethDevice da = (VethDevice) a.device(d.name());
        if (da.peer() != null) {
            return;
        }
        VethDevice.pair(sim, da, (VethDevice) b.device(peer.device()));
    }

    /** {@code ip link set DEV master BRIDGE}. */
    private void port(NodeSpec n, DeviceSpec d, String master) {
        Node node = built.node(n.name());
        if (!(node.device(master) instanceof BridgeDevice bridge)) {
            throw new ScenarioException(List.of(new ScenarioError(n.at(), n.name() + "/" + d.name() + " has master \""
                    + master + "\", which is a " + kindOf(node.device(master)) + ", not a bridge")));
        }
        bridge.addPort(node.device(d.name()));
    }

    /**
     * A shared L2 segment. Without a line rate, queue or loss it is a non-blocking learning switch
     * with the segment's delay ({@link Segment}); with them it is built as a real switch: a node
     * named after the segment holding a bridge {@code br0}, each endpoint cabled to its own port
     * {@code p-NODE} by a point-to-point link with the segment's rate, delay, queue and loss (the
     * presets' underlay is built the same way), so {@code linkDown: NODE/DEV} cuts one cable.
     */
    private void segment(SegmentSpec s) {
        ChannelSpec c = s.channel();
        if (c.bandwidth().isPresent() || c.queue().isPresent() || c.lossPercent() > 0) {
            switchedSegment(s);
            return;
        }
        long delay = s.channel().delay().map(java.time.Duration::toNanos).orElse(LinkConfig.GIGABIT.delayNanos());
        Segment segment = new Segment(sim, s.name(), delay);
        for (DeviceRef ref : s.endpoints()) {
            segment.attach(ethernet(ref, s.at(), "segments"));
            s.channel().mtu().ifPresent(mtu -> mtuUnlessSet(ref, mtu));
        }
        built.addSegment(s.name(), segment);
    }

    private void switchedSegment(SegmentSpec s) {
        Network net = built.network();
        if (net.nodes().stream().anyMatch(n -> n.name().equals(s.name()))) {
            throw new ScenarioException(List.of(new ScenarioError(s.at(), "segment \"" + s.name()
                    + "\" has a line rate, queue or loss, so it is built as a switch node of that name, but a node \""
                    + s.name() + "\" exists already: rename the segment")));
        }
        // the switch itself limits nothing: its ports take what the cables carry
        SwitchNode sw = SwitchNode.create(sim, net, s.name(), s.channel().mtu().orElse(65535), config(s.channel()));
        for (DeviceRef ref : s.endpoints()) {
            EthernetDevice nic = ethernet(ref, s.at(), "segments");
            s.channel().mtu().ifPresent(mtu -> mtuUnlessSet(ref, mtu));
            built.addLink(ref.toString(), sw.plug(built.node(ref.node()), nic));
        }
    }

    private void link(LinkSpec l) {
        EthernetDevice a = ethernet(l.a(), l.at(), "links");
        EthernetDevice b = ethernet(l.b(), l.at(), "links");
        String name = l.name().orElse(l.a() + "-" + l.b());
        PointToPointLink link = PointToPointLink.connect(sim, name, a, b, config(l.channel()));
        l.channel().mtu().ifPresent(mtu -> {
            mtuUnlessSet(l.a(), mtu);
            mtuUnlessSet(l.b(), mtu);
        });
        built.addLink(name, link);
    }

    private EthernetDevice ethernet(DeviceRef ref, SourceLocation at, String joinedBy) {
        NetDevice d = built.node(ref.node()).device(ref.device());
        if (d instanceof VethDevice || !(d instanceof EthernetDevice e)) {
            throw new ScenarioException(List.of(new ScenarioError(at, ref + " is a " + kindOf(d)
                    + ": only ethernet devices are joined by " + joinedBy)));
        }
        if (e.channel() != null) {
            String into = e.channel() instanceof Segment seg ? "segment " + seg.name()
                    : e.channel() instanceof PointToPointLink p ? "link " + p.name() : "a channel";
            throw new ScenarioException(List.of(new ScenarioError(at, ref + " is already plugged into " + into)));
        }
        return e;
    }

    private static String kindOf(NetDevice d) {
        return switch (d) {
            case VethDevice v -> "veth (joined to its peer)";
            case BridgeDevice b -> "bridge";
            default -> d.getClass().getSimpleName();
        };
    }

    private void mtuUnlessSet(DeviceRef ref, int mtu) {
        NodeSpec n = scenario.nodes().get(ref.node());
        DeviceSpec d = n == null ? null : n.devices().get(ref.device());
        if (d == null || d.mtu().isEmpty()) {
            built.node(ref.node()).device(ref.device()).setMtu(mtu);
        }
    }

    /** A channel's settings as a link's; unset ones are a gigabit link's (1 Gbit/s, 1 µs, txqueuelen 1000). */
    static LinkConfig config(ChannelSpec c) {
        LinkConfig cfg = LinkConfig.GIGABIT;
        if (c.bandwidth().isPresent()) {
            cfg = cfg.withBandwidth(c.bandwidth().get().bitsPerSecond());
        }
        if (c.delay().isPresent()) {
            cfg = cfg.withDelay(c.delay().get().toNanos());
        }
        if (c.queue().isPresent()) {
            cfg = cfg.withQueue(c.queue().getAsInt());
        }
        return cfg.withLoss(c.lossPercent() / 100.0);
    }

    private static void sysctls(Node node, Sysctls s) {
        var sys = node.sysctls();
        s.ipForward().ifPresent(v -> sys.ipForward = v != 0);
        for (Map.Entry<String, Integer> e : s.rpFilter().entrySet()) {
            switch (e.getKey()) {
                case "all" -> sys.rpFilterAll = e.getValue();
                case "default" -> sys.rpFilterDefault = e.getValue();
                default -> sys.setRpFilter(e.getKey(), e.getValue());
            }
        }
        if (s.rpFilter().containsKey("default")) {
            // conf.default applies to devices made later; the declared ones were made already, as
            // if the sysctl had been set at boot before they appeared
            for (var dev : node.devices()) {
                if (!s.rpFilter().containsKey(dev.name())) {
                    sys.setRpFilter(dev.name(), s.rpFilter().get("default"));
                }
            }
        }
        for (Map.Entry<String, Integer> e : s.proxyArp().entrySet()) {
            if (e.getKey().equals("all")) {
                sys.proxyArpAll = e.getValue() != 0;
            } else if (!e.getKey().equals("default")) {
                sys.setProxyArp(e.getKey(), e.getValue() != 0);
            }
        }
        sys.dropIcmpErrors = s.dropIcmpErrors();
        node.routes().changed();
    }

    /**
     * The lines in an order the kernel takes: a dump lists {@code default via 169.254.1.1 dev eth0}
     * before {@code 169.254.1.1 dev eth0 scope link}, which makes that gateway reachable
     * ({@code fib_check_nh}), so a refused route is tried again once the others are in, until
     * nothing more goes in; what is still refused then is an error at its line.
     */
    static void addRoutes(Node node, List<IpLine> lines) {
        List<IpLine> todo = lines;
        while (!todo.isEmpty()) {
            List<IpLine> refused = new java.util.ArrayList<>();
            for (IpLine line : todo) {
                if (!tryRoute(node, line)) {
                    refused.add(line);
                }
            }
            if (refused.size() == todo.size()) {
                addRoute(node, refused.getFirst());
            }
            todo = refused;
        }
    }

    private static boolean tryRoute(Node node, IpLine line) {
        Route r = IpLines.route(line);
        RouteChange c = node.addRoute(r);
        return !(c instanceof RouteChange.Refused) || RouteProtocol.KERNEL.equals(r.protocol())
                && RouteTables.lines(node, r.table()).contains(RouteTables.line(r));
    }

    /** {@code ip route add LINE}: refused routes are errors at the line, with the kernel's answer. */
    static void addRoute(Node node, IpLine line) {
        Route r = IpLines.route(line);
        RouteChange c = node.addRoute(r);
        if (c instanceof RouteChange.Refused refused && RouteProtocol.KERNEL.equals(r.protocol())
                && RouteTables.lines(node, r.table()).contains(RouteTables.line(r))) {
            // a dump's "proto kernel" route the node's address made already (fib_add_ifaddr), as
            // `overlaysim import` writes it: the kernel's own, not a second one
            return;
        }
        if (c instanceof RouteChange.Refused refused) {
            throw new ScenarioException(List.of(new ScenarioError(line.at(), "node \"" + node.name()
                    + "\" refuses the route \"" + line.text() + "\": " + refused.message())));
        }
    }

    /** {@code ip neigh replace ...}: iproute2 makes entries PERMANENT unless told otherwise, as here. */
    private static void neighbour(Node node, IpLine line) {
        NeighbourEntry e = IpLines.neighbour(line);
        if (!e.isIpv4() || e.lladdr() == null || e.dev() == null) {
            throw new ScenarioException(List.of(new ScenarioError(line.at(),
                    "expected an IPv4 neighbour with \"dev\" and \"lladdr\", found \"" + line.text() + "\"")));
        }
        node.neighbours().addPermanent(node.device(e.dev()), e.ipv4().bits(), e.mac().bits());
    }
}
