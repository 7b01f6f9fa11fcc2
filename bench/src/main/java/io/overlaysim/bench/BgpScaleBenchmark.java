package io.overlaysim.bench;

import io.overlaysim.bgp.BgpPath;
import io.overlaysim.bgp.BgpPeer;
import io.overlaysim.bgp.BgpRoute;
import io.overlaysim.bgp.CalicoBgp;
import io.overlaysim.bgp.LocRib;
import io.overlaysim.bgp.MessageType;
import io.overlaysim.bgp.PathAttribute;
import io.overlaysim.bgp.BgpSpeaker;
import io.overlaysim.bgp.SimulatedPipeTransport;
import io.overlaysim.engine.Simulation;
import io.overlaysim.net.Ipv4Address;
import io.overlaysim.net.Ipv4Prefix;
import java.util.ArrayList;
import java.util.List;

/**
 * Scale of the BGP speaker: wall time and heap for a Calico cluster to converge over the
 * in-memory transport, and the Loc-RIB's route processing rate. A plain main (one run per
 * figure, the machine is shared), not JMH.
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar io.overlaysim.bench.BgpScaleBenchmark mesh 100
 * java -cp bench/target/benchmarks.jar io.overlaysim.bench.BgpScaleBenchmark rr 1000 2 1
 * java -Xmx8g -cp bench/target/benchmarks.jar io.overlaysim.bench.BgpScaleBenchmark rr 5000 2 2
 * java -cp bench/target/benchmarks.jar io.overlaysim.bench.BgpScaleBenchmark rib 1000000
 * </pre>
 */
public final class BgpScaleBenchmark {
    private BgpScaleBenchmark() {}

    public static void main(String[] args) {
        String what = args.length > 0 ? args[0] : "mesh";
        switch (what) {
            case "mesh" -> cluster(arg(args, 1, 100), 0, 1);
            case "rr" -> cluster(arg(args, 1, 1000), arg(args, 2, 2), arg(args, 3, 1));
            case "rib" -> rib(arg(args, 1, 1_000_000));
            default -> throw new IllegalArgumentException("mesh N | rr N REFLECTORS BLOCKS_PER_NODE | rib ROUTES");
        }
    }

    /** This thread's CPU time: the machine is shared, wall time counts other processes' load. */
    private static long cpu() {
        return java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    }

    /** The whole process's CPU time: the simulation thread plus GC and JIT threads. */
    private static long processCpu() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static long gcMillis() {
        long t = 0;
        for (var gc : java.lang.management.ManagementFactory.getGarbageCollectorMXBeans()) {
            t += Math.max(0, gc.getCollectionTime());
        }
        return t;
    }

    private static double load() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static int arg(String[] args, int i, int dflt) {
        return args.length > i ? Integer.parseInt(args[i]) : dflt;
    }

    /** Node i: address 10.x.y.z from i; its blocks from 100.64.0.0/10 in /26 steps. */
    private static void cluster(int nodes, int reflectors, int blocksPerNode) {
        long t0 = System.nanoTime();
        Simulation sim = new Simulation(1);
        SimulatedPipeTransport net = new SimulatedPipeTransport(sim, 100_000, 1448);
        CalicoBgp.Builder b = CalicoBgp.builder(sim, net);
        List<String> rrs = new ArrayList<>();
        for (int i = 0; i < nodes; i++) {
            List<Ipv4Prefix> blocks = new ArrayList<>();
            for (int k = 0; k < blocksPerNode; k++) {
                blocks.add(Ipv4Prefix.of(0x64400000 + ((i * blocksPerNode + k) << 6), 26));
            }
            String name = "node" + i;
            b.node(name, new Ipv4Address(0x0a000000 + i + 1), blocks);
            if (i < reflectors) {
                rrs.add(name);
            }
        }
        if (reflectors > 0) {
            b.routeReflectors(Ipv4Address.parse("10.255.255.1"), rrs.toArray(String[]::new));
        }
        CalicoBgp c = b.build();
        long expected = (long) nodes * nodes * blocksPerNode;
        long[] have = {0};
        for (BgpSpeaker s : c.speakers()) {
            have[0] += s.bestRoutes().size();
            s.addListener((p, before, after) -> have[0] += (after != null ? 1 : 0) - (before != null ? 1 : 0));
        }
        long sessions = 0;
        for (BgpSpeaker s : c.speakers()) {
            sessions += s.neighbors().size();
        }
        long t1 = System.nanoTime();
        long cpu1 = cpu();
        long pcpu1 = processCpu();
        long gc1 = gcMillis();
        double load1 = load();
        c.start();
        sim.runUntil(() -> have[0] == expected);
        long t2 = System.nanoTime();
        long cpu2 = cpu();
        long pcpu2 = processCpu();
        long gc2 = gcMillis();
        long simBest = sim.now();
        long eventsBest = sim.statistics().dispatched();
        long updates = 0;
        for (BgpSpeaker s : c.speakers()) {
            updates += s.receivedCount(MessageType.UPDATE);
        }
        // Then until quiet: every UPDATE sent has been received and processed, and none was sent
        // for a simulated 100 ms (the sessions' keepalives go on, so the queue never empties).
        long sentBefore = -1;
        while (true) {
            sim.runUntil(sim.now() + 100_000_000L);
            long sent = 0;
            long received = 0;
            for (BgpSpeaker s : c.speakers()) {
                sent += s.sentCount(MessageType.UPDATE);
                received += s.receivedCount(MessageType.UPDATE);
            }
            if (sent == received && sent == sentBefore) {
                break;
            }
            sentBefore = sent;
        }
        long t3 = System.nanoTime();
        long cpu3 = cpu();
        long gc3 = gcMillis();
        long updatesQuiet = 0;
        for (BgpSpeaker s : c.speakers()) {
            updatesQuiet += s.receivedCount(MessageType.UPDATE);
        }
        System.gc();
        Runtime rt = Runtime.getRuntime();
        long heap = rt.totalMemory() - rt.freeMemory();
        System.out.printf("%s nodes=%d reflectors=%d blocks/node=%d sessions=%d: build %.2f s, converge %.2f s wall, %.2f s CPU"
                        + " (process %.2f s, GC %.2f s) (simulated %.3f s, %d events, %d UPDATEs received), best routes %d/%d,"
                        + " heap after GC (once quiet) %d MB, load average %.2f -> %.2f%n",
                reflectors == 0 ? "mesh" : "rr", nodes, reflectors, blocksPerNode, sessions / 2, (t1 - t0) / 1e9,
                (t2 - t1) / 1e9, (cpu2 - cpu1) / 1e9, (pcpu2 - pcpu1) / 1e9, (gc2 - gc1) / 1e3, simBest / 1e9,
                eventsBest, updates, have[0], expected, heap >> 20, load1, load());
        System.out.printf("  quiet (every UPDATE received, none sent for 100 ms simulated): %.2f s wall, %.2f s CPU"
                        + " (GC %.2f s) from the start, %d UPDATEs received, last at or before simulated %.3f s%n",
                (t3 - t1) / 1e9, (cpu3 - cpu1) / 1e9, (gc3 - gc1) / 1e3, updatesQuiet, (sim.now() - 200_000_000L) / 1e9);
        if (c.speakers().isEmpty()) {
            throw new AssertionError();
        }
    }

