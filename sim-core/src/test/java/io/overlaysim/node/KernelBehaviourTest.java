package io.overlaysim.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.overlaysim.capture.PcapReader;
import io.overlaysim.device.EthernetDevice;
import io.overlaysim.device.LinkConfig;
import io.overlaysim.device.PointToPointLink;
import io.overlaysim.device.VethDevice;
import io.overlaysim.engine.Simulation;
import io.overlaysim.net.Ipv4Address;
import io.overlaysim.packet.DropReason;
import io.overlaysim.packet.PacketBuffer;
import io.overlaysim.routing.IpAddress;
import io.overlaysim.routing.IpPrefix;
import io.overlaysim.routing.NextHop;
import io.overlaysim.routing.Route;
import io.overlaysim.routing.RouteProtocol;
import io.overlaysim.routing.RouteScope;
import io.overlaysim.routing.RouteType;
import io.overlaysim.routing.TableNames;
import io.overlaysim.routing.RouteMetrics;
import io.overlaysim.net.Ipv4Prefix;
import io.overlaysim.traffic.Ping;
import io.overlaysim.traffic.PingOptions;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The behaviours the real kernel was asked about (src/test/resources/kernel/, made by
 * make-kernel-answers.sh in network namespaces), on the same topology:
 *
 * <pre>
 *   P p0 10.0.3.2/32 ---- rp (R, proxy_arp)
 *   A a0 10.0.1.2/24 ---- r0 10.0.1.1/24 [R] r1 10.0.2.1/24 mtu 1400 ---- b0 10.0.2.2/24 mtu 1400 B
 * </pre>
 */
class KernelBehaviourTest {
    static int ip(String s) {
        return Ipv4Address.parse(s).bits();
    }

    static Route via(String dst, String gw, String dev) {
        return Route.unicast(IpPrefix.v4(Ipv4Prefix.parse(dst)), NextHop.via(IpAddress.v4(new Ipv4Address(ip(gw))), dev));
    }

    static Route dev(String dst, String dev, String src) {
        return new Route(RouteType.UNICAST, IpPrefix.v4(Ipv4Prefix.parse(dst)), null, TableNames.MAIN, 0, null,
                RouteScope.LINK, null, src == null ? null : IpAddress.v4(new Ipv4Address(ip(src))), List.of(NextHop.dev(dev)),
                false, null, Set.of(), RouteMetrics.NONE, null, null, Map.of());
    }

    static PcapReader.Capture kernel(String name) throws IOException {
        try (InputStream in = KernelBehaviourTest.class.getResourceAsStream("/kernel/" + name)) {
            return PcapReader.parse(name, in.readAllBytes());
        }
    }

    /** The namespaces of make-kernel-answers.sh. */
    static final class Lab {
        final Simulation sim = new Simulation(7);
        final Network net = new Network(sim);
        final Node a = net.addNode("A");
        final Node r = net.addNode("R");
        final Node b = net.addNode("B");
        final Node p = net.addNode("P");
        final Frames onA;
        final Frames onB;
        final Frames onP;

        Lab() {
            EthernetDevice a0 = a.addVeth("a0");
            EthernetDevice r0 = r.addVeth("r0");
            EthernetDevice r1 = r.addVeth("r1");
            EthernetDevice b0 = b.addVeth("b0");
            VethDevice p0 = p.addVeth("p0");
            VethDevice rp = r.addVeth("rp");
            VethDevice.pair(sim, (VethDevice) a0, (VethDevice) r0);
            VethDevice.pair(sim, (VethDevice) r1, (VethDevice) b0);
            VethDevice.pair(sim, p0, rp);
            r1.setMtu(1400);
            b0.setMtu(1400);
            a.addAddress("a0", "10.0.1.2/24");
            r.addAddress("r0", "10.0.1.1/24");
            r.addAddress("r1", "10.0.2.1/24");
            b.addAddress("b0", "10.0.2.2/24");
            p.addAddress("p0", "10.0.3.2/32");
            p.addRoute(dev("169.254.1.1/32", "p0", null));
            p.addRoute(via("0.0.0.0/0", "169.254.1.1", "p0"));
            r.addRoute(dev("10.0.3.2/32", "rp", null));
            r.addRoute(via("0.0.0.0/0", "10.0.1.2", "r0"));
            a.addRoute(via("0.0.0.0/0", "10.0.1.1", "a0"));
            b.addRoute(via("0.0.0.0/0", "10.0.2.1", "b0"));
            r.sysctls().ipForward = true;
            r.sysctls().setProxyArp("rp", true);
            onA = Frames.on(a0);
            onB = Frames.on(b0);
            onP = Frames.on(p0);
        }
    }

