package io.overlaysim.bgp;

import static org.assertj.core.api.Assertions.assertThat;

import io.overlaysim.engine.RunOutcome;
import io.overlaysim.engine.Simulation;
import io.overlaysim.iproute.RoutePrinter;
import io.overlaysim.net.Ipv4Address;
import io.overlaysim.net.Ipv4Prefix;
import io.overlaysim.routing.TableNames;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Calico's topologies over the in-memory transport, converged, and the kernel routes BIRD would program. */
class CalicoBgpTest {
    private static final long SECOND = 1_000_000_000L;
    private static final Ipv4Prefix SUBNET = Ipv4Prefix.parse("192.168.0.0/24");

    /**
     * The seed cluster of DESIGN.md:
     * <pre>
     *   worker01 .176 ── worker02 .146
     *          \          /
     *         worker03 .241        (iBGP full mesh, AS 64512, 192.168.0.0/24)
     * </pre>
     */
    private static CalicoBgp seed(Simulation sim, SimulatedPipeTransport net) {
        return CalicoBgp.builder(sim, net)
                .node("worker01", "192.168.0.176", "172.16.52.128/26")
                .node("worker02", "192.168.0.146", "172.16.103.64/26")
                .node("worker03", "192.168.0.241", "172.16.246.192/26")
                .fullMesh().build();
    }

    private static List<String> lines(BgpSpeaker s, CalicoKernelRoutes.Encapsulation mode) {
        return CalicoKernelRoutes.lines(CalicoKernelRoutes.of(s.bestRoutes(),
                new CalicoKernelRoutes.NodeNetwork(s.address(), SUBNET, "enp1s0"), mode, List.of()));
    }

    @Test
    void threeNodeMeshConvergesToTheSeedExamplesBirdRoutes() {
        Simulation sim = new Simulation(1);
        SimulatedPipeTransport net = new SimulatedPipeTransport(sim, 100_000, 1448);
        CalicoBgp c = seed(sim, net);
        c.start();
        assertThat(sim.runUntil(c::converged)).isEqualTo(RunOutcome.CONDITION_MET);
        sim.runUntil(sim.now() + SECOND);

        // worker01's table in DESIGN.md, the proto bird lines.
        assertThat(lines(c.speaker("worker01"), CalicoKernelRoutes.Encapsulation.IPIP)).containsExactly(
                "blackhole 172.16.52.128/26 proto bird",
                "172.16.103.64/26 via 192.168.0.146 dev tunl0 proto bird onlink",
                "172.16.246.192/26 via 192.168.0.241 dev tunl0 proto bird onlink");
        assertThat(lines(c.speaker("worker02"), CalicoKernelRoutes.Encapsulation.IPIP)).containsExactly(
                "172.16.52.128/26 via 192.168.0.176 dev tunl0 proto bird onlink",
                "blackhole 172.16.103.64/26 proto bird",
                "172.16.246.192/26 via 192.168.0.241 dev tunl0 proto bird onlink");
        assertThat(lines(c.speaker("worker03"), CalicoKernelRoutes.Encapsulation.NONE)).containsExactly(
                "172.16.52.128/26 via 192.168.0.176 dev enp1s0 proto bird",
                "172.16.103.64/26 via 192.168.0.146 dev enp1s0 proto bird",
                "blackhole 172.16.246.192/26 proto bird");
        // Connect delay 2 s: the sessions come up soon after.
        assertThat(sim.now()).isLessThan(5 * SECOND);
    }

    @Test
    void meshPassiveRuleComparesAddressesAsStrings() {
        Ipv4Address a176 = Ipv4Address.parse("192.168.0.176");
        Ipv4Address a50 = Ipv4Address.parse("192.168.0.50");
        assertThat(CalicoBgp.passiveToward(a176, a50)).isTrue();
        assertThat(CalicoBgp.passiveToward(a50, a176)).isFalse();

        Simulation sim = new Simulation(1);
        CalicoBgp c = seed(sim, new SimulatedPipeTransport(sim, 100_000, 1448));
        // .176 toward .241: "192.168.0.241" > "192.168.0.176", so passive; .241 connects.
        assertThat(c.speaker("worker01").neighbor(Ipv4Address.parse("192.168.0.241")).config().passive()).isTrue();
        assertThat(c.speaker("worker03").neighbor(Ipv4Address.parse("192.168.0.176")).config().passive()).isFalse();
        c.start();
        sim.runUntil(c::converged);
        BgpNeighbor n = c.speaker("worker03").neighbor(Ipv4Address.parse("192.168.0.176"));
        assertThat(n.established().outgoing()).isTrue();
        assertThat(n.established().negotiatedHold()).isEqualTo(240);
        assertThat(n.established().negotiatedKeepalive()).isEqualTo(80);
    }

