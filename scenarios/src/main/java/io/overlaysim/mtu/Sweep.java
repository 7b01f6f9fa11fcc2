package io.overlaysim.mtu;

import io.overlaysim.report.mtu.Encapsulation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Runs an MTU sweep: every cell of a {@link SweepSpec} through the {@link CellRunner} of its
 * encapsulation, plus per encapsulation and underlay the largest datagram that crosses whole
 * with DF set (found by bisection over simulated probes), a full-size UDP datagram and a bulk
 * TCP transfer for the goodput.
 *
 * <pre>{@code
 * SweepResult r = Sweep.run(spec);                     // runners: CellRunner.forEncapsulation
 * r.maxima().get(0).measured();                        // 1500 for none over 1500
 * }</pre>
 */
public final class Sweep {

    private Sweep() {}

    /** The largest datagram that crossed whole for one encapsulation and underlay. */
    public record Maximum(Encapsulation encapsulation, int underlayMtu, int podMtu, int measured, String why,
                          CellResult fullSize, TcpBulk tcp) {
        /** Whether the maximum was simulated ({@code measured} is -1 and {@code why} says why otherwise). */
        public boolean simulated() {
            return measured >= 0;
        }
    }

    /** The cells and the maxima, in the spec's order. */
    public record SweepResult(SweepSpec spec, List<CellResult> cells, List<Maximum> maxima) {
        public SweepResult {
            cells = List.copyOf(cells);
            maxima = List.copyOf(maxima);
        }
    }

    /** Runs with the standard runner per encapsulation. */
    public static SweepResult run(SweepSpec spec) {
        return run(spec, CellRunner::forEncapsulation);
    }

    /** Runs with the runners given per encapsulation. */
    public static SweepResult run(SweepSpec spec, Function<Encapsulation, CellRunner> runners) {
        Map<Encapsulation, CellRunner> byEncap = new LinkedHashMap<>();
        spec.encapsulations().forEach(e -> byEncap.put(e, runners.apply(e)));
        List<CellResult> cells = new ArrayList<>();
        List<Maximum> maxima = new ArrayList<>();
        for (Encapsulation e : spec.encapsulations()) {
            CellRunner runner = byEncap.get(e);
            for (int underlay : spec.underlayMtus()) {
                int podMtu = spec.podMtu(e, underlay);
                for (int size : spec.sizes()) {
                    for (boolean df : spec.dfSettings()) {
                        for (SweepSpec.Protocol p : spec.protocols()) {
                            cells.add(runner.run(new SweepCell(e, underlay, podMtu, size, df, p, spec.dropIcmpErrors())));
                        }
                    }
                }
                maxima.add(maximum(runner, e, underlay, podMtu, spec.dropIcmpErrors()));
            }
        }
        return new SweepResult(spec, cells, maxima);
    }

    /**
     * The largest ICMP datagram with DF that {@code pod-c} receives whole: a bisection between 68
     * bytes and the larger of the pod and underlay MTUs (whole delivery is monotone in the size).
     */
    static Maximum maximum(CellRunner runner, Encapsulation e, int underlay, int podMtu, boolean dropIcmp) {
        Function<Integer, SweepCell> cell = size -> new SweepCell(e, underlay, podMtu, size, true,
                SweepSpec.Protocol.ICMP, dropIcmp);
        SweepCell fullSize = new SweepCell(e, underlay, podMtu, Math.min(podMtu, underlay - e.overhead()), false,
                SweepSpec.Protocol.UDP, dropIcmp);
        if (!runner.simulates()) {
            CellResult r = runner.run(cell.apply(68));
            return new Maximum(e, underlay, podMtu, -1, r.notes().isEmpty() ? "not simulated yet" : r.notes().get(0),
                    runner.run(fullSize), null);
        }
        int lo = 68;
        int hi = Math.max(podMtu, underlay);
        if (!whole(runner.run(cell.apply(lo)))) {
            return new Maximum(e, underlay, podMtu, 0, "not even 68 bytes cross whole", runner.run(fullSize),
                    runner.tcpBulk(fullSize));
        }
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (whole(runner.run(cell.apply(mid)))) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return new Maximum(e, underlay, podMtu, lo, "", runner.run(fullSize), runner.tcpBulk(fullSize));
    }

    private static boolean whole(CellResult r) {
        return r.outcome() == CellResult.Outcome.DELIVERED;
    }
}