    @Test
    void anAbsentNeighbourGetsThreeRequestsASecondApartThenHostUnreachable() throws IOException {
        Lab l = new Lab();
        Ping p = Ping.start(l.a, ip("10.0.1.99"), PingOptions.count(1));
        l.sim.runUntilIdle();
        List<Frames.Frame> arp = l.onA.where(Frames.Frame::isArp);
        assertThat(arp).hasSize(3);
        assertThat(arp).extracting(Frames.Frame::time).containsExactly(0L, 1_000_000_000L, 2_000_000_000L);
        assertThat(arp.get(0).u32(14 + 14)).as("sender ip").isEqualTo(ip("10.0.1.2"));
        assertThat(p.result().lines()).containsExactly("From 10.0.1.2 icmp_seq=1 Destination Host Unreachable");
        assertThat(l.net.ledger().summary().dropped(DropReason.NO_ARP_REPLY)).isEqualTo(1);
        // the kernel: three requests, about a second apart
        List<PcapReader.Record> k = kernel("arp-absent-neighbour.pcap").records().stream()
                .filter(r -> r.data().length >= 14 && r.data()[12] == 8 && r.data()[13] == 6).toList();
        assertThat(k).hasSize(3);
        long gap = k.get(2).timestampNanos() - k.get(0).timestampNanos();
        assertThat(gap).isBetween(1_900_000_000L, 2_200_000_000L);
    }

    @Test
    void fragNeededQuotes548BytesFromTheInboundRouteSource() throws IOException {
        Lab l = new Lab();
        Ping.start(l.a, ip("10.0.2.2"), PingOptions.count(1).size(1472).pmtudisc(Pmtudisc.DO));
        l.sim.runUntilIdle();
        Frames.Frame e = l.onA.where(f -> f.isIpv4() && f.ipProto() == 1 && f.icmpType() == 3).get(0);
        assertThat(e.icmpCode()).isEqualTo(4);
        assertThat(e.ipTotalLength()).isEqualTo(576);
        assertThat(e.ipSrc()).isEqualTo(ip("10.0.1.1"));
        assertThat(e.u16(34 + 6)).as("next-hop mtu").isEqualTo(1400);
        assertThat(e.u8(15)).as("tos").isEqualTo(0xc0);
        assertThat(l.net.ledger().summary().dropped(DropReason.TOO_BIG_DF)).isEqualTo(1);
        // the kernel sent the same: 576 bytes, mtu 1400
        byte[] k = kernel("icmp-errors.pcap").records().stream().map(PcapReader.Record::data)
                .filter(d -> d.length > 34 && d[23] == 1 && d[34] == 3).findFirst().orElseThrow();
        assertThat(((k[16] & 0xff) << 8) | (k[17] & 0xff)).isEqualTo(576);
        assertThat(((k[40] & 0xff) << 8) | (k[41] & 0xff)).isEqualTo(1400);
        assertThat(e.bytes().length).isEqualTo(k.length);
    }

    @Test
    void aLearnedPathMtuMakesTheSenderFragmentAt1400() {
        Lab l = new Lab();
        Ping.start(l.a, ip("10.0.2.2"), PingOptions.count(1).size(1472).pmtudisc(Pmtudisc.DO));
        l.sim.runUntilIdle();
        assertThat(l.a.ip().pmtu().get(ip("10.0.2.2"))).isEqualTo(1400);
        l.onA.frames.clear();
        Ping p = Ping.start(l.a, ip("10.0.2.2"), PingOptions.count(1).size(2972).pmtudisc(Pmtudisc.DONT));
        l.sim.runUntilIdle();
        assertThat(l.onA.sent().stream().filter(Frames.Frame::isIpv4).map(Frames.Frame::ipTotalLength).toList())
                .containsExactly(1396, 1396, 248);
        assertThat(p.result().received()).isEqualTo(1);
        assertThat(p.result().lines().get(0)).startsWith("2980 bytes from 10.0.2.2");
    }

