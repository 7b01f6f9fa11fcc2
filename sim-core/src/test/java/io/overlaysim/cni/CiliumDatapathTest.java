package io.overlaysim.cni;

import static org.assertj.core.api.Assertions.assertThat;

import io.overlaysim.capture.CaptureFormat;
import io.overlaysim.capture.CaptureRecorder;
import io.overlaysim.capture.CaptureWriter;
import io.overlaysim.capture.PcapReader;
import io.overlaysim.capture.Tshark;
import io.overlaysim.device.EthernetDevice;
import io.overlaysim.device.NetDevice;
import io.overlaysim.device.Segment;
import io.overlaysim.engine.Simulation;
import io.overlaysim.net.Ipv4Address;
import io.overlaysim.net.Ipv4Prefix;
import io.overlaysim.node.Node;
import io.overlaysim.node.Pmtudisc;
import io.overlaysim.packet.PacketLedger;
import io.overlaysim.routing.IpAddress;
import io.overlaysim.routing.IpPrefix;
import io.overlaysim.routing.NextHop;
import io.overlaysim.routing.Route;
import io.overlaysim.topology.Walk;
import io.overlaysim.traffic.Ping;
import io.overlaysim.traffic.PingOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cilium's VXLAN datapath on a three-node {@link CiliumCluster}: pod to pod through the BPF
 * programs and cilium_vxlan (VNI = the sender's identity, port 8472), host traffic labelled
 * remote-node, world traffic forwarded by the stack under the routes' mtu, clean captures with
 * exactly 50 bytes of underlay overhead.
 */
class CiliumDatapathTest {
    @TempDir
    Path dir;

    private static void balanced(CiliumCluster c) {
        PacketLedger.Summary s = c.network.ledger().summary();
        assertThat(s.created()).isEqualTo(s.delivered() + s.dropped() + s.consumed() + s.inFlight());
        assertThat(s.inFlight()).isZero();
    }

    @Test
    void podToPodAcrossNodesCarriesTheSourceIdentityAsVni() {
        Simulation sim = new Simulation(1);
        CiliumCluster c = new CiliumCluster(sim, 3, 1450);
        Walk w = new Walk();
        c.network.setObserver(w);
        Ping p = Ping.start(c.node("pod-1"), Ipv4Address.parse("10.42.2.20").bits(), PingOptions.count(2));
        sim.runUntilIdle();
        assertThat(p.result().received()).isEqualTo(2);
        // no stack hop on either node: only the receiver's ipv4_local_delivery decrements the TTL
        assertThat(p.result().lines().get(0)).startsWith("64 bytes from 10.42.2.20: icmp_seq=1 ttl=63");
        assertThat(w.matching("capsulated")).containsSubsequence(
                "node1 encapsulated cilium_vxlan vxlan vni 10001 port 8472 192.168.1.11 > 192.168.1.12",
                "node2 decapsulated cilium_vxlan vxlan vni 10001 192.168.1.11 > 192.168.1.12",
                "node2 encapsulated cilium_vxlan vxlan vni 10002 port 8472 192.168.1.12 > 192.168.1.11",
                "node1 decapsulated cilium_vxlan vxlan vni 10002 192.168.1.12 > 192.168.1.11");
        // the pod's ARP for its gateway is answered by cil_from_container, never by the host's stack
        assertThat(c.node("pod-1").neighbours().get(c.node("pod-1").device("eth0"), Ipv4Address.parse("10.42.1.171").bits()).mac())
                .isEqualTo(c.node("node1").device("lxcpod1").mac());
        assertThat(w.steps).contains("node2 sent lxcpod2");
        assertThat(w.steps.stream().filter(s -> s.matches("node. route 10\\.42\\..*"))).isEmpty();
        balanced(c);
    }

    @Test
    void hostTrafficGoesThroughCiliumHostAndIsLabelledRemoteNode() {
        Simulation sim = new Simulation(1);
        CiliumCluster c = new CiliumCluster(sim, 2, 1450);
        Walk w = new Walk();
        c.network.setObserver(w);
        Ping p = Ping.start(c.node("node1"), Ipv4Address.parse("10.42.2.20").bits(), PingOptions.count(1));
        Ping local = Ping.start(c.node("node1"), Ipv4Address.parse("10.42.1.20").bits(), PingOptions.count(1));
        sim.runUntilIdle();
        assertThat(p.result().received()).isEqualTo(1);
        assertThat(local.result().received()).isEqualTo(1);
        // the route's src is cilium_host's address (10.42.1.171), so the reply comes back through the tunnel too
        assertThat(p.result().lines().get(0)).startsWith("64 bytes from 10.42.2.20: icmp_seq=1 ttl=64");
        assertThat(w.steps).contains("node2 encapsulated cilium_vxlan vxlan vni 10002 port 8472 192.168.1.12 > 192.168.1.11");
        assertThat(w.steps).contains("node1 route 10.42.2.20 UNICAST dev cilium_host",
                "node1 encapsulated cilium_vxlan vxlan vni 6 port 8472 192.168.1.11 > 192.168.1.12");
        balanced(c);
    }

    @Test
    void theRoutesMtuGivesFragNeededToForwardedAndLocalDfPackets() {
        Simulation sim = new Simulation(1);
        CiliumCluster c = new CiliumCluster(sim, 2, 1370);
        // a machine outside the cluster that reaches the pods through node1
        Node client = c.network.addNode("client");
        EthernetDevice nic = client.addEthernet("eth0");
        ((Segment) ((EthernetDevice) c.node("node1").device("eth0")).channel()).attach(nic);
        client.addAddress("eth0", "192.168.1.50/24");
        client.addRoute(Route.unicast(IpPrefix.v4(Ipv4Prefix.parse("10.42.0.0/16")),
                NextHop.via(IpAddress.v4(Ipv4Address.parse("192.168.1.11")), "eth0")));
        Walk w = new Walk();
        c.network.setObserver(w);
        int pod2 = Ipv4Address.parse("10.42.2.20").bits();
        Ping big = Ping.start(client, pod2, PingOptions.count(1).size(1400).pmtudisc(Pmtudisc.DO));
        Ping fits = Ping.start(client, pod2, PingOptions.count(1).size(1370 - 28).pmtudisc(Pmtudisc.DO));
        Ping host = Ping.start(c.node("node1"), pod2, PingOptions.count(1).size(1400).pmtudisc(Pmtudisc.DO));
        Ping pod = Ping.start(c.node("pod-1"), pod2, PingOptions.count(1).size(1400).pmtudisc(Pmtudisc.DO));
        sim.runUntilIdle();
        // ip_forward checks the route's mtu metric (1370), not cilium_host's MTU (1500)
        assertThat(big.result().lines()).containsExactly("From 192.168.1.11 icmp_seq=1 Frag needed and DF set (mtu = 1370)");
        assertThat(fits.result().received()).isEqualTo(1);
        assertThat(w.steps).contains("node1 encapsulated cilium_vxlan vxlan vni 2 port 8472 192.168.1.11 > 192.168.1.12");
        // locally generated: the route's mtu is the path MTU (EMSGSIZE); in the pod, its own default route's mtu
        assertThat(host.result().lines()).containsExactly("ping: local error: message too long, mtu=1370");
        assertThat(pod.result().lines()).containsExactly("ping: local error: message too long, mtu=1370");
        balanced(c);
    }

    @Test
    void capturesAreCleanAndTheOverheadIsFiftyBytes() throws IOException {
        Simulation sim = new Simulation(1);
        CiliumCluster c = new CiliumCluster(sim, 2, 1450);
        Path nic = dir.resolve("nic.pcap");
        Path lxc = dir.resolve("lxc.pcap");
        Path vx = dir.resolve("vxlan.pcap");
        List<CaptureWriter> ws = new ArrayList<>();
        capture(ws, c.node("node1").device("eth0"), nic);
        capture(ws, c.node("node1").device("lxcpod1"), lxc);
        capture(ws, c.node("node1").device("cilium_vxlan"), vx);
        Ping p = Ping.start(c.node("pod-1"), Ipv4Address.parse("10.42.2.20").bits(), PingOptions.count(3).size(1000));
        Ping small = Ping.start(c.node("pod-1"), Ipv4Address.parse("10.42.2.20").bits(), PingOptions.count(2));
        sim.runUntilIdle();
        for (CaptureWriter w : ws) {
            w.close();
        }
        assertThat(p.result().received()).isEqualTo(3);
        assertThat(small.result().received()).isEqualTo(2);
        Tshark.assertClean(nic, "udp.port==8472,vxlan");
        Tshark.assertClean(lxc);
        Tshark.assertClean(vx);
        List<Integer> inner = icmpLengths(PcapReader.read(lxc), 14);
        List<Integer> outer = icmpLengths(PcapReader.read(nic), 64);
        assertThat(inner).hasSize(10);
        assertThat(outer).containsExactlyElementsOf(inner.stream().map(l -> l + 50).toList());
        // outer UDP to 8472 without checksum (BPF_F_ZERO_CSUM_TX), VNI = the sending pod's identity
        java.util.Set<String> seen = new java.util.TreeSet<>();
        for (PcapReader.Record r : PcapReader.read(nic).records()) {
            byte[] f = r.data();
            if (f.length > 50 && f[23] == 17) {
                int dport = (f[36] & 0xff) << 8 | (f[37] & 0xff);
                int csum = (f[40] & 0xff) << 8 | (f[41] & 0xff);
                int vni = (f[46] & 0xff) << 16 | (f[47] & 0xff) << 8 | (f[48] & 0xff);
                seen.add(dport + " csum " + csum + " vni " + vni);
            }
        }
        assertThat(seen).containsExactly("8472 csum 0 vni 10001", "8472 csum 0 vni 10002");
    }

    private static void capture(List<CaptureWriter> ws, NetDevice dev, Path file) throws IOException {
        CaptureWriter w = CaptureFormat.PCAP.open(file);
        ws.add(w);
        new CaptureRecorder(w).capture("n", dev);
    }

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
