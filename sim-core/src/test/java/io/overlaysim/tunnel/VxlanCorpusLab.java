package io.overlaysim.tunnel;

import io.overlaysim.capture.CaptureFormat;
import io.overlaysim.capture.CaptureRecorder;
import io.overlaysim.capture.CaptureWriter;
import io.overlaysim.device.NetDevice;
import io.overlaysim.device.VethDevice;
import io.overlaysim.engine.Simulation;
import io.overlaysim.net.Ipv4Address;
import io.overlaysim.net.Ipv4Prefix;
import io.overlaysim.net.MacAddress;
import io.overlaysim.node.Network;
import io.overlaysim.node.Node;
import io.overlaysim.node.Pmtudisc;
import io.overlaysim.routing.IpAddress;
import io.overlaysim.routing.IpPrefix;
import io.overlaysim.routing.NextHop;
import io.overlaysim.routing.Route;
import io.overlaysim.traffic.Ping;
import io.overlaysim.traffic.PingOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The corpus's VXLAN lab ({@code corpus/vxlan/README.md}) rebuilt in the simulator, with the
 * same addresses, MACs, devices and pings:
 *
 * <pre>
 *  pod                 nodeA                                        nodeB
 *  eth0 10.244.1.2 ==== veth-pod 10.244.1.1/24
 *                       vxlan4096 10.244.0.1/24 (VNI 4096, 4789)    vxlan4096 10.244.0.2/24
 *                       veth-a 192.0.2.1/24 ========================= veth-b 192.0.2.2/24
 * </pre>
 */
final class VxlanCorpusLab {
    final Simulation sim = new Simulation(7);
    final Network net = new Network(sim);
    final Node pod = net.addNode("pod");
    final Node a = net.addNode("nodeA");
    final Node b = net.addNode("nodeB");
    final VxlanDevice vxA;
    final VxlanDevice vxB;
    final List<Ping> pings = new ArrayList<>();
    private final List<CaptureWriter> writers = new ArrayList<>();

    VxlanCorpusLab() {
        VethDevice eth0 = pod.addDevice(new VethDevice("eth0", mac("02:00:0a:f4:01:02"), 1500));
        VethDevice vethPod = a.addDevice(new VethDevice("veth-pod", mac("02:00:0a:f4:01:01"), 1500));
        VethDevice.pair(sim, eth0, vethPod);
        VethDevice vethA = a.addDevice(new VethDevice("veth-a", mac("02:00:c0:00:02:01"), 1500));
        VethDevice vethB = b.addDevice(new VethDevice("veth-b", mac("02:00:c0:00:02:02"), 1500));
        VethDevice.pair(sim, vethA, vethB);
        pod.addAddress("eth0", "10.244.1.2/24");
        pod.addRoute(Route.unicast(IpPrefix.v4(Ipv4Prefix.parse("0.0.0.0/0")), NextHop.via(ip("10.244.1.1"), "eth0")));
        a.addAddress("veth-pod", "10.244.1.1/24");
        a.addAddress("veth-a", "192.0.2.1/24");
        b.addAddress("veth-b", "192.0.2.2/24");
        vxA = Vxlan.of(a).add("vxlan4096", mac("02:42:0a:f4:00:01"),
                VxlanConfig.of(4096).withPort(4789).withLocal("192.0.2.1").withRemote("192.0.2.2").withLower("veth-a"));
        vxB = Vxlan.of(b).add("vxlan4096", mac("02:42:0a:f4:00:02"),
                VxlanConfig.of(4096).withPort(4789).withLocal("192.0.2.2").withRemote("192.0.2.1").withLower("veth-b"));
        a.addAddress("vxlan4096", "10.244.0.1/24");
        b.addAddress("vxlan4096", "10.244.0.2/24");
        b.addRoute(Route.unicast(IpPrefix.v4(Ipv4Prefix.parse("10.244.1.0/24")), NextHop.via(ip("10.244.0.1"), "vxlan4096")));
        a.sysctls().ipForward = true;
        // the corpus's three namespaces share one kernel, hence one flow-hash key
        FlowHash.of(a).reseed(0x1234, 0x5678);
        FlowHash.of(b).reseed(0x1234, 0x5678);
    }

    static long mac(String s) {
        return MacAddress.parse(s).bits();
    }

    static IpAddress ip(String s) {
        return IpAddress.v4(Ipv4Address.parse(s));
    }

    /** Captures {@code dev} of {@code node} into its own classic pcap file. */
    void capture(Node node, NetDevice dev, Path file) throws IOException {
        CaptureWriter w = CaptureFormat.PCAP.open(file);
        writers.add(w);
        new CaptureRecorder(w).capture(node.name(), dev);
    }

    /** The README's traffic, in order, 1 s apart (each ping -i 0.3). */
    void runTraffic() throws IOException {
        int dst = Ipv4Address.parse("10.244.0.2").bits();
        at(0, a, dst, PingOptions.count(2).size(56));
        at(1, a, dst, PingOptions.count(2).size(1400).pmtudisc(Pmtudisc.DO));
        at(2, a, dst, PingOptions.count(2).size(1422).pmtudisc(Pmtudisc.DO));
        at(3, a, dst, PingOptions.count(2).size(1450).pmtudisc(Pmtudisc.DO));
        at(4, a, dst, PingOptions.count(1).size(2000).pmtudisc(Pmtudisc.DONT));
        at(5, pod, dst, PingOptions.count(2).size(56));
        at(6, pod, dst, PingOptions.count(2).size(1450).pmtudisc(Pmtudisc.DO));
        sim.runUntil(20_000_000_000L);
        for (CaptureWriter w : writers) {
            w.close();
        }
    }

    private void at(int second, Node from, int dst, PingOptions o) {
        sim.schedule(second * 1_000_000_000L, () -> pings.add(Ping.start(from, dst, o.interval(300_000_000L))));
    }
}