    @Test
    void timeExceededComesFromTheRouteBackSourceNotTheInboundAddress() {
        Lab l = new Lab();
        Ping p1 = Ping.start(l.a, ip("10.0.2.2"), PingOptions.count(1).ttl(1));
        l.sim.runUntilIdle();
        assertThat(p1.result().lines()).containsExactly("From 10.0.1.1 icmp_seq=1 Time to live exceeded");
        Frames.Frame e = l.onA.where(f -> f.isIpv4() && f.ipProto() == 1 && f.icmpType() == 11).get(0);
        assertThat(e.ipTotalLength()).isEqualTo(112);
        assertThat(e.u8(34 + 8 + 8)).as("quoted ttl").isEqualTo(1);
        // icmp_errors_use_inbound_ifaddr = 0: the route back to the sender picks the source
        l.r.addAddress("lo", "10.9.9.9/32");
        l.r.deleteRoute(dev("10.0.1.0/24", "r0", null).withTable(TableNames.MAIN));
        l.r.addRoute(dev("10.0.1.0/24", "r0", "10.9.9.9"));
        Ping p2 = Ping.start(l.a, ip("10.0.2.2"), PingOptions.count(1).ttl(1));
        l.sim.runUntilIdle();
        assertThat(p2.result().lines()).containsExactly("From 10.9.9.9 icmp_seq=1 Time to live exceeded");
    }

    @Test
    void fragmentsAre1396And248OnA1400Link() throws IOException {
        // the kernel's run had A learn the path MTU 1400 first (the frag-needed case before it); so here
        Lab l = new Lab();
        Ping.start(l.a, ip("10.0.2.2"), PingOptions.count(1).size(1472).pmtudisc(Pmtudisc.DO));
        l.sim.runUntilIdle();
        l.onB.frames.clear();
        Ping p = Ping.start(l.a, ip("10.0.2.2"), PingOptions.count(1).size(2972).pmtudisc(Pmtudisc.DONT));
        l.sim.runUntilIdle();
        List<Frames.Frame> in = l.onB.received().stream().filter(Frames.Frame::isIpv4).toList();
        assertThat(in).extracting(Frames.Frame::ipTotalLength).containsExactly(1396, 1396, 248);
        assertThat(in).extracting(f -> f.fragWord() & 0x3fff).containsExactly(0x2000, 0x2000 | 172, 344);
        assertThat(p.result().received()).isEqualTo(1);
        List<Integer> k = kernel("fragments.pcap").records().stream().map(PcapReader.Record::data)
                .filter(d -> d.length > 34 && d[12] == 8 && d[13] == 0 && d[30] == 10 && d[31] == 0 && d[32] == 2 && d[33] == 2)
                .map(d -> ((d[16] & 0xff) << 8) | (d[17] & 0xff)).toList();
        assertThat(k).containsExactly(1396, 1396, 248);
        assertThat(l.net.ledger().summary().inFlight()).isZero();
    }

    @Test
    void withoutALearnedPmtuTheRouterRefragmentsTheSendersFragments() {
        // not asked of the kernel: A fragments at 1500 (1480 + 1480 + 20 bytes of payload), R cuts each for 1400
        // (ip_do_fragment keeps MF on the last piece of a non-final fragment)
        Lab l = new Lab();
        Ping p = Ping.start(l.a, ip("10.0.2.2"), PingOptions.count(1).size(2972).pmtudisc(Pmtudisc.DONT));
        l.sim.runUntilIdle();
        List<Frames.Frame> in = l.onB.received().stream().filter(f -> f.isIpv4() && f.ipDst() == ip("10.0.2.2")).toList();
        assertThat(in).extracting(Frames.Frame::ipTotalLength).containsExactly(1396, 124, 1396, 124, 40);
        assertThat(in).extracting(f -> f.fragWord() & 0x3fff).containsExactly(0x2000, 0x2000 | 172, 0x2000 | 185,
                0x2000 | 357, 370);
        assertThat(p.result().received()).isEqualTo(1);
    }

