package io.overlaysim.transport;

import io.overlaysim.engine.Simulation;
import io.overlaysim.net.Ipv4Address;
import io.overlaysim.packet.Ipv4Header;
import io.overlaysim.packet.IpProtocol;
import io.overlaysim.packet.PacketBuffer;
import io.overlaysim.packet.TcpHeader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.random.RandomGenerator;

/**
 * A fake IP layer for TCP tests: stacks by address, every datagram delivered after a fixed
 * delay, some lost by a seeded stream or by a filter. Each datagram sent is recorded as raw
 * IPv4 (with its time), for assertions and for a pcap.
 */
final class TcpTestNet {
    /** One datagram as sent: time, bytes of the IPv4 packet, and whether the net dropped it. */
    record Sent(long time, byte[] ip, boolean dropped) {
        int tcp() {
            return Ipv4Header.MIN_LENGTH;
        }

        int flags() {
            return TcpHeader.flags(ip, tcp());
        }

        boolean has(int flag) {
            return (flags() & flag) != 0;
        }

        long seq() {
            return TcpHeader.sequence(ip, tcp());
        }

        long ack() {
            return TcpHeader.acknowledgment(ip, tcp());
        }

        int window() {
            return TcpHeader.window(ip, tcp());
        }

        int source() {
            return Ipv4Header.source(ip, 0);
        }

        int dataLength() {
            return ip.length - Ipv4Header.MIN_LENGTH - TcpHeader.headerLength(ip, tcp());
        }

        TcpHeader.Fields header() {
            return TcpHeader.decode(ip, tcp(), ip.length - tcp());
        }
    }

    final Simulation sim;
    final long delay;
    private final Map<Integer, TcpStack> stacks = new HashMap<>();
    private final Map<Integer, Integer> mtus = new HashMap<>();
    final List<Sent> sent = new ArrayList<>();
    private final RandomGenerator lossStream;
    double loss;
    /** Datagrams for which this answers true are dropped (besides random loss). */
    Predicate<Sent> dropIf = s -> false;
    private int ipId;

    TcpTestNet(long seed, long delay) {
        this.sim = new Simulation(seed);
        this.delay = delay;
        this.lossStream = sim.random("test:loss");
    }

    static int addr(String dotted) {
        return Ipv4Address.parseBits(dotted);
    }

    /** A stack at {@code address} with the given config and MTU. */
    TcpStack stack(String address, TcpConfig config, int mtu) {
        int a = addr(address);
        mtus.put(a, mtu);
        TcpStack s = new TcpStack(sim, address, network(a), config);
        stacks.put(a, s);
        return s;
    }

    TcpStack stack(String address) {
        return stack(address, TcpConfig.LINUX, 1500);
    }

    private TcpNetwork network(int self) {
        return new TcpNetwork() {
            @Override
            public void send(int source, int destination, PacketBuffer segment) {
                int len = segment.length();
                int ip = segment.push(Ipv4Header.MIN_LENGTH);
                Ipv4Header.write(segment.array(), ip, 0, len + Ipv4Header.MIN_LENGTH, ipId++ & 0xffff,
                        Ipv4Header.DF, 64, IpProtocol.TCP, source, destination);
                Sent s = new Sent(sim.now(), segment.toByteArray(), false);
                boolean drop = dropIf.test(s) || (loss > 0 && lossStream.nextDouble() < loss);
                sent.add(drop ? new Sent(s.time(), s.ip(), true) : s);
                if (drop) {
                    return;
                }
                sim.scheduleAfter(delay, () -> {
                    segment.pull(Ipv4Header.MIN_LENGTH);
                    TcpStack to = stacks.get(destination);
                    if (to != null) {
                        to.receive(segment, source, destination);
                    }
                });
            }

            @Override
            public int sourceAddress(int destination) {
                return self;
            }

            @Override
            public int mtu(int destination) {
                return mtus.get(self);
            }
        };
    }

    /** Datagrams sent by {@code address}, in order. */
    List<Sent> from(String address) {
        int a = addr(address);
        return sent.stream().filter(s -> s.source() == a).toList();
    }

    /** Writes everything sent (and not dropped) as a classic pcap of raw IPv4 (LINKTYPE_RAW 101). */
    void writePcap(Path file) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuffer h = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
        h.putInt(0xa1b23c4d).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(65535).putInt(101);
        out.write(h.array());
        for (Sent s : sent) {
            if (s.dropped()) {
                continue;
            }
            long t = 1_700_000_000_000_000_000L + s.time();
            ByteBuffer r = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
            r.putInt((int) (t / 1_000_000_000L)).putInt((int) (t % 1_000_000_000L))
                    .putInt(s.ip().length).putInt(s.ip().length);
            out.write(r.array());
            out.write(s.ip());
        }
        Files.write(file, out.toByteArray());
    }
}
