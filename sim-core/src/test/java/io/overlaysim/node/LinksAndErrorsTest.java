package io.overlaysim.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.overlaysim.capture.CaptureFormat;
import io.overlaysim.capture.CaptureRecorder;
import io.overlaysim.capture.CaptureWriter;
import io.overlaysim.capture.Tshark;
import io.overlaysim.device.LinkConfig;
import io.overlaysim.engine.Simulation;
import io.overlaysim.net.Ipv4Address;
import io.overlaysim.packet.DropReason;
import io.overlaysim.packet.IpProtocol;
import io.overlaysim.packet.PacketBuffer;
import io.overlaysim.packet.PacketLedger;
import io.overlaysim.routing.IpAddress;
import io.overlaysim.routing.IpPrefix;
import io.overlaysim.routing.NextHop;
import io.overlaysim.routing.Route;
import io.overlaysim.routing.RouteType;
import io.overlaysim.topology.Topology;
import io.overlaysim.traffic.Ping;
import io.overlaysim.traffic.PingOptions;
import io.overlaysim.transport.UdpSocket;
import io.overlaysim.transport.UdpStack;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Link loss, queues, link down/up, and the ICMP answers of the routing decisions, each with a balanced ledger. */
class LinksAndErrorsTest {
    @TempDir
    Path dir;

    static void assertBalanced(Topology t) {
        PacketLedger.Summary s = t.network().ledger().summary();
        assertThat(s.created()).as(s.text()).isEqualTo(s.delivered() + s.dropped() + s.consumed() + s.inFlight());
        assertThat(s.inFlight()).as(s.text()).isZero();
    }

    /** Captures A's eth0 while {@code run} runs, then asks tshark. */
    void captured(Topology t, String name, Runnable run) throws IOException {
        Path file = dir.resolve(name + ".pcapng");
        try (CaptureWriter w = CaptureFormat.PCAPNG.open(file)) {
            CaptureRecorder rec = new CaptureRecorder(w);
            rec.capture("A", t.node("A").device("eth0"));
            run.run();
        }
        assertThat(Tshark.assertClean(file).packets()).isPositive();
    }

    private static long lossRun(long seed) {
        Simulation sim = new Simulation(seed);
        // A ---- B, 30 % loss
        Topology t = Topology.chain(sim, LinkConfig.GIGABIT.withLoss(0.3), "A", "B");
        UdpStack.of(t.node("B")).bind(5000, null);
        UdpSocket s = UdpStack.of(t.node("A")).bind(0, null);
        t.node("A").neighbours();
        for (int i = 0; i < 200; i++) {
            sim.schedule(10_000_000L + i * 100_000L, () -> s.send(t.address("B"), 5000, 100, 0));
        }
        sim.runUntilIdle();
        assertBalanced(t);
        return t.network().ledger().summary().dropped(DropReason.LOSS);
    }

    @Test
    void linkLossIsSeededAndDeterministic() {
        long first = lossRun(42);
        assertThat(first).isEqualTo(lossRun(42));
        assertThat(first).isBetween(30L, 100L);
        assertThat(lossRun(43)).isNotEqualTo(first);
    }

    @Test
    void aFullDropTailQueueDropsTheRest() throws IOException {
        Simulation sim = new Simulation(1);
        // A ---- B at 1 Mbps, 5 frames of queue
        Topology t = Topology.chain(sim, LinkConfig.GIGABIT.withBandwidth(1_000_000).withQueue(5), "A", "B");
        UdpStack.of(t.node("B")).bind(5000, null);
        UdpSocket s = UdpStack.of(t.node("A")).bind(0, null);
        captured(t, "queue", () -> {
            s.send(t.address("B"), 5000, 100, 0);
            sim.runUntilIdle();      // ARP resolved
            for (int i = 0; i < 20; i++) {
                s.send(t.address("B"), 5000, 1000, 0);
            }
            sim.runUntilIdle();
        });
        // one on the wire, five waiting, fourteen dropped
        assertThat(t.network().ledger().summary().dropped(DropReason.QUEUE_FULL)).isEqualTo(14);
        assertThat(t.node("A").device("eth0").counters().txDropped()).isEqualTo(14);
        assertBalanced(t);
    }

    @Test
    void aLinkDownForAWhileLosesThePingsSentMeanwhile() throws IOException {
        Simulation sim = new Simulation(1);
        // A ---- B, cable cut from 2.5 s to 5.5 s
        Topology t = Topology.chain(sim, "A", "B");
        t.link("A", "B").channel().downAt(2_500_000_000L);
        t.link("A", "B").channel().upAt(5_500_000_000L);
        Ping[] p = new Ping[1];
        captured(t, "down", () -> {
            p[0] = t.ping("A", "B", PingOptions.count(8));
            sim.runUntilIdle();
        });
        // requests 4, 5 and 6 (t = 3, 4, 5 s) meet the cut
        assertThat(p[0].result().received()).isEqualTo(5);
        assertThat(p[0].result().lines()).noneMatch(l -> l.contains("icmp_seq=4 ") || l.contains("icmp_seq=5 ")
                || l.contains("icmp_seq=6 "));
        assertThat(t.network().ledger().summary().dropped(DropReason.LINK_DOWN)).isGreaterThanOrEqualTo(3);
        assertBalanced(t);
    }