    @Test
    void cutLinkExpiresHoldTimerWithdrawsEverywhereAndRestoreBringsRoutesBack() {
        Simulation sim = new Simulation(1);
        SimulatedPipeTransport net = new SimulatedPipeTransport(sim, 100_000, 1448);
        CalicoBgp c = seed(sim, net);
        c.start();
        sim.runUntil(c::converged);
        Ipv4Address w1 = c.speaker("worker01").address();
        Ipv4Address w2 = c.speaker("worker02").address();
        Ipv4Prefix block2 = Ipv4Prefix.parse("172.16.103.64/26");
        long cutAt = sim.now();
        net.cut(w1, w2);

        sim.runUntil(cutAt + 239 * SECOND);
        assertThat(c.speaker("worker01").best(block2)).isNotNull();
        sim.runUntil(cutAt + 250 * SECOND);
        BgpNeighbor n12 = c.speaker("worker01").neighbor(w2);
        assertThat(n12.established()).isNull();
        assertThat(n12.lastNotificationSent()).isEqualTo(NotificationMessage.holdTimerExpired());
        assertThat(c.speaker("worker02").neighbor(w1).lastNotificationSent()).isEqualTo(NotificationMessage.holdTimerExpired());
        // Withdrawn on both sides; worker03 keeps both (no next hop self in the mesh, so no alternative path).
        assertThat(c.speaker("worker01").best(block2)).isNull();
        assertThat(c.speaker("worker02").best(Ipv4Prefix.parse("172.16.52.128/26"))).isNull();
        assertThat(lines(c.speaker("worker01"), CalicoKernelRoutes.Encapsulation.IPIP)).containsExactly(
                "blackhole 172.16.52.128/26 proto bird",
                "172.16.246.192/26 via 192.168.0.241 dev tunl0 proto bird onlink");

        net.restore(w1, w2);
        // Error wait (60 s after the first error), connect delay, then the session again.
        sim.runUntil(() -> n12.established() != null);
        assertThat(n12.establishedCount()).isEqualTo(2);
        sim.runUntil(sim.now() + SECOND);
        assertThat(lines(c.speaker("worker01"), CalicoKernelRoutes.Encapsulation.IPIP)).containsExactly(
                "blackhole 172.16.52.128/26 proto bird",
                "172.16.103.64/26 via 192.168.0.146 dev tunl0 proto bird onlink",
                "172.16.246.192/26 via 192.168.0.241 dev tunl0 proto bird onlink");
    }

    @Test
    void crossSubnetTunnelsOnlyToPeersOutsideTheSubnet() {
        Simulation sim = new Simulation(3);
        CalicoBgp c = CalicoBgp.builder(sim, new SimulatedPipeTransport(sim, 100_000, 1448))
                .node("a", "192.168.0.10", "172.16.0.0/26")
                .node("b", "192.168.0.11", "172.16.0.64/26")
                .node("c", "10.0.5.20", "172.16.0.128/26")
                .build();
        c.start();
        sim.runUntil(c::converged);
        sim.runUntil(sim.now() + SECOND);
        assertThat(lines(c.speaker("a"), CalicoKernelRoutes.Encapsulation.CROSS_SUBNET)).containsExactly(
                "blackhole 172.16.0.0/26 proto bird",
                "172.16.0.64/26 via 192.168.0.11 dev enp1s0 proto bird",
                "172.16.0.128/26 via 10.0.5.20 dev tunl0 proto bird onlink");
    }

    @Test
    void kernelRoutesPrintTheSameThroughTheRoutingModel() {
        Simulation sim = new Simulation(1);
        CalicoBgp c = seed(sim, new SimulatedPipeTransport(sim, 100_000, 1448));
        c.start();
        sim.runUntil(c::converged);
        sim.runUntil(sim.now() + SECOND);
        RoutePrinter printer = new RoutePrinter(new TableNames());
        for (var r : CalicoKernelRoutes.of(c.speaker("worker01").bestRoutes(),
                new CalicoKernelRoutes.NodeNetwork(c.speaker("worker01").address(), SUBNET, "enp1s0"),
                CalicoKernelRoutes.Encapsulation.IPIP, List.of())) {
            assertThat(printer.text(r.toRoute()).strip()).isEqualTo(r.line());
        }
    }

