package io.overlaysim.node;

import static org.assertj.core.api.Assertions.assertThat;

import io.overlaysim.capture.CaptureFormat;
import io.overlaysim.capture.CaptureRecorder;
import io.overlaysim.capture.CaptureWriter;
import io.overlaysim.capture.Tshark;
import io.overlaysim.device.BridgeDevice;
import io.overlaysim.device.EthernetDevice;
import io.overlaysim.device.Segment;
import io.overlaysim.device.VethDevice;
import io.overlaysim.engine.Simulation;
import io.overlaysim.net.Ipv4Address;
import io.overlaysim.packet.PacketLedger;
import io.overlaysim.routing.IpAddress;
import io.overlaysim.routing.IpPrefix;
import io.overlaysim.routing.NextHop;
import io.overlaysim.routing.Route;
import io.overlaysim.traffic.Ping;
import io.overlaysim.traffic.PingOptions;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Flannel-like host: three pods on the bridge {@code cni0}, their gateway.
 *
 * <pre>
 *   pod1 eth0 10.244.1.2 ---- veth1 \
 *   pod2 eth0 10.244.1.3 ---- veth2 - cni0 10.244.1.1/24 [host]
 *   pod3 eth0 10.244.1.4 ---- veth3 /
 * </pre>
 */
class BridgeAndSegmentTest {
    final Simulation sim = new Simulation(3);
    final Network net = new Network(sim);
    final Node host = net.addNode("host");
    final BridgeDevice cni0 = host.addBridge("cni0");
    final Node[] pods = new Node[3];
    final Frames[] onPod = new Frames[3];

    BridgeAndSegmentTest() {
        for (int i = 0; i < 3; i++) {
            Node pod = net.addNode("pod" + (i + 1));
            VethDevice inPod = pod.addVeth("eth0");
            VethDevice onHost = host.addVeth("veth" + (i + 1));
            VethDevice.pair(sim, inPod, onHost);
            cni0.addPort(onHost);
            pod.addAddress("eth0", "10.244.1." + (i + 2) + "/24");
            pod.addRoute(Route.unicast(IpPrefix.parse("0.0.0.0/0"), NextHop.via(IpAddress.parse("10.244.1.1"), "eth0")));
            pods[i] = pod;
            onPod[i] = Frames.on(inPod);
        }
        host.addAddress("cni0", "10.244.1.1/24");
    }

    static int ip(String s) {
        return Ipv4Address.parseBits(s);
    }

    void assertBalanced() {
        PacketLedger.Summary s = net.ledger().summary();
        assertThat(s.inFlight()).as(s.text()).isZero();
        assertThat(s.created()).as(s.text()).isEqualTo(s.delivered() + s.dropped() + s.consumed());
    }

    @Test
    void podsOnTheBridgeReachEachOtherAndTheBridgeLearnsWhereTheyAre(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("bridge.pcapng");
        Ping p;
        try (CaptureWriter w = CaptureFormat.PCAPNG.open(file)) {
            CaptureRecorder rec = new CaptureRecorder(w);
            rec.capture("host", cni0);
            for (var port : cni0.ports()) {
                rec.capture("host", port);
            }
            p = Ping.start(pods[0], ip("10.244.1.3"), PingOptions.count(3));
            sim.runUntilIdle();
        }
        assertThat(p.result().received()).isEqualTo(3);
        assertThat(cni0.portOf(pods[0].device("eth0").mac()).name()).isEqualTo("veth1");
        assertThat(cni0.portOf(pods[1].device("eth0").mac()).name()).isEqualTo("veth2");
        // pod3 saw the flooded ARP request, but none of the unicast between pod1 and pod2
        assertThat(onPod[2].received()).isNotEmpty().allSatisfy(f -> assertThat(f.isArp()).isTrue());
        assertThat(onPod[2].received()).noneMatch(Frames.Frame::isIpv4);
        assertBalanced();
        Tshark.assertClean(file);
    }

    @Test
    void theBridgesOwnAddressIsThePodsGateway() {
        Ping p = Ping.start(pods[0], ip("10.244.1.1"), PingOptions.count(2));
        sim.runUntilIdle();
        assertThat(p.result().received()).isEqualTo(2);
        assertThat(p.result().lines().get(0)).startsWith("64 bytes from 10.244.1.1: icmp_seq=1 ttl=64");
        assertBalanced();
    }

    @Test
    void learnedAddressesAgeOutAndUnknownUnicastIsFlooded() {
        cni0.setAgeing(10_000_000_000L);
        Ping.start(pods[0], ip("10.244.1.3"), PingOptions.count(1));
        sim.runUntil(2_000_000_000L);
        long pod2 = pods[1].device("eth0").mac();
        assertThat(cni0.portOf(pod2)).isNotNull();
        // pod2's last frame is its ARP probe at about 5 s; nothing after
        sim.runUntil(30_000_000_000L);
        int before = onPod[2].received().size();
        assertThat(cni0.portOf(pod2)).as("aged out 10 s after last seen").isNull();
        // pod1 still has pod2's MAC (STALE): its next unicast is unknown to the bridge, so flooded to pod3 too
        Ping.start(pods[0], ip("10.244.1.3"), PingOptions.count(1));
        sim.runUntilIdle();
        assertThat(onPod[2].received().subList(before, onPod[2].received().size())).anyMatch(Frames.Frame::isIpv4);
        assertBalanced();
    }

    /**
     * Three hosts on one switched segment.
     *
     * <pre>
     *   A eth0 192.168.0.1 --+
     *   B eth0 192.168.0.2 --+-- [lan]
     *   C eth0 192.168.0.3 --+
     * </pre>
     */
    @Test
    void aSegmentFloodsBroadcastsAndSwitchesLearnedUnicast() {
        Segment lan = new Segment(sim, "lan", 1_000);
        Node[] hosts = new Node[3];
        Frames[] taps = new Frames[3];
        for (int i = 0; i < 3; i++) {
            hosts[i] = net.addNode("H" + i);
            EthernetDevice e = hosts[i].addEthernet("eth0");
            lan.attach(e);
            hosts[i].addAddress("eth0", "192.168.0." + (i + 1) + "/24");
            taps[i] = Frames.on(e);
        }
        Ping p = Ping.start(hosts[0], ip("192.168.0.3"), PingOptions.count(2));
        sim.runUntilIdle();
        assertThat(p.result().received()).isEqualTo(2);
        assertThat(lan.learned(hosts[2].device("eth0").mac())).isSameAs(hosts[2].device("eth0"));
        assertThat(taps[1].received()).isNotEmpty().allSatisfy(f -> assertThat(f.isArp()).isTrue());
        assertBalanced();
    }
}
