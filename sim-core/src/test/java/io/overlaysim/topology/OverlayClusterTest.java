package io.overlaysim.topology;

import static org.assertj.core.api.Assertions.assertThat;

import io.overlaysim.capture.CaptureFormat;
import io.overlaysim.capture.CaptureRecorder;
import io.overlaysim.capture.CaptureWriter;
import io.overlaysim.capture.PcapReader;
import io.overlaysim.capture.Tshark;
import io.overlaysim.device.NetDevice;
import io.overlaysim.engine.Simulation;
import io.overlaysim.node.Pmtudisc;
import io.overlaysim.packet.DropReason;
import io.overlaysim.packet.PacketLedger;
import io.overlaysim.traffic.Ping;
import io.overlaysim.traffic.PingOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The three clusters of issue 6's "Done when", pod to pod: reply path, a missing pod in the
 * local block, one in a remote block, an oversized DF packet, captures clean in tshark and an
 * underlay overhead of exactly 20 (IPIP) or 50 (VXLAN) bytes per packet.
 */
class OverlayClusterTest {
    @TempDir
    Path dir;

    private record Run(OverlayCluster c, Walk walk, Simulation sim) {
    }

    private static Run build(OverlayCluster.Builder b, Simulation sim) {
        OverlayCluster c = b.build();
        Walk w = new Walk();
        c.network().setObserver(w);
        return new Run(c, w, sim);
    }

    private static void balanced(OverlayCluster c) {
        PacketLedger.Summary s = c.network().ledger().summary();
        assertThat(s.created()).isEqualTo(s.delivered() + s.dropped() + s.consumed() + s.inFlight());
    }

    @Test
    void calicoIpipPodToPodAndBack() {
        Simulation sim = new Simulation(1);
        Run r = build(OverlayCluster.calicoIpip(sim), sim);
        Ping p = r.c().ping("pod-132", "172.16.103.65", PingOptions.count(2));
        sim.runUntilIdle();
        assertThat(p.result().received()).isEqualTo(2);
        assertThat(p.result().lines().get(0)).startsWith("64 bytes from 172.16.103.65: icmp_seq=1 ttl=62");
        // the seed walk: tunl0 toward the route's gateway, decapsulated by the fallback device, and the reply back
        assertThat(r.walk().matching("capsulated")).containsSubsequence(
                "worker01 encapsulated tunl0 ipip 192.168.0.176 > 192.168.0.146",
                "worker02 decapsulated tunl0 ipip 192.168.0.176 > 192.168.0.146",
                "worker02 encapsulated tunl0 ipip 192.168.0.146 > 192.168.0.176",
                "worker01 decapsulated tunl0 ipip 192.168.0.146 > 192.168.0.176");
        assertThat(r.walk().steps).contains("worker02 route 172.16.103.65 UNICAST dev " + r.c().hostDevice("pod-65"));
        balanced(r.c());
    }

    @Test
    void calicoVxlanPodToPodAndBack() {
        Simulation sim = new Simulation(1);
        Run r = build(OverlayCluster.calicoVxlan(sim), sim);
        Ping p = r.c().ping("pod-a", "172.16.246.193", PingOptions.count(2));
        sim.runUntilIdle();
        assertThat(p.result().received()).isEqualTo(2);
        assertThat(r.walk().matching("capsulated")).containsSubsequence(
                "worker01 encapsulated vxlan.calico vxlan vni 4096 port 4789 192.168.0.176 > 192.168.0.241",
                "worker03 decapsulated vxlan.calico vxlan vni 4096 192.168.0.176 > 192.168.0.241",
                "worker03 encapsulated vxlan.calico vxlan vni 4096 port 4789 192.168.0.241 > 192.168.0.176",
                "worker01 decapsulated vxlan.calico vxlan vni 4096 192.168.0.241 > 192.168.0.176");
        balanced(r.c());
    }

