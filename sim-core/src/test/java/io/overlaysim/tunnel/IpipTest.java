package io.overlaysim.tunnel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.overlaysim.device.DeviceTap;
import io.overlaysim.engine.Simulation;
import io.overlaysim.net.Ipv4Address;
import io.overlaysim.net.Ipv4Prefix;
import io.overlaysim.node.Node;
import io.overlaysim.node.Pmtudisc;
import io.overlaysim.packet.DropReason;
import io.overlaysim.packet.PacketLedger;
import io.overlaysim.routing.IpAddress;
import io.overlaysim.routing.IpPrefix;
import io.overlaysim.routing.NextHop;
import io.overlaysim.routing.Route;
import io.overlaysim.routing.RouteFlag;
import io.overlaysim.topology.Topology;
import io.overlaysim.traffic.Ping;
import io.overlaysim.traffic.PingOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class IpipTest {
    /** Frames a device sent, as bytes. */
    static final class Sent implements DeviceTap {
        final List<byte[]> frames = new ArrayList<>();

        @Override
        public void frame(io.overlaysim.device.NetDevice dev, boolean transmit, io.overlaysim.packet.PacketBuffer f, long time) {
            if (transmit) {
                frames.add(f.toByteArray());
            }
        }
    }

    static Route via(String dst, String gw, String dev, boolean onlink) {
        NextHop h = NextHop.via(IpAddress.v4(Ipv4Address.parse(gw)), dev);
        return Route.unicast(IpPrefix.v4(Ipv4Prefix.parse(dst)), onlink ? h.withFlags(Set.of(RouteFlag.ONLINK)) : h);
    }

    static int u16(byte[] b, int at) {
        return ((b[at] & 0xff) << 8) | (b[at + 1] & 0xff);
    }

    /**
     * H ---- A ==ipip1== ... R ... ==ipip1== B : a point-to-point tunnel A (10.0.0.5) to B
     * (10.0.0.10) across the router R, tunnel addresses 10.9.0.1/30 and 10.9.0.2/30.
     */
    private static Topology tunnelAcrossRouter(Simulation sim, IpTunnelConfig a, IpTunnelConfig b) {
        Topology t = Topology.chain(sim, "H", "A", "R", "B");
        Node na = t.node("A");
        Node nb = t.node("B");
        Ipip.of(na).add("ipip1", a);
        Ipip.of(nb).add("ipip1", b);
        na.addAddress("ipip1", "10.9.0.1/30");
        nb.addAddress("ipip1", "10.9.0.2/30");
        t.node("H").addRoute(via("10.9.0.0/30", "10.0.0.2", "eth0", false));
        nb.addRoute(Route.unicast(IpPrefix.v4(Ipv4Prefix.parse("10.0.0.1/32")), NextHop.dev("ipip1")));
        return t;
    }

    @Test
    void pointToPointTunnelCarriesForwardedTrafficWithTheKernelsOuterHeader() {
        Simulation sim = new Simulation(1);
        Topology t = tunnelAcrossRouter(sim, IpTunnelConfig.pointToPoint("10.0.0.5", "10.0.0.10"),
                IpTunnelConfig.pointToPoint("10.0.0.10", "10.0.0.5"));
        assertThat(t.node("A").device("ipip1").mtu()).isEqualTo(1480);
        assertThat(Ipip.of(t.node("A")).lookup(Ipv4Address.parseBits("10.0.0.10"), Ipv4Address.parseBits("10.0.0.5"), null).name())
                .isEqualTo("ipip1");
        Sent out = new Sent();
        t.node("A").device("eth1").addTap(out);
        Ping p = Ping.start(t.node("H"), Ipv4Address.parseBits("10.9.0.2"), PingOptions.count(2));
        sim.runUntilIdle();
        assertThat(p.result().received()).isEqualTo(2);
        // the reply comes back through the tunnel too: B sends it with TTL 64, A forwards it to H (63)
        assertThat(p.result().lines().get(0)).startsWith("64 bytes from 10.9.0.2: icmp_seq=1 ttl=63");
        byte[] f = out.frames.stream().filter(x -> u16(x, 12) == 0x0800 && x[23] == 4).findFirst().orElseThrow();
        // outer: tos 0, total = inner 84 + 20, ID 0 with DF (pmtudisc, no socket), TTL inherited from the forwarded inner (63)
        assertThat(u16(f, 14 + 2)).isEqualTo(104);
        assertThat(f[15]).isZero();
        assertThat(u16(f, 14 + 4)).isZero();
        assertThat(u16(f, 14 + 6)).isEqualTo(0x4000);
        assertThat(f[14 + 8] & 0xff).isEqualTo(63);
        assertThat(Ipv4Address.format(u16(f, 26) << 16 | u16(f, 28))).isEqualTo("10.0.0.5");
        assertThat(Ipv4Address.format(u16(f, 30) << 16 | u16(f, 32))).isEqualTo("10.0.0.10");
        // the inner header rides unchanged but for the forwarding TTL decrement
        assertThat(f[34 + 8] & 0xff).isEqualTo(63);
        PacketLedger.Summary s = t.network().ledger().summary();
        assertThat(s.created()).isEqualTo(s.delivered() + s.dropped() + s.consumed() + s.inFlight());
    }

    @Test
    void fixedTtlAndTosAreUsedAndNopmtudiscFollowsTheInnerDf() {
        Simulation sim = new Simulation(1);
        Topology t = tunnelAcrossRouter(sim,
                IpTunnelConfig.pointToPoint("10.0.0.5", "10.0.0.10").withTtl(10).withTos(0x10),
                IpTunnelConfig.pointToPoint("10.0.0.10", "10.0.0.5").withPmtudisc(false));
        Sent a = new Sent();
        Sent b = new Sent();
        t.node("A").device("eth1").addTap(a);
        t.node("B").device("eth0").addTap(b);
        Ping p = Ping.start(t.node("H"), Ipv4Address.parseBits("10.9.0.2"), PingOptions.count(1).pmtudisc(Pmtudisc.DONT));
        sim.runUntilIdle();
        assertThat(p.result().received()).isEqualTo(1);
        byte[] req = a.frames.stream().filter(x -> u16(x, 12) == 0x0800 && x[23] == 4).findFirst().orElseThrow();
        assertThat(req[14 + 8] & 0xff).isEqualTo(10);
        assertThat(req[15] & 0xff).isEqualTo(0x10);
        assertThat(u16(req, 20) & 0x4000).as("ttl 10 implies pmtudisc: DF").isEqualTo(0x4000);
        byte[] rep = b.frames.stream().filter(x -> u16(x, 12) == 0x0800 && x[23] == 4).findFirst().orElseThrow();
        // B: nopmtudisc, inner DF clear: outer DF clear and an ID from the per-destination counter, TTL inherited (64)
        assertThat(u16(rep, 20) & 0x4000).isZero();
        assertThat(rep[14 + 8] & 0xff).isEqualTo(64);
        assertThatThrownBy(() -> IpTunnelConfig.pointToPoint("1.1.1.1", "2.2.2.2").withPmtudisc(false).withTtl(5))
                .hasMessageContaining("ttl 5 and nopmtudisc are incompatible");
        assertThat(IpTunnelConfig.FALLBACK.ipLinkText()).isEqualTo("ipip any remote any local any ttl inherit nopmtudisc");
    }

    @Test
    void fragNeededFromTheUnderlayLowersTheTunnelsPathMtu() {
        Simulation sim = new Simulation(1);
        Topology t = tunnelAcrossRouter(sim, IpTunnelConfig.pointToPoint("10.0.0.5", "10.0.0.10"),
                IpTunnelConfig.pointToPoint("10.0.0.10", "10.0.0.5"));
        t.node("R").device("eth1").setMtu(1400);
        t.node("B").device("eth0").setMtu(1400);
        Ping p = Ping.start(t.node("H"), Ipv4Address.parseBits("10.9.0.2"), PingOptions.count(3).size(1400).pmtudisc(Pmtudisc.DO));
        sim.runUntilIdle();
        // 1: the outer packet (1448, DF) meets R's 1400 link, R tells A; 2: A's tunnel now carries at most
        // 1400 - 20 and answers H with that (tnl_update_pmtu); 3: H learned it and refuses locally
        assertThat(p.result().lines()).containsExactly("From 10.0.0.2 icmp_seq=2 Frag needed and DF set (mtu = 1380)",
                "ping: local error: message too long, mtu=1380");
        assertThat(t.node("A").ip().pmtu().get(Ipv4Address.parseBits("10.0.0.10"))).isEqualTo(1400);
        assertThat(t.network().ledger().summary().dropped(DropReason.TOO_BIG_DF)).isEqualTo(2);
    }

    @Test
    void tunl0TakesWhatNoTunnelMatchesAndRpFilterAppliesToIt() {
        Simulation sim = new Simulation(1);
        // A ---- B, A routes 10.7.0.0/24 through tunl0 to B
        Topology t = Topology.chain(sim, "A", "B");
        Node a = t.node("A");
        Node b = t.node("B");
        Ipip.of(a).fallback().setAdminUp(true);
        a.addRoute(via("10.7.0.0/24", "10.0.0.2", "tunl0", true));
        Ipip ipipB = Ipip.of(b);
        b.addAddress("tunl0", "10.7.0.1/32");
        assertThat(b.device("tunl0").mtu()).isEqualTo(1480);

        Ping down = Ping.start(a, Ipv4Address.parseBits("10.7.0.1"), PingOptions.count(1));
        sim.runUntilIdle();
        // tunl0 down on B: tunnel4_rcv answers port unreachable about the outer packet, which A's ipip_err
        // ignores ("impossible event"): the ping hears nothing
        assertThat(down.result().received()).isZero();
        assertThat(down.result().lines()).isEmpty();
        assertThat(t.network().ledger().summary().dropped(DropReason.NO_PROTOCOL)).isEqualTo(1);

        ipipB.fallback().setAdminUp(true);
        Ping up = Ping.start(a, Ipv4Address.parseBits("10.7.0.1"), PingOptions.count(1));
        sim.runUntilIdle();
        assertThat(up.result().received()).isEqualTo(1);
        assertThat(b.device("tunl0").counters().rxPackets()).isEqualTo(1);

        b.sysctls().rpFilterAll = 1;
        b.routes().changed();
        Ping strict = Ping.start(a, Ipv4Address.parseBits("10.7.0.1"), PingOptions.count(1));
        sim.runUntilIdle();
        // the inner source 10.0.0.1 routes back out of eth0, not tunl0: strict rp_filter drops it
        assertThat(strict.result().received()).isZero();
        assertThat(t.network().ledger().summary().dropped(DropReason.RP_FILTER)).isEqualTo(1);
    }
}
