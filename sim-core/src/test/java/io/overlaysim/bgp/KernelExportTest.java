package io.overlaysim.bgp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.overlaysim.bgp.CalicoKernelRoutes.Encapsulation;
import io.overlaysim.engine.Simulation;
import io.overlaysim.net.Ipv4Address;
import io.overlaysim.net.Ipv4Prefix;
import io.overlaysim.node.Node;
import io.overlaysim.node.Pmtudisc;
import io.overlaysim.routing.RouteAnswer;
import io.overlaysim.routing.RouteQuery;
import io.overlaysim.topology.Topology;
import io.overlaysim.traffic.Ping;
import io.overlaysim.traffic.PingOptions;
import org.junit.jupiter.api.Test;

/** BIRD's kernel protocol as Calico runs it: best routes become {@code proto bird} routes in the node's table. */
class KernelExportTest {
    private static final long SECOND = 1_000_000_000L;
    private static final BgpTimers FAST = BgpTimers.CALICO.withHold(9, 3);
    private static final Ipv4Address A = Ipv4Address.parse("10.0.0.1");
    private static final Ipv4Address R_WEST = Ipv4Address.parse("10.0.0.2");
    private static final Ipv4Address B = Ipv4Address.parse("10.0.0.6");

    /**
     * <pre>
     *  A .1 ---- .2 R .5 ---- .6 B       R reflects (clients A and B, iBGP AS 64512)
     *  lo 172.16.1.1                    lo 172.16.2.1
     *  announces 172.16.1.0/24          announces 172.16.2.0/24
     * </pre>
     * R speaks from 10.0.0.2 on both sessions; B reaches it by its static route to 10.0.0.0/30.
     */
    private record Net(Simulation sim, Topology t, BgpSpeaker a, BgpSpeaker r, BgpSpeaker b, KernelExport ka,
            KernelExport kr, KernelExport kb) {
    }

    private static Net build(long restartWait) {
        Simulation sim = new Simulation(11);
        Topology t = Topology.chain(sim, "A", "R", "B");
        t.node("A").addAddress("lo", "172.16.1.1/32");
        t.node("B").addAddress("lo", "172.16.2.1/32");
        BgpSpeaker a = new BgpSpeaker(sim, new TcpBgpTransport(t.node("A")), "A", A, 64512);
        BgpSpeaker r = new BgpSpeaker(sim, new TcpBgpTransport(t.node("R")), "R", R_WEST, 64512);
        BgpSpeaker b = new BgpSpeaker(sim, new TcpBgpTransport(t.node("B")), "B", B, 64512);
        a.addNeighbor(PeerConfig.of(R_WEST, 64512).withTimers(FAST));
        b.addNeighbor(PeerConfig.of(R_WEST, 64512).withTimers(FAST));
        r.addNeighbor(PeerConfig.of(A, 64512).withRrClient(true).withTimers(FAST));
        r.addNeighbor(PeerConfig.of(B, 64512).withRrClient(true).withTimers(FAST));
        a.originate(Ipv4Prefix.parse("172.16.1.0/24"));
        b.originate(Ipv4Prefix.parse("172.16.2.0/24"));
        KernelExport ka = KernelExport.attach(a, t.node("A"), Encapsulation.NONE, restartWait);
        KernelExport kr = KernelExport.attach(r, t.node("R"), Encapsulation.NONE, restartWait);
        KernelExport kb = KernelExport.attach(b, t.node("B"), Encapsulation.NONE, restartWait);
        a.start();
        r.start();
        b.start();
        return new Net(sim, t, a, r, b, ka, kr, kb);
    }

    @Test
    void reflectedRoutesResolveTheirNextHopThroughTheTableAndCarryPings() {
        Net n = build(0);
        n.sim().runUntil(20 * SECOND);
        // A's next hop for B's block is B (10.0.0.6), two hops away: resolved through 10.0.0.4/30 via R
        assertThat(n.ka().lines()).containsExactly("blackhole 172.16.1.0/24 proto bird",
                "172.16.2.0/24 via 10.0.0.2 dev eth0 proto bird");
        assertThat(n.kr().lines()).containsExactly("172.16.1.0/24 via 10.0.0.1 dev eth0 proto bird",
                "172.16.2.0/24 via 10.0.0.6 dev eth1 proto bird");
        assertThat(n.kb().lines()).containsExactly("172.16.1.0/24 via 10.0.0.5 dev eth0 proto bird",
                "blackhole 172.16.2.0/24 proto bird");

        Ping ok = ping(n.t().node("A"), "172.16.1.1", "172.16.2.1");
        Ping free = ping(n.t().node("A"), "172.16.1.1", "172.16.2.9");
        n.sim().runUntil(n.sim().now() + 5 * SECOND);
        assertThat(ok.result().received()).isEqualTo(2);
        // a free address of B's block meets B's blackhole
        assertThat(free.result().received()).isZero();
    }