    /**
     * Loc-RIB route processing, as the speaker does it per NLRI: announcements then withdrawals,
     * from two peers. The Adj-RIB-In is a view of the Loc-RIB (io.overlaysim.bgp.AdjRibIn), so there is no
     * second table to update; each peer's routes share one attribute set.
     */
    private static void rib(int routes) {
        BgpPeer p1 = new BgpPeer(Ipv4Address.parse("10.0.0.1"), Ipv4Address.parse("10.0.0.1"), 64512, true);
        BgpPeer p2 = new BgpPeer(Ipv4Address.parse("10.0.0.2"), Ipv4Address.parse("10.0.0.2"), 64512, true);
        List<PathAttribute> a1 = List.of(PathAttribute.Origin.of(0), PathAttribute.AsPath.EMPTY,
                PathAttribute.NextHop.of(p1.address()), PathAttribute.LocalPref.of(100));
        List<PathAttribute> a2 = List.of(PathAttribute.Origin.of(0), PathAttribute.AsPath.EMPTY,
                PathAttribute.NextHop.of(p2.address()), PathAttribute.LocalPref.of(100));
        BgpRoute[] r1 = new BgpRoute[routes];
        BgpRoute[] r2 = new BgpRoute[routes];
        BgpPath path1 = BgpRoute.of(Ipv4Prefix.DEFAULT, 0, p1, a1, 100, 0).path();
        BgpPath path2 = BgpRoute.of(Ipv4Prefix.DEFAULT, 0, p2, a2, 100, 0).path();
        for (int i = 0; i < routes; i++) {
            Ipv4Prefix p = Ipv4Prefix.of(0x64400000 + (i << 6), 26);
            r1[i] = new BgpRoute(p, path1);
            r2[i] = new BgpRoute(p, path2);
        }
        for (int round = 0; round < 3; round++) {
            LocRib rib = new LocRib();
            long t0 = System.nanoTime();
            long c0 = cpu();
            int changes = 0;
            for (int i = 0; i < routes; i++) {
                changes += rib.update(r1[i]) != null ? 1 : 0;
            }
            for (int i = 0; i < routes; i++) {
                changes += rib.update(r2[i]) != null ? 1 : 0;
            }
            for (int i = 0; i < routes; i++) {
                changes += rib.withdraw(p1, r1[i].prefix(), 0) != null ? 1 : 0;
            }
            long t1 = System.nanoTime();
            long c1 = cpu();
            System.out.printf("rib round %d: %d updates (announce, announce, withdraw) in %.3f s wall = %.2f M updates/s;"
                    + " %.3f s CPU = %.2f M updates/s per CPU second; %d best changes%n", round, 3 * routes,
                    (t1 - t0) / 1e9, 3.0 * routes / ((t1 - t0) / 1e3), (c1 - c0) / 1e9,
                    3.0 * routes / ((c1 - c0) / 1e3), changes);
        }
    }
}