    /**
     * Two reflectors, four clients:
     * <pre>
     *   rr1 ═══ rr2          (cluster 1.1.1.1; reflectors mesh)
     *   │ \ \  / / │
     *   c1  c2  c3  c4       (each client peers with both reflectors only)
     * </pre>
     */
    @Test
    void routeReflectorsReflectWithOriginatorAndClusterList() {
        Simulation sim = new Simulation(5);
        CalicoBgp c = CalicoBgp.builder(sim, new SimulatedPipeTransport(sim, 100_000, 1448))
                .node("rr1", "192.168.0.2", "172.16.0.0/26")
                .node("rr2", "192.168.0.3", "172.16.0.64/26")
                .node("c1", "192.168.0.10", "172.16.1.0/26")
                .node("c2", "192.168.0.11", "172.16.1.64/26")
                .node("c3", "192.168.0.12", "172.16.1.128/26")
                .node("c4", "192.168.0.13", "172.16.1.192/26")
                .routeReflectors(Ipv4Address.parse("1.1.1.1"), "rr1", "rr2")
                .build();
        assertThat(c.speaker("c1").neighbors()).hasSize(2);
        c.start();
        sim.runUntil(c::converged);
        sim.runUntil(sim.now() + SECOND);
        for (String n : List.of("rr1", "rr2", "c1", "c2", "c3", "c4")) {
            assertThat(c.speaker(n).bestRoutes()).as(n).hasSize(6);
        }
        BestRoute r = c.speaker("c1").best(Ipv4Prefix.parse("172.16.1.64/26"));
        assertThat(r.nextHop()).isEqualTo(Ipv4Address.parse("192.168.0.11"));
        assertThat(r.attributes()).contains(PathAttribute.OriginatorId.of(Ipv4Address.parse("192.168.0.11")),
                new PathAttribute.ClusterList(PathAttribute.optionalNonTransitive, List.of(Ipv4Address.parse("1.1.1.1"))));
        // rr2 hears c2's block from c2 directly; rr1's reflected copy carries rr2's own cluster id: dropped.
        assertThat(c.speaker("rr2").locRib().candidates(Ipv4Prefix.parse("172.16.1.64/26"))).hasSize(1);
        // The reflectors' own blocks: non-client routes reach the clients.
        assertThat(c.speaker("c4").best(Ipv4Prefix.parse("172.16.0.0/26")).nextHop()).isEqualTo(Ipv4Address.parse("192.168.0.2"));
    }

    /**
     * Two racks, eBGP to their ToR:
     * <pre>
     *   tor1 (65001) ─── tor2 (65002)
     *    │     │          │     │
     *    n1    n2         n3    n4     rack 1: AS 64601, rack 2: AS 64602 (iBGP within a rack)
     * </pre>
     */
    @Test
    void ebgpToTopOfRackPrependsAndSetsNextHopSelf() {
        Simulation sim = new Simulation(7);
        CalicoBgp c = CalicoBgp.builder(sim, new SimulatedPipeTransport(sim, 100_000, 1448))
                .node("n1", "10.0.1.10", "172.16.1.0/26")
                .node("n2", "10.0.1.11", "172.16.1.64/26")
                .node("n3", "10.0.2.10", "172.16.2.0/26")
                .node("n4", "10.0.2.11", "172.16.2.64/26")
                .rack("tor1", "10.0.1.1", 65001, 64601, "n1", "n2")
                .rack("tor2", "10.0.2.1", 65002, 64602, "n3", "n4")
                .addPaths(false)
                .build();
        c.start();
        sim.runUntil(c::converged);
        sim.runUntil(sim.now() + SECOND);
        BestRoute far = c.speaker("n1").best(Ipv4Prefix.parse("172.16.2.64/26"));
        assertThat(far.nextHop()).isEqualTo(Ipv4Address.parse("10.0.1.1"));
        assertThat(far.attributes()).contains(PathAttribute.AsPath.sequence(65001, 65002, 64602));
        assertThat(far.attributes()).noneMatch(a -> a instanceof PathAttribute.LocalPref);
        // The rack-mate's block: straight from it over iBGP (the ToR's copy loops back into AS 64601).
        assertThat(c.speaker("n1").best(Ipv4Prefix.parse("172.16.1.64/26")).nextHop()).isEqualTo(Ipv4Address.parse("10.0.1.11"));
        assertThat(lines(c.speaker("n1"), CalicoKernelRoutes.Encapsulation.NONE).get(3))
                .isEqualTo("172.16.2.64/26 via 10.0.1.1 dev enp1s0 proto bird");
        assertThat(c.speaker("tor1").bestRoutes()).hasSize(4);
    }
}
