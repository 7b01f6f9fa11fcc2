package io.overlaysim.bench;

import io.overlaysim.packet.EtherType;
import io.overlaysim.packet.EthernetHeader;
import io.overlaysim.packet.IpProtocol;
import io.overlaysim.packet.Ipv4Header;
import io.overlaysim.packet.PacketBuffer;
import io.overlaysim.packet.UdpHeader;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * IPv4 + UDP on the hot path: encode a UDP datagram into a reused {@link PacketBuffer}
 * (headers pushed in front of the payload, both checksums computed), and decode/verify one
 * (header fields read in place, both checksums verified). Goal: zero allocation per
 * operation; run with {@code -prof gc} to see {@code gc.alloc.rate.norm}.
 *
 * <pre>
 * java -jar bench/target/benchmarks.jar Ipv4UdpCodecBenchmark -f 1 -wi 2 -i 3 -w 1s -r 1s -prof gc
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class Ipv4UdpCodecBenchmark {
    private static final int SRC = 0xc0000201;   // 192.0.2.1
    private static final int DST = 0xc0000202;   // 192.0.2.2
    private static final long SRC_MAC = 0x0200c0000201L;
    private static final long DST_MAC = 0x0200c0000202L;

    /** UDP payload bytes: a small datagram, and one that fills a 1500-byte MTU. */
    @Param({"64", "1472"})
    public int payloadLength;

    private PacketBuffer buffer;
    private byte[] payload;
    private byte[] frame;
    private int id;

    @Setup(Level.Trial)
    public void setUp() {
        buffer = PacketBuffer.allocate(payloadLength);
        payload = new byte[payloadLength];
        for (int i = 0; i < payloadLength; i++) {
            payload[i] = (byte) (i * 31 + 7);
        }
        frame = encode().toByteArray();
    }

    /** Builds Ethernet/IPv4/UDP around the payload, both checksums computed; returns the buffer. */
    @Benchmark
    public PacketBuffer encode() {
        PacketBuffer p = buffer;
        p.reset(PacketBuffer.DEFAULT_HEADROOM);
        int data = p.put(payloadLength);
        System.arraycopy(payload, 0, p.array(), data, payloadLength);
        byte[] b = p.array();
        int udp = p.push(UdpHeader.LENGTH);
        UdpHeader.write(b, udp, 33180, 4789, p.length());
        UdpHeader.fillChecksum(b, udp, p.length(), SRC, DST);
        int ip = p.push(Ipv4Header.MIN_LENGTH);
        Ipv4Header.write(b, ip, 0, p.length(), id++ & 0xffff, 0, 64, IpProtocol.UDP, SRC, DST);
        int eth = p.push(EthernetHeader.LENGTH);
        EthernetHeader.write(b, eth, DST_MAC, SRC_MAC, EtherType.IPV4);
        return p;
    }

    /**
     * Parses the frame as a receiver does: EtherType, IPv4 header checks and checksum, UDP
     * checksum over the pseudo-header; returns the destination port (or -1 if rejected).
     */
    @Benchmark
    public int decodeAndVerify() {
        byte[] b = frame;
        if (EthernetHeader.etherType(b, 0) != EtherType.IPV4) {
            return -1;
        }
        int ip = EthernetHeader.LENGTH;
        if (Ipv4Header.version(b, ip) != 4 || Ipv4Header.ihl(b, ip) < 5 || !Ipv4Header.verifyChecksum(b, ip)
                || Ipv4Header.protocol(b, ip) != IpProtocol.UDP) {
            return -1;
        }
        int hl = Ipv4Header.headerLength(b, ip);
        int udp = ip + hl;
        int len = Ipv4Header.totalLength(b, ip) - hl;
        if (!UdpHeader.verifyChecksum(b, udp, len, Ipv4Header.source(b, ip), Ipv4Header.destination(b, ip))) {
            return -1;
        }
        return UdpHeader.destinationPort(b, udp);
    }
}
