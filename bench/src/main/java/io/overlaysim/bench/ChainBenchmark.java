package io.overlaysim.bench;

import io.overlaysim.capture.CaptureFormat;
import io.overlaysim.capture.CaptureRecorder;
import io.overlaysim.capture.CaptureWriter;
import io.overlaysim.device.LinkConfig;
import io.overlaysim.device.NetDevice;
import io.overlaysim.engine.Simulation;
import io.overlaysim.node.Node;
import io.overlaysim.packet.PacketLedger;
import io.overlaysim.topology.Topology;
import io.overlaysim.transport.UdpSocket;
import io.overlaysim.transport.UdpStack;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The chain workload of {@code shared/perf/ns3-chain.md}: {@code A - R1 - ... - RN - B}, 10 Gbps,
 * 1 µs, MTU 1500, queue 100; A sends P UDP datagrams of 1000 bytes to B, one per µs, TTL 255.
 * Prints the wall time of the run (set-up excluded), the run's thread CPU time (the figure to
 * trust on a shared machine: it leaves out time spent waiting for a core, but also the JIT and GC
 * threads), packets received and link-hops/s = P x (N+1) / wall seconds.
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar io.overlaysim.bench.ChainBenchmark N P [pcap-file]
 * </pre>
 */
public final class ChainBenchmark {
    private ChainBenchmark() {
    }

    /** Sends one datagram per µs: one shared action object, rescheduled (no allocation per send). */
    private static final class Sender implements Runnable {
        final Simulation sim;
        final UdpSocket socket;
        final int dst;
        final long count;
        long sent;

        Sender(Simulation sim, UdpSocket socket, int dst, long count) {
            this.sim = sim;
            this.socket = socket;
            this.dst = dst;
            this.count = count;
        }

        @Override
        public void run() {
            socket.send(dst, 9, 1000, 0);
            if (++sent < count) {
                sim.scheduleAfter(1_000, this);
            }
        }
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 8;
        long p = args.length > 1 ? Long.parseLong(args[1]) : 1_000_000;
        Path pcap = args.length > 2 ? Path.of(args[2]) : null;
        Result r = run(n, p, pcap);
        System.out.printf("chain N=%d P=%d pcap=%s: wall %.3f s (thread CPU %.3f s), received %d, link-hops/s %.2f M"
                + " (%.2f M per CPU second), %s%n", n, p, pcap == null ? "off" : pcap, r.wallSeconds, r.cpuSeconds,
                r.received, r.linkHopsPerSecond / 1e6, p * (n + 1) / r.cpuSeconds / 1e6,
                r.ledger.text().replace('\n', ';'));
    }

    /** The outcome of one run. */
    public record Result(double wallSeconds, double cpuSeconds, long received, double linkHopsPerSecond,
            PacketLedger.Summary ledger) {
    }

    public static Result run(int n, long packets, Path pcap) throws Exception {
        Simulation sim = new Simulation(1);
        String[] names = new String[n + 2];
        names[0] = "A";
        for (int i = 1; i <= n; i++) {
            names[i] = "R" + i;
        }
        names[n + 1] = "B";
        LinkConfig link = new LinkConfig(10_000_000_000L, 1_000, 100, 0);
        Topology t = Topology.chain(sim, link, names);
        for (String name : names) {
            t.node(name).sysctls().defaultTtl = 255;
        }
        long[] received = new long[1];
        UdpStack.of(t.node("B")).bind(9, (s, pkt, src, sport, off, len) -> received[0]++);
        UdpSocket client = UdpStack.of(t.node("A")).bind(0, null).ttl(255);
        CaptureWriter writer = null;
        if (pcap != null) {
            writer = CaptureFormat.PCAPNG.open(pcap);
            CaptureRecorder rec = new CaptureRecorder(writer);
            for (String name : names) {
                Node node = t.node(name);
                for (NetDevice d : node.devices()) {
                    if (!d.name().equals("lo")) {
                        rec.capture(name, d);
                    }
                }
            }
        }
        // warm the ARP entries so that the measured run is the steady state ns-3's static ARP sees
        sim.schedule(0, new Sender(sim, client, t.address("B"), 1));
        sim.runUntil(1_000_000_000L);
        received[0] = 0;
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long cpuStart = threads.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        sim.schedule(sim.now(), new Sender(sim, client, t.address("B"), packets));
        sim.runUntil(sim.now() + packets * 1_000 + 1_000_000_000L);
        if (writer != null) {
            writer.close(); // the last buffer's write belongs to the run
        }
        double wall = (System.nanoTime() - start) / 1e9;
        double cpu = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e9;
        if (writer != null) {
            System.out.printf("capture: %d bytes%n", Files.size(pcap));
        }
        return new Result(wall, cpu, received[0], packets * (n + 1) / wall, t.network().ledger().summary());
    }
}