    @Test
    void aShutDownSessionDeletesTheRoutesItBroughtAndEnablingBringsThemBack() {
        Net n = build(0);
        n.sim().runUntil(20 * SECOND);
        n.r().disable(B);
        n.sim().runUntil(n.sim().now() + SECOND);
        assertThat(n.ka().lines()).containsExactly("blackhole 172.16.1.0/24 proto bird");
        assertThat(lookup(n.t().node("A"), "172.16.2.1")).isInstanceOf(RouteAnswer.Failed.class);
        assertThat(n.ka().log()).last().asString().endsWith("delete 172.16.2.0/24 via 10.0.0.2 dev eth0 proto bird");

        n.r().enable(B);
        n.sim().runUntil(n.sim().now() + 20 * SECOND);
        assertThat(n.ka().lines()).contains("172.16.2.0/24 via 10.0.0.2 dev eth0 proto bird");
    }

    @Test
    void aLinkDownWithdrawsAtHoldExpiry() {
        Net n = build(0);
        n.sim().runUntil(20 * SECOND);
        n.t().link("R", "B").channel().down();
        n.sim().runUntil(n.sim().now() + 5 * SECOND);
        assertThat(n.ka().lines()).hasSize(2);  // the hold timer (9 s) has not run out yet
        n.sim().runUntil(n.sim().now() + 6 * SECOND);
        assertThat(n.ka().lines()).containsExactly("blackhole 172.16.1.0/24 proto bird");
        assertThat(n.kr().lines()).containsExactly("172.16.1.0/24 via 10.0.0.1 dev eth0 proto bird");
    }

    @Test
    void theGracefulRestartWaitInstallsNothingUntilEverySessionIsUp() {
        Net n = build(KernelExport.CALICO_RESTART_WAIT);
        n.sim().runUntil(SECOND);
        // the speaker has its own block already, but the kernel channel waits
        assertThat(n.a().best(Ipv4Prefix.parse("172.16.1.0/24"))).isNotNull();
        assertThat(n.ka().ready()).isFalse();
        assertThat(n.ka().lines()).isEmpty();
        n.sim().runUntil(20 * SECOND);
        assertThat(n.ka().ready()).isTrue();
        assertThat(n.ka().lines()).hasSize(2);
        assertThat(n.ka().log().getFirst()).endsWith("graceful restart recovery done (sessions up)");
    }

    @Test
    void theWaitEndsAfter240sWhenAPeerNeverAnswers() {
        Simulation sim = new Simulation(1);
        Topology t = Topology.chain(sim, "A", "B");
        BgpSpeaker a = new BgpSpeaker(sim, new TcpBgpTransport(t.node("A")), "A", A, 64512);
        a.addNeighbor(PeerConfig.of(Ipv4Address.parse("10.0.0.2"), 64512));  // B runs no BGP
        a.originate(Ipv4Prefix.parse("172.16.1.0/24"));
        KernelExport k = KernelExport.attach(a, t.node("A"), Encapsulation.NONE, KernelExport.CALICO_RESTART_WAIT);
        a.start();
        sim.runUntil(239 * SECOND);
        assertThat(k.lines()).isEmpty();
        sim.runUntil(241 * SECOND);
        assertThat(k.lines()).containsExactly("blackhole 172.16.1.0/24 proto bird");
        assertThat(k.log().getFirst()).startsWith("240.000000000 ").endsWith("(wait expired)");
    }

    @Test
    void anUnresolvableNextHopIsInstalledUnreachable() {
        Net n = build(0);
        n.sim().runUntil(20 * SECOND);
        // A loses its way to B's address: BIRD marks the route unreachable once it resolves again
        Node a = n.t().node("A");
        assertThat(a.deleteRoute(io.overlaysim.routing.Route.unicast(
                io.overlaysim.routing.IpPrefix.v4(Ipv4Prefix.parse("10.0.0.4/30")),
                io.overlaysim.routing.NextHop.via(io.overlaysim.routing.IpAddress.v4(R_WEST), "eth0")))).isTrue();
        n.ka().refresh();
        assertThat(n.ka().lines()).contains("unreachable 172.16.2.0/24 proto bird");
    }

    @Test
    void ipipAndCrossSubnetNeedTunl0() {
        Simulation sim = new Simulation(1);
        Topology t = Topology.chain(sim, "A", "B");
        BgpSpeaker a = new BgpSpeaker(sim, new TcpBgpTransport(t.node("A")), "A", A, 64512);
        assertThatThrownBy(() -> KernelExport.attach(a, t.node("A"), Encapsulation.IPIP, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("node A has no tunl0 device for its ipip routes");
        assertThatThrownBy(() -> KernelExport.attach(a, t.node("A"), Encapsulation.CROSS_SUBNET, 0))
                .hasMessage("node A has no tunl0 device for its crossSubnet routes");
    }

    private static Ping ping(Node from, String src, String dst) {
        return Ping.start(from, Ipv4Address.parse(dst).bits(), new PingOptions(2, 200_000_000L, 56, Pmtudisc.WANT,
                0, Ipv4Address.parse(src).bits(), SECOND));
    }

    private static RouteAnswer lookup(Node n, String dst) {
        return n.routes().lookup().get(RouteQuery.to(Ipv4Address.parse(dst).bits()));
    }
}