    /** A ---- R ---- B with a default route on A via R and {@code route} on R; a ping to {@code dst}. */
    private Ping pingThrough(Topology t, Simulation sim, Route route, String dst, String name) throws IOException {
        t.node("A").addRoute(Route.unicast(IpPrefix.parse("0.0.0.0/0"), NextHop.via(IpAddress.parse("10.0.0.2"), "eth0")));
        if (route != null) {
            t.node("R").addRoute(route);
        }
        Ping[] p = new Ping[1];
        captured(t, name, () -> {
            p[0] = Ping.start(t.node("A"), Ipv4Address.parseBits(dst), PingOptions.count(1));
            sim.runUntilIdle();
        });
        assertBalanced(t);
        return p[0];
    }

    @Test
    void noRouteEarnsNetUnreachable() throws IOException {
        Simulation sim = new Simulation(1);
        Topology t = Topology.chain(sim, "A", "R", "B");
        Ping p = pingThrough(t, sim, null, "192.0.2.1", "net");
        assertThat(p.result().lines()).containsExactly("From 10.0.0.2 icmp_seq=1 Destination Net Unreachable");
        assertThat(t.network().ledger().summary().dropped(DropReason.NO_ROUTE)).isEqualTo(1);
    }

    @Test
    void anUnreachableRouteEarnsHostUnreachable() throws IOException {
        Simulation sim = new Simulation(1);
        Topology t = Topology.chain(sim, "A", "R", "B");
        Ping p = pingThrough(t, sim, Route.reject(RouteType.UNREACHABLE, IpPrefix.parse("192.0.2.0/24")), "192.0.2.1", "host");
        assertThat(p.result().lines()).containsExactly("From 10.0.0.2 icmp_seq=1 Destination Host Unreachable");
        assertThat(t.network().ledger().summary().dropped(DropReason.UNREACHABLE)).isEqualTo(1);
    }

    @Test
    void aProhibitRouteEarnsAdministrativelyProhibited() throws IOException {
        Simulation sim = new Simulation(1);
        Topology t = Topology.chain(sim, "A", "R", "B");
        Ping p = pingThrough(t, sim, Route.reject(RouteType.PROHIBIT, IpPrefix.parse("192.0.2.0/24")), "192.0.2.1", "prohibit");
        assertThat(p.result().lines()).containsExactly("From 10.0.0.2 icmp_seq=1 Packet filtered");
        assertThat(t.network().ledger().summary().dropped(DropReason.PROHIBIT)).isEqualTo(1);
    }

    @Test
    void aBlackholeIsSilent() throws IOException {
        Simulation sim = new Simulation(1);
        Topology t = Topology.chain(sim, "A", "R", "B");
        Ping p = pingThrough(t, sim, Route.reject(RouteType.BLACKHOLE, IpPrefix.parse("192.0.2.0/24")), "192.0.2.1", "blackhole");
        assertThat(p.result().lines()).isEmpty();
        assertThat(p.result().received()).isZero();
        assertThat(t.network().ledger().summary().dropped(DropReason.BLACKHOLE)).isEqualTo(1);
    }

    @Test
    void aClosedPortEarnsPortUnreachable() throws IOException {
        Simulation sim = new Simulation(1);
        Topology t = Topology.chain(sim, "A", "R", "B");
        UdpStack.of(t.node("B"));
        int[] code = {-1};
        UdpSocket s = UdpStack.of(t.node("A")).bind(0, new io.overlaysim.transport.UdpReceiver() {
            @Override
            public void datagram(UdpSocket socket, PacketBuffer p, int src, int sourcePort, int payload, int length) {
            }

            @Override
            public void error(UdpSocket socket, int from, int type, int c, int info, int dst, int dstPort) {
                code[0] = c;
            }
        });
        captured(t, "port", () -> {
            s.send(t.address("B"), 9999, 10, 0);
            sim.runUntilIdle();
        });
        assertThat(code[0]).isEqualTo(3);
        assertThat(t.network().ledger().summary().dropped(DropReason.NO_SOCKET)).isEqualTo(1);
        assertBalanced(t);
    }

    @Test
    void anUnknownProtocolEarnsProtocolUnreachable() throws IOException {
        Simulation sim = new Simulation(1);
        Topology t = Topology.chain(sim, "A", "R", "B");
        Node a = t.node("A");
        captured(t, "proto", () -> {
            PacketBuffer p = PacketBuffer.allocate(8);
            p.put(8);
            a.created(p, "raw");
            RouteDecision d = a.ip().route(t.address("B"), 0, null);
            a.ip().send(p, 99, d.prefsrc(), t.address("B"), 64, 0, Pmtudisc.DONT, d);
            sim.runUntilIdle();
        });
        var s = t.network().ledger().summary();
        assertThat(s.dropped(DropReason.NO_PROTOCOL)).isEqualTo(1);
        // the error came back to A and was delivered there
        assertThat(a.device("eth0").counters().rxPackets()).isGreaterThanOrEqualTo(2);
        assertBalanced(t);
        assertThat(IpProtocol.ICMP).isEqualTo(1);
    }
}