    @Test
    void flannelPodToPodAndBack() {
        Simulation sim = new Simulation(1);
        Run r = build(OverlayCluster.flannelVxlan(sim), sim);
        Ping p = r.c().ping("pod-a", "10.244.1.2", PingOptions.count(2));
        Ping local = r.c().ping("pod-b", "10.244.0.2", PingOptions.count(1));
        sim.runUntilIdle();
        assertThat(p.result().received()).isEqualTo(2);
        assertThat(local.result().received()).isEqualTo(1);
        assertThat(r.walk().matching("capsulated")).containsSubsequence(
                "worker01 encapsulated flannel.1 vxlan vni 1 port 8472 192.168.0.101 > 192.168.0.102",
                "worker02 decapsulated flannel.1 vxlan vni 1 192.168.0.101 > 192.168.0.102",
                "worker02 encapsulated flannel.1 vxlan vni 1 port 8472 192.168.0.102 > 192.168.0.101",
                "worker01 decapsulated flannel.1 vxlan vni 1 192.168.0.102 > 192.168.0.101");
        balanced(r.c());
    }

    @Test
    void calicoMissingPodsAreBlackholedAtTheBlocksOwner() {
        for (OverlayCluster.Builder b : List.of(OverlayCluster.calicoIpip(new Simulation(1)), OverlayCluster.calicoVxlan(new Simulation(1)))) {
            OverlayCluster c = b.build();
            Walk w = new Walk();
            c.network().setObserver(w);
            String pod = c.pods().get(0);
            Ping local = c.ping(pod, "172.16.52.140", PingOptions.count(1));
            Ping remote = c.ping(pod, "172.16.103.70", PingOptions.count(1));
            c.network().simulation().runUntilIdle();
            assertThat(local.result().received()).isZero();
            assertThat(remote.result().received()).isZero();
            // local block: worker01's `blackhole 172.16.52.128/26`; remote block: across the tunnel, then worker02's blackhole
            assertThat(w.steps).contains("worker01 dropped blackhole", "worker02 dropped blackhole");
            assertThat(w.matching("worker01 encapsulated")).hasSize(1).allSatisfy(s -> assertThat(s).contains("192.168.0.176 > 192.168.0.146"));
            assertThat(w.matching("worker02 decapsulated")).hasSize(1);
            assertThat(c.network().ledger().summary().dropped(DropReason.BLACKHOLE)).isEqualTo(2);
            balanced(c);
        }
    }

    @Test
    void flannelMissingPodsFailArpOnTheBlocksOwner() {
        Simulation sim = new Simulation(1);
        Run r = build(OverlayCluster.flannelVxlan(sim), sim);
        Ping local = r.c().ping("pod-a", "10.244.0.9", PingOptions.count(1));
        Ping remote = r.c().ping("pod-a", "10.244.1.9", PingOptions.count(1));
        sim.runUntilIdle();
        // no blackhole routes in Flannel: the /24 is on link (cni0). Locally the pod itself ARPs and gives up;
        // remotely the block's owner does, and its host unreachable travels back through the tunnel
        assertThat(local.result().lines()).containsExactly("From 10.244.0.2 icmp_seq=1 Destination Host Unreachable");
        // the error's source is what the route back (via flannel.1, no src) picks: flannel.1's own 10.244.1.0
        assertThat(remote.result().lines()).containsExactly("From 10.244.1.0 icmp_seq=1 Destination Host Unreachable");
        assertThat(r.walk().steps).contains("pod-a dropped no-arp-reply", "worker02 dropped no-arp-reply");
        assertThat(r.walk().matching("worker02 decapsulated")).isNotEmpty();
        balanced(r.c());
    }

    @Test
    void oversizedDfPacketsEarnFragNeededWithTheTunnelMtu() {
        record Case(OverlayCluster.Builder b, String pod, String dst, String from, int mtu) {
        }
        for (Case k : List.of(new Case(OverlayCluster.calicoIpip(new Simulation(1)), "pod-132", "172.16.103.65", "192.168.0.176", 1480),
                new Case(OverlayCluster.calicoVxlan(new Simulation(1)), "pod-a", "172.16.103.65", "192.168.0.176", 1450),
                new Case(OverlayCluster.flannelVxlan(new Simulation(1)), "pod-a", "10.244.1.2", "10.244.0.1", 1450))) {
            // pods with a 1500-byte MTU (a misconfigured veth_mtu) send packets the tunnel cannot carry
            OverlayCluster c = k.b().podMtu(1500).build();
            Ping big = c.ping(k.pod(), k.dst(), PingOptions.count(2).size(1472).pmtudisc(Pmtudisc.DO));
            Ping fits = c.ping(k.pod(), k.dst(), PingOptions.count(1).size(k.mtu() - 28).pmtudisc(Pmtudisc.DO));
            c.network().simulation().runUntilIdle();
            assertThat(big.result().lines()).containsExactly(
                    "From " + k.from() + " icmp_seq=1 Frag needed and DF set (mtu = " + k.mtu() + ")",
                    "ping: local error: message too long, mtu=" + k.mtu());
            assertThat(fits.result().received()).isEqualTo(1);
        }
    }

