package io.overlaysim.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * {@link TunnelBenchmark}'s two operations timed by the thread's CPU time rather than the wall
 * clock, for a shared machine where JMH's figures swing with the load: after a warm-up, the best
 * of {@code rounds} rounds of {@code n} calls each, with the bytes the thread allocated per call.
 * {@code parts} runs the VXLAN op and variants without the receiver's checksum check or the FDB
 * lookup, and the check alone (each in the same JVM, so the later ones see a mixed profile).
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar io.overlaysim.bench.TunnelCpuTime [n] [rounds] [ipip|vxlan|vxlanUdp|all|parts]
 * </pre>
 */
public final class TunnelCpuTime {
    private TunnelCpuTime() {
    }

    public static void main(String[] args) {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 5_000_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        String which = args.length > 2 ? args[2] : "all";
        TunnelBenchmark b = new TunnelBenchmark();
        b.setUp();
        for (String op : new String[] {"ipip", "vxlan", "vxlanUdp"}) {
            if (which.equals("all") || which.equals(op)) {
                run(op, b, n, rounds);
            }
        }
        if (which.equals("parts")) {
            // where the VXLAN op's time goes: the whole, then variants without one part each
            for (String op : new String[] {"vxlan", "vxlanWithoutCheck", "vxlanWithoutFdb", "vxlanCheckOnly"}) {
                run(op, b, n, rounds);
            }
        }
    }

    private static void run(String name, TunnelBenchmark b, int n, int rounds) {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        com.sun.management.ThreadMXBean alloc = (com.sun.management.ThreadMXBean) mx;
        long tid = Thread.currentThread().threadId();
        long sink = loop(b, name, n);
        double best = 0;
        double bytes = 0;
        for (int r = 0; r < rounds; r++) {
            long a0 = alloc.getThreadAllocatedBytes(tid);
            long t0 = mx.getCurrentThreadCpuTime();
            sink += loop(b, name, n);
            long t1 = mx.getCurrentThreadCpuTime();
            long a1 = alloc.getThreadAllocatedBytes(tid);
            double rate = n / ((t1 - t0) / 1e9);
            best = Math.max(best, rate);
            bytes = (double) (a1 - a0) / n;
        }
        System.out.printf("%s: best %.1f M/s by thread CPU time (%d rounds of %d), %.3f B/op (%d)%n",
                name, best / 1e6, rounds, n, bytes, sink & 1);
    }

    private static long loop(TunnelBenchmark b, String op, int n) {
        long s = 0;
        switch (op) {
            case "ipip" -> {
                for (int i = 0; i < n; i++) {
                    s += b.ipip();
                }
            }
            case "vxlan" -> {
                for (int i = 0; i < n; i++) {
                    s += b.vxlan();
                }
            }
            case "vxlanWithoutCheck" -> {
                for (int i = 0; i < n; i++) {
                    s += b.vxlanWithoutCheck();
                }
            }
            case "vxlanWithoutFdb" -> {
                for (int i = 0; i < n; i++) {
                    s += b.vxlanWithoutFdb();
                }
            }
            case "vxlanCheckOnly" -> {
                for (int i = 0; i < n; i++) {
                    s += b.vxlanCheckOnly();
                }
            }
            default -> {
                for (int i = 0; i < n; i++) {
                    s += b.vxlanUdp();
                }
            }
        }
        return s;
    }
}
