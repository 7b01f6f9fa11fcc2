package io.overlaysim.traffic;

import static org.assertj.core.api.Assertions.assertThat;

import io.overlaysim.device.LinkConfig;
import io.overlaysim.engine.Simulation;
import io.overlaysim.net.Ipv4Address;
import io.overlaysim.packet.DropReason;
import io.overlaysim.packet.PacketLedger;
import io.overlaysim.routing.IpPrefix;
import io.overlaysim.routing.Route;
import io.overlaysim.routing.RouteType;
import io.overlaysim.topology.Topology;
import org.junit.jupiter.api.Test;

class TracerouteAndFlowTest {
    static void assertBalanced(Topology t) {
        PacketLedger.Summary s = t.network().ledger().summary();
        assertThat(s.inFlight()).as(s.text()).isZero();
        assertThat(s.created()).isEqualTo(s.delivered() + s.dropped() + s.consumed());
    }

    @Test
    void tracerouteFindsEachRouterThenTheDestination() {
        Simulation sim = new Simulation(1);
        // A ---- R1 ---- R2 ---- B     (10.0.0.0/30, .4/30, .8/30)
        Topology t = Topology.chain(sim, "A", "R1", "R2", "B");
        Traceroute tr = Traceroute.start(t.node("A"), t.address("B"), TracerouteOptions.DEFAULT);
        sim.runUntilIdle();

        TracerouteResult r = tr.result();
        assertThat(r.reached()).isTrue();
        assertThat(r.hops()).extracting(h -> Ipv4Address.format(h.address()))
                .containsExactly("10.0.0.2", "10.0.0.6", "10.0.0.10");
        assertThat(r.hops()).allSatisfy(h -> assertThat(h.probes()).hasSize(3));
        // ports 33434 up, one per probe
        assertThat(r.hops().get(2).probes()).extracting(TracerouteResult.Probe::port).containsExactly(33440, 33441, 33442);
        assertThat(r.hops().get(0).probes()).allSatisfy(p -> assertThat(p.icmpType()).isEqualTo(11));
        assertThat(r.hops().get(2).probes()).allSatisfy(p -> assertThat(p.icmpCode()).isEqualTo(3));
        assertThat(r.lines().get(1)).matches(" 2  10\\.0\\.0\\.6  \\d+\\.\\d{3} ms  \\d+\\.\\d{3} ms  \\d+\\.\\d{3} ms");
        assertBalanced(t);
    }

    @Test
    void aBlackholeShowsAsStarsAndAnUnreachableRouteAsBangH() {
        Simulation sim = new Simulation(1);
        // A ---- R1 ---- R2 ---- B; R1: unreachable 192.0.2.0/24, then (second run) blackhole 192.0.2.0/24
        Topology t = Topology.chain(sim, "A", "R1", "R2", "B");
        t.node("R1").addRoute(Route.reject(RouteType.UNREACHABLE, IpPrefix.parse("192.0.2.0/24")));
        t.node("A").addRoute(Route.unicast(IpPrefix.parse("192.0.2.0/24"),
                io.overlaysim.routing.NextHop.via(io.overlaysim.routing.IpAddress.parse("10.0.0.2"), "eth0")));
        Traceroute tr = Traceroute.start(t.node("A"), Ipv4Address.parseBits("192.0.2.1"), TracerouteOptions.DEFAULT);
        sim.runUntilIdle();
        assertThat(tr.result().lines()).singleElement().satisfies(l -> assertThat(l).startsWith(" 1  10.0.0.2  ").endsWith("!H"));

        Simulation sim2 = new Simulation(1);
        Topology t2 = Topology.chain(sim2, "A", "R1", "R2", "B");
        t2.node("R1").addRoute(Route.reject(RouteType.BLACKHOLE, IpPrefix.parse("192.0.2.0/24")));
        t2.node("A").addRoute(Route.unicast(IpPrefix.parse("192.0.2.0/24"),
                io.overlaysim.routing.NextHop.via(io.overlaysim.routing.IpAddress.parse("10.0.0.2"), "eth0")));
        Traceroute tr2 = Traceroute.start(t2.node("A"), Ipv4Address.parseBits("192.0.2.1"), TracerouteOptions.DEFAULT.maxTtl(3));
        sim2.runUntilIdle();
        assertThat(tr2.result().lines()).containsExactly(" 1  * * *", " 2  * * *", " 3  * * *");
        assertThat(tr2.result().reached()).isFalse();
        assertThat(t2.network().ledger().summary().dropped(DropReason.BLACKHOLE)).isEqualTo(9);
    }

    @Test
    void aUdpFlowCountsWhatArrivedAndTheOneWayDelay() {
        Simulation sim = new Simulation(1);
        // A ---- R ---- B, 1 Gbps, 1 us
        Topology t = Topology.chain(sim, "A", "R", "B");
        UdpFlow f = UdpFlow.start(t.node("A"), t.node("B"), t.address("B"), UdpFlowOptions.rate(1000, 1000, 1_000_000_000L));
        sim.runUntilIdle();
        UdpFlowResult r = f.result();
        assertThat(r.sent()).isEqualTo(1000);
        assertThat(r.received()).isEqualTo(1000);
        assertThat(r.lost()).isZero();
        // two hops of 1042-byte frames at 1 Gbps (8.336 us) + 1 us each
        assertThat(r.minDelayNanos()).isEqualTo(2 * (8_336 + 1_000));
        assertThat(r.maxDelayNanos()).as("the first waited for ARP twice").isGreaterThan(r.minDelayNanos());
        assertBalanced(t);
    }

    @Test
    void aLossyLinkLosesWhatTheLedgerSaysItLost() {
        Simulation sim = new Simulation(5);
        // A ---- B, 10 % loss
        Topology t = Topology.chain(sim, LinkConfig.GIGABIT.withLoss(0.1), "A", "B");
        UdpFlow f = UdpFlow.start(t.node("A"), t.node("B"), t.address("B"),
                UdpFlowOptions.interval(1_000_000L, 100, 1_000_000_000L));
        sim.runUntilIdle();
        UdpFlowResult r = f.result();
        assertThat(r.sent()).isEqualTo(1000);
        assertThat(r.lossPercent()).isBetween(5.0, 15.0);
        // ARP frames can be lost too: the ledger's losses are at least the flow's
        assertThat(t.network().ledger().summary().dropped(DropReason.LOSS)).isGreaterThanOrEqualTo(r.lost());
        assertBalanced(t);
    }

    @Test
    void aFlowFromAGivenPortWithDfToANarrowLinkEarnsFragmentationNeededAndNoListenerIsFine() {
        Simulation sim = new Simulation(1);
        // A ---- R ==== B, the R-B link at MTU 1400
        Topology t = Topology.chain(sim, "A", "R", "B");
        t.link("R", "B").devA().setMtu(1400);
        t.link("R", "B").devB().setMtu(1400);
        UdpFlow f = UdpFlow.start(t.node("A"), 40000, null, t.address("B"),
                UdpFlowOptions.interval(1_000_000L, 1450, 5_000_000L));
        assertThat(f.socket().port()).isEqualTo(40000);
        f.socket().pmtudisc(io.overlaysim.node.Pmtudisc.DO);
        sim.runUntilIdle();

        assertThat(f.result().sent()).isEqualTo(5);
        assertThat(f.result().received()).isZero();
        // the first datagram meets R's narrow link; the others are refused by A once it learned MTU 1400
        PacketLedger.Summary s = t.network().ledger().summary();
        assertThat(s.dropped(DropReason.TOO_BIG_DF)).isEqualTo(5);
        assertBalanced(t);
    }
}
