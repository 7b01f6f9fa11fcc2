package io.overlaysim.bench;

import io.overlaysim.engine.Simulation;
import io.overlaysim.net.Ipv4Address;
import io.overlaysim.node.Node;
import io.overlaysim.node.RouteDecision;
import io.overlaysim.packet.EtherType;
import io.overlaysim.packet.EthernetHeader;
import io.overlaysim.packet.IcmpHeader;
import io.overlaysim.packet.IpProtocol;
import io.overlaysim.packet.Ipv4Header;
import io.overlaysim.packet.PacketBuffer;
import io.overlaysim.packet.UdpHeader;
import io.overlaysim.topology.Topology;
import io.overlaysim.tunnel.IpTunnelConfig;
import io.overlaysim.tunnel.Ipip;
import io.overlaysim.tunnel.IpipDevice;
import io.overlaysim.tunnel.Vxlan;
import io.overlaysim.tunnel.VxlanConfig;
import io.overlaysim.tunnel.VxlanDevice;
import io.overlaysim.tunnel.VxlanFdb;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * A tunnel's own work per packet, encapsulation then decapsulation of the same buffer, on two
 * nodes A - B (the outer route from the tunnel's cache, no event engine, no link):
 * <ul>
 * <li>{@code ipip}: {@link IpipDevice#encapsulate} (outer destination, second route lookup,
 * {@code tnl_update_pmtu}, outer header with DF so ID 0) and {@link Ipip#decapsulate}
 * ({@code ip_tunnel_lookup}, pull, ECN) of an 84-byte ICMP echo;</li>
 * <li>{@code vxlan}: the FDB lookup, {@link VxlanDevice#encapsulateTo} (route, flow hash to the
 * UDP source port, VXLAN/UDP/IPv4 headers, UDP checksum over the frame, outer ID) and, on the
 * receive side, the UDP checksum check and {@link Vxlan#decapsulate} (flags, VNI, pull) of a
 * 98-byte inner frame holding an 84-byte ICMP echo (as {@code ping} sends it: not
 * {@code CHECKSUM_PARTIAL}, so the outer checksum is summed over the whole frame);</li>
 * <li>{@code vxlanUdp}: the same with a full-size 1464-byte frame (the 1450-byte MTU of the
 * VXLAN device) holding a UDP datagram as a pod's socket sends it through its veth
 * ({@code CHECKSUM_PARTIAL}): the outer checksum comes from {@code lco_csum} (the inner
 * pseudo-header and the 34 bytes of inner headers), the receiver still checks every byte.</li>
 * </ul>
 * Goal: 20 M/s each, 0 bytes allocated per operation ({@code -prof gc}).
 *
 * <pre>
 * java -jar bench/target/benchmarks.jar TunnelBenchmark -f 1 -wi 2 -i 3 -w 1s -r 1s -prof gc
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class TunnelBenchmark {
    private Node a;
    private Node b;
    private IpipDevice ipip;
    private Ipip ipipB;
    private VxlanDevice vxlan;
    private Vxlan vxlanB;
    private long remoteMac;
    private PacketBuffer inner;
    private PacketBuffer frame;
    private PacketBuffer udpFrame;
    private int vtep;

    @Setup(Level.Trial)
    public void setUp() {
        Simulation sim = new Simulation(1);
        Topology t = Topology.chain(sim, "A", "B");
        a = t.node("A");
        b = t.node("B");
        ipip = Ipip.of(a).add("ipip1", IpTunnelConfig.pointToPoint("10.0.0.1", "10.0.0.2"));
        ipipB = Ipip.of(b);
        ipipB.add("ipip1", IpTunnelConfig.pointToPoint("10.0.0.2", "10.0.0.1"));
        vxlan = Vxlan.of(a).add("vxlan0", 0x02420af40001L, VxlanConfig.of(4096).withPort(4789).withLocal("10.0.0.1").withLower("eth0"));
        vxlanB = Vxlan.of(b);
        vxlanB.add("vxlan0", 0x02420af40002L, VxlanConfig.of(4096).withPort(4789).withLocal("10.0.0.2").withLower("eth0"));
        remoteMac = 0x02420af40002L;
        vtep = Ipv4Address.parseBits("10.0.0.2");
        vxlan.fdb().replace(remoteMac, vtep, null);

        inner = PacketBuffer.allocate(84);
        writeEcho(inner, inner.put(84));
        frame = PacketBuffer.allocate(98);
        int off = frame.put(98);
        EthernetHeader.write(frame.array(), off, remoteMac, 0x02420af40001L, EtherType.IPV4);
        writeEcho(frame, off + EthernetHeader.LENGTH);
        udpFrame = PacketBuffer.allocate(1464);
        off = udpFrame.put(1464);
        EthernetHeader.write(udpFrame.array(), off, remoteMac, 0x02420af40001L, EtherType.IPV4);
        writeUdp(udpFrame, off + EthernetHeader.LENGTH);
        // the receiver must accept what the sender built (both checksum paths)
        if ((vxlanRoundTrip(frame) & 1) == 0 || (vxlanRoundTrip(udpFrame) & 1) == 0) {
            throw new IllegalStateException("the receiver rejected the outer UDP checksum");
        }
    }

    /** A 1450-byte IPv4 packet with a 1422-byte UDP payload, its checksum filled and marked partial as {@code UdpSocket} does. */
    private static void writeUdp(PacketBuffer p, int ip) {
        byte[] x = p.array();
        int src = Ipv4Address.parseBits("10.244.1.2");
        int dst = Ipv4Address.parseBits("10.244.0.2");
        Ipv4Header.write(x, ip, 0, 1450, 0x1234, Ipv4Header.DF, 64, IpProtocol.UDP, src, dst);
        int udp = ip + Ipv4Header.MIN_LENGTH;
        for (int i = 0; i < 1422; i++) {
            x[udp + UdpHeader.LENGTH + i] = (byte) (i * 7 + 1);
        }
        UdpHeader.write(x, udp, 40000, 5201, 1430);
        UdpHeader.fillChecksum(x, udp, 1430, src, dst);
        p.setChecksumPartial(udp);
    }

    private static void writeEcho(PacketBuffer p, int ip) {
        byte[] x = p.array();
        Ipv4Header.write(x, ip, 0, 84, 0x1234, Ipv4Header.DF, 64, IpProtocol.ICMP, Ipv4Address.parseBits("10.244.1.2"),
                Ipv4Address.parseBits("10.244.0.2"));
        IcmpHeader.writeEcho(x, ip + 20, IcmpHeader.ECHO_REQUEST, 0x4242, 1);
        IcmpHeader.fillChecksum(x, ip + 20, 64);
    }

    /** IPIP: encapsulate on A, decapsulate on B (the buffer returns to the inner packet). */
    @Benchmark
    public int ipip() {
        RouteDecision rt = ipip.encapsulate(inner);
        IpipDevice t = ipipB.decapsulate(inner, null);
        return rt.dev().index() + t.index() + inner.length();
    }

    /** VXLAN: FDB, encapsulate on A; UDP checksum check and decapsulate on B (an ICMP echo inside). */
    @Benchmark
    public int vxlan() {
        return vxlanRoundTrip(frame);
    }

    /** VXLAN as {@link #vxlan()}, a full-size {@code CHECKSUM_PARTIAL} UDP datagram inside (lco_csum). */
    @Benchmark
    public int vxlanUdp() {
        return vxlanRoundTrip(udpFrame);
    }

    /** {@link #vxlan()} without the receiver's UDP checksum check: the difference is that check's share (TunnelCpuTime's parts). */
    int vxlanWithoutCheck() {
        VxlanFdb.Entry f = vxlan.fdb().lookup(EthernetHeader.destination(frame.array(), frame.start()), 0);
        RouteDecision rt = vxlan.encapsulateTo(frame, f.firstRemoteIp());
        VxlanDevice d = vxlanB.decapsulate(frame, null, frame.start() + Ipv4Header.MIN_LENGTH);
        return 2 * (rt.dev().index() + d.index() + frame.length());
    }

    /** {@link #vxlan()} without the FDB lookup (the remote given): the difference is the lookup's share. */
    int vxlanWithoutFdb() {
        RouteDecision rt = vxlan.encapsulateTo(frame, vtep);
        byte[] x = frame.array();
        int udp = frame.start() + Ipv4Header.MIN_LENGTH;
        boolean ok = UdpHeader.verifyChecksum(x, udp, UdpHeader.length(x, udp), Ipv4Header.source(x, frame.start()), vtep);
        VxlanDevice d = vxlanB.decapsulate(frame, null, udp);
        return 2 * (rt.dev().index() + d.index() + frame.length()) + (ok ? 1 : 0);
    }

    /** The receiver's UDP checksum check alone, over the headers the last {@link #vxlan()} left in front of the frame. */
    int vxlanCheckOnly() {
        frame.push(VxlanDevice.HEADROOM - EthernetHeader.LENGTH);
        byte[] x = frame.array();
        int udp = frame.start() + Ipv4Header.MIN_LENGTH;
        boolean ok = UdpHeader.verifyChecksum(x, udp, UdpHeader.length(x, udp), Ipv4Header.source(x, frame.start()), vtep);
        frame.pull(VxlanDevice.HEADROOM - EthernetHeader.LENGTH);
        return ok ? 1 : 0;
    }

    private int vxlanRoundTrip(PacketBuffer frame) {
        VxlanFdb.Entry f = vxlan.fdb().lookup(EthernetHeader.destination(frame.array(), frame.start()), 0);
        RouteDecision rt = vxlan.encapsulateTo(frame, f.firstRemoteIp());
        byte[] x = frame.array();
        int udp = frame.start() + Ipv4Header.MIN_LENGTH;
        boolean ok = UdpHeader.verifyChecksum(x, udp, UdpHeader.length(x, udp), Ipv4Header.source(x, frame.start()), vtep);
        VxlanDevice d = vxlanB.decapsulate(frame, null, udp);
        return 2 * (rt.dev().index() + d.index() + frame.length()) + (ok ? 1 : 0);
    }
}