    @Test
    void capturesAreCleanAndTheUnderlayOverheadIsExact() throws IOException {
        for (OverlayCluster.Builder b : List.of(OverlayCluster.calicoIpip(new Simulation(1)), OverlayCluster.calicoVxlan(new Simulation(1)),
                OverlayCluster.flannelVxlan(new Simulation(1)))) {
            OverlayCluster c = b.build();
            String pod = c.pods().get(0);
            String kind = c.kind().name().toLowerCase();
            Path nic = dir.resolve(kind + "-nic.pcap");
            Path podSide = dir.resolve(kind + "-pod.pcap");
            Path tunnel = dir.resolve(kind + "-tunnel.pcap");
            List<CaptureWriter> ws = new ArrayList<>();
            capture(ws, c.node("worker01").devices().get(1), nic);
            capture(ws, c.hostDevice(pod), podSide);
            capture(ws, c.tunnel("worker01"), tunnel);
            String dst = c.kind() == OverlayCluster.Kind.FLANNEL_VXLAN ? "10.244.2.2" : "172.16.246.193";
            Ping p = c.ping(pod, dst, PingOptions.count(3).size(1000));
            Ping small = c.ping(pod, dst, PingOptions.count(2));
            c.network().simulation().runUntilIdle();
            for (CaptureWriter w : ws) {
                w.close();
            }
            assertThat(p.result().received()).isEqualTo(3);
            assertThat(small.result().received()).isEqualTo(2);
            String[] decode = c.kind() == OverlayCluster.Kind.FLANNEL_VXLAN ? new String[] {"udp.port==8472,vxlan"} : new String[0];
            Tshark.assertClean(nic, decode);
            Tshark.assertClean(podSide);
            Tshark.assertClean(tunnel);
            // every echo on the pod's veth (Ethernet + IP) appears on the NIC exactly 20 (IPIP) or 50 (VXLAN) bytes longer
            List<Integer> inner = icmpLengths(PcapReader.read(podSide), 14);
            List<Integer> outer = icmpLengths(PcapReader.read(nic), c.kind() == OverlayCluster.Kind.CALICO_IPIP ? 34 : 64);
            int overhead = c.kind() == OverlayCluster.Kind.CALICO_IPIP ? 20 : 50;
            assertThat(inner).hasSize(10);
            assertThat(outer).containsExactlyElementsOf(inner.stream().map(l -> l + overhead).toList());
            // tunl0 shows raw inner IP (LINKTYPE_RAW 101), the VXLAN device the inner Ethernet frames
            assertThat(PcapReader.read(tunnel).linkType()).isEqualTo(c.kind() == OverlayCluster.Kind.CALICO_IPIP ? 101 : 1);
        }
    }

    private static void capture(List<CaptureWriter> ws, NetDevice dev, Path file) throws IOException {
        CaptureWriter w = CaptureFormat.PCAP.open(file);
        ws.add(w);
        new CaptureRecorder(w).capture("n", dev);
    }

    /** Frame lengths of the ICMP echo packets whose (innermost) IPv4 header starts at {@code ip}. */
    private static List<Integer> icmpLengths(PcapReader.Capture cap, int ip) {
        List<Integer> out = new ArrayList<>();
        for (PcapReader.Record r : cap.records()) {
            byte[] f = r.data();
            if (f.length > ip + 20 && (f[ip] & 0xf0) == 0x40 && f[ip + 9] == 1 && (f[ip + 20] == 0 || f[ip + 20] == 8)) {
                out.add(f.length);
            }
        }
        return out;
    }
}
