package io.overlaysim.scenario.run;

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
import io.overlaysim.scenario.PresetNames;
import io.overlaysim.scenario.PresetSpec;
import io.overlaysim.scenario.Scenario;
import io.overlaysim.scenario.ScenarioError;
import io.overlaysim.scenario.ScenarioException;
import io.overlaysim.scenario.SourceLocation;
import java.util.List;

/**
 * Expands a scenario's presets into nodes, devices, links, addresses and static routes, with
 * the names {@link PresetNames} promises. The router presets are built here; the cluster presets
 * by {@link CalicoPreset}, {@link FlannelPreset} and {@link CiliumPreset}.
 */
final class Presets {
    private Presets() {
    }

    static void expand(Scenario scenario, BuiltNetwork built, Simulation sim) {
        for (PresetSpec p : scenario.presets()) {
            switch (p) {
                case PresetSpec.Chain c -> chain(c, built, sim, scenario);
                case PresetSpec.Star s -> star(s, built, sim, scenario);
                case PresetSpec.Calico c -> CalicoPreset.build(c, scenario.bgp().timers(), built, sim);
                case PresetSpec.Flannel f -> FlannelPreset.build(f, built, sim);
                case PresetSpec.Cilium c -> CiliumPreset.build(c, built, sim);
            }
        }
    }

    /**
     * {@code a - r1 - ... - rN - b}: link {@code lI} is the I-th /30 of the subnet, its left end
     * {@code .1}, its right end {@code .2}; hosts route by default to their router, routers hold
     * a static route to every /30 they are not on, via the neighbour on that side.
     */
    private static void chain(PresetSpec.Chain c, BuiltNetwork built, Simulation sim, Scenario scenario) {
        int n = c.routers();
        checkSize(c.subnet(), n + 1, "chain", scenario);
        Network net = built.network();
        Node a = net.addNode("a");
        Node[] r = new Node[n + 2];
        r[0] = a;
        for (int i = 1; i <= n; i++) {
            r[i] = net.addNode("r" + i);
            r[i].sysctls().ipForward = true;
        }
        Node b = net.addNode("b");
        r[n + 1] = b;
        LinkConfig cfg = NetworkBuilder.config(c.link());
        for (int i = 0; i <= n; i++) {
            EthernetDevice left = r[i].addEthernet(i == 0 ? "eth0" : "eth1");
            EthernetDevice right = r[i + 1].addEthernet("eth0");
            link(built, sim, "l" + i, left, right, cfg, c.link().mtu().orElse(0));
            r[i].addAddress(left.name(), Ipv4Address.format(slash30(c.subnet(), i) + 1) + "/30");
            r[i + 1].addAddress(right.name(), Ipv4Address.format(slash30(c.subnet(), i) + 2) + "/30");
        }
        route(a, Ipv4Prefix.DEFAULT, slash30(c.subnet(), 0) + 2, "eth0");
        route(b, Ipv4Prefix.DEFAULT, slash30(c.subnet(), n) + 1, "eth0");
        for (int k = 1; k <= n; k++) {
            for (int j = 0; j <= n; j++) {
                Ipv4Prefix p = Ipv4Prefix.of(slash30(c.subnet(), j), 30);
                if (j < k - 1) {
                    route(r[k], p, slash30(c.subnet(), k - 1) + 1, "eth0");
                } else if (j > k) {
                    route(r[k], p, slash30(c.subnet(), k) + 2, "eth1");
                }
            }
        }
    }

    /** {@code hub} with {@code leaf1..leafN}: link {@code lI} is the (I-1)-th /30, the hub {@code .1}. */
    private static void star(PresetSpec.Star s, BuiltNetwork built, Simulation sim, Scenario scenario) {
        checkSize(s.subnet(), s.leaves(), "star", scenario);
        Network net = built.network();
        Node hub = net.addNode("hub");
        hub.sysctls().ipForward = true;
        LinkConfig cfg = NetworkBuilder.config(s.link());
        for (int i = 1; i <= s.leaves(); i++) {
            Node leaf = net.addNode("leaf" + i);
            EthernetDevice h = hub.addEthernet("eth" + i);
            EthernetDevice l = leaf.addEthernet("eth0");
            link(built, sim, "l" + i, h, l, cfg, s.link().mtu().orElse(0));
            int base = slash30(s.subnet(), i - 1);
            hub.addAddress(h.name(), Ipv4Address.format(base + 1) + "/30");
            leaf.addAddress(l.name(), Ipv4Address.format(base + 2) + "/30");
            route(leaf, Ipv4Prefix.DEFAULT, base + 1, "eth0");
        }
    }

    private static void link(BuiltNetwork built, Simulation sim, String name, EthernetDevice a, EthernetDevice b,
            LinkConfig cfg, int mtu) {
        if (mtu > 0) {
            a.setMtu(mtu);
            b.setMtu(mtu);
        }
        built.addLink(name, PointToPointLink.connect(sim, name, a, b, cfg));
    }

    private static int slash30(Ipv4Prefix subnet, int i) {
        return subnet.bits() + 4 * i;
    }

    private static void checkSize(Ipv4Prefix subnet, int links, String preset, Scenario scenario) {
        long room = 1L << (32 - subnet.length());
        if (room < 4L * links) {
            throw new ScenarioException(List.of(new ScenarioError(SourceLocation.startOf(scenario.source()),
                    "the " + preset + " preset needs " + links + " /30 links, more than its subnet " + subnet
                            + " holds (" + room / 4 + ")")));
        }
    }

    private static void route(Node node, Ipv4Prefix dst, int gateway, String dev) {
        RouteChange c = node.addRoute(Route.unicast(IpPrefix.v4(dst),
                NextHop.via(IpAddress.v4(new Ipv4Address(gateway)), dev)));
        if (c instanceof RouteChange.Refused r) {
            throw new IllegalStateException("preset route refused on " + node.name() + ": " + r.message());
        }
    }
}