    @Test
    void proxyArpAnswersForTheGatewayAfterARandomProxyDelayOrAtOnce() {
        Lab l = new Lab();
        Ping p = Ping.start(l.p, ip("10.0.1.2"), PingOptions.count(1));
        l.sim.runUntil(1_000_000_000L);
        assertThat(p.result().received()).isEqualTo(1);
        List<Frames.Frame> arp = l.onP.where(Frames.Frame::isArp);
        Frames.Frame reply = arp.get(1);
        assertThat(reply.u16(14 + 6)).isEqualTo(2);
        assertThat(reply.u32(14 + 14)).as("sender ip").isEqualTo(ip("169.254.1.1"));
        long senderMac = ((long) reply.u16(14 + 8) << 32) | (reply.u32(14 + 10) & 0xffffffffL);
        assertThat(senderMac).isEqualTo(l.r.device("rp").mac());
        // proxy_delay 80 jiffies: the kernel answered after 331 ms; here a draw in [0, 800 ms)
        assertThat(reply.time()).isBetween(1L, 800_000_000L);
        l.sim.runUntil(2_000_000_000L);
        assertThat(l.p.neighbours().get(l.p.device("p0"), ip("169.254.1.1")).state()).isEqualTo(NeighbourState.REACHABLE);

        Lab calico = new Lab();
        calico.r.sysctls().setProxyDelay("rp", 0);
        Ping.start(calico.p, ip("10.0.1.2"), PingOptions.count(1));
        calico.sim.runUntilIdle();
        assertThat(calico.onP.where(Frames.Frame::isArp).get(1).time()).isZero();
    }

    @Test
    void rpFilterStrictDropsASpoofedSourceLooseOnlyAnUnroutableOne() {
        int[] reached = new int[5];
        int i = 0;
        for (int mode : new int[] {0, 1, 2}) {
            Lab l = new Lab();
            l.a.addAddress("a0", "10.0.2.77/32");
            l.r.sysctls().setRpFilter("r0", mode);
            Ping.start(l.a, ip("10.0.2.2"), PingOptions.count(2).source(ip("10.0.2.77")));
            l.sim.runUntilIdle();
            reached[i++] = (int) l.onB.received().stream().filter(f -> f.isIpv4() && f.ipSrc() == ip("10.0.2.77")).count();
        }
        for (int mode : new int[] {2, 0}) {
            Lab l = new Lab();
            l.r.deleteRoute(via("0.0.0.0/0", "10.0.1.2", "r0"));
            l.a.addAddress("a0", "10.0.99.9/32");
            l.r.sysctls().setRpFilter("r0", mode);
            Ping.start(l.a, ip("10.0.2.2"), PingOptions.count(2).source(ip("10.0.99.9")));
            l.sim.runUntilIdle();
            reached[i++] = (int) l.onB.received().stream().filter(f -> f.isIpv4() && f.ipSrc() == ip("10.0.99.9")).count();
        }
        // kernel (rp-filter.txt): 0 -> 2, 1 -> 0, 2 -> 2; unroutable source: 2 -> 0, 0 -> 2 echo requests reach b0
        assertThat(reached).containsExactly(2, 0, 2, 0, 2);
    }

    @Test
    void aLoneFirstFragmentExpiresWithTimeExceededCode1() throws IOException {
        Lab l = new Lab();
        l.b.sysctls().ipfragTime = 2;
        // the kernel's input: the first frame of reassembly-timeout.pcap, sent by A
        byte[] frame = kernel("reassembly-timeout.pcap").records().get(0).data();
        PacketBuffer pkt = PacketBuffer.copyOf(frame, 14, frame.length - 14);
        l.a.created(pkt, "raw");
        l.a.ip().output(pkt, l.a.ip().route(ip("10.0.2.2"), 0, null));
        l.sim.runUntilIdle();
        Frames.Frame e = l.onA.where(f -> f.isIpv4() && f.ipProto() == 1 && f.icmpType() == 11).get(0);
        assertThat(e.icmpCode()).isEqualTo(1);
        assertThat(e.ipSrc()).isEqualTo(ip("10.0.2.2"));
        assertThat(e.ipTotalLength()).isEqualTo(120);
        assertThat(e.time()).isBetween(2_000_000_000L, 2_001_000_000L);
        assertThat(l.net.ledger().summary().dropped(DropReason.REASSEMBLY_TIMEOUT)).isEqualTo(1);
        // the kernel: 120 bytes from 10.0.2.2 after ipfrag_time (2 s)
        PcapReader.Record k = kernel("reassembly-timeout.pcap").records().stream()
                .filter(r -> r.data().length > 34 && r.data()[23] == 1 && r.data()[34] == 11).findFirst().orElseThrow();
        assertThat(k.data().length).isEqualTo(e.bytes().length);
    }
}
