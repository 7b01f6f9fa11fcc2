package io.overlaysim.mtu;

import io.overlaysim.report.Cell;
import io.overlaysim.report.Column;
import io.overlaysim.report.Flag;
import io.overlaysim.report.Report;
import io.overlaysim.report.Row;
import io.overlaysim.report.Section;
import io.overlaysim.report.Table;
import io.overlaysim.report.chart.BarChart;
import io.overlaysim.report.chart.LineChart;
import io.overlaysim.report.mtu.Encapsulation;
import io.overlaysim.report.mtu.Framing;
import io.overlaysim.report.mtu.MtuTheory;
import io.overlaysim.report.mtu.Transmission;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * An MTU sweep as a report: the maximum inner MTU per underlay (measured next to Calico's table),
 * every cell with the theory beside it, efficiency vs. datagram size, and goodput; a
 * {@link Flag#disagreesWithTheory} wherever a simulated value differs from the theory, and
 * "not simulated yet" wherever no runner simulated (never the theory in place of a measurement).
 */
public final class SweepReport {
    /** The text of a cell no runner simulated. */
    public static final String NOT_SIMULATED = "not simulated yet";

    private SweepReport() {}

    public static Report build(Sweep.SweepResult r) {
        SweepSpec s = r.spec();
        long simulated = r.cells().stream().filter(CellResult::simulated).count();
        long disagree = r.cells().stream().filter(c -> c.simulated() && disagreement(c) != null).count();
        long holes = r.cells().stream().filter(c -> c.outcome() == CellResult.Outcome.BLACK_HOLE).count();
        String notSimulated = s.encapsulations().stream()
                .filter(e -> r.maxima().stream().anyMatch(m -> m.encapsulation() == e && !m.simulated()))
                .map(Encapsulation::id).collect(Collectors.joining(", "));
        Report rep = Report.titled("MTU sweep")
                .meta("Encapsulations", s.encapsulations().stream().map(Encapsulation::id).collect(Collectors.joining(", ")))
                .meta("Underlay MTUs", join(s.underlayMtus()))
                .meta("Sizes", s.sizes().size() + " sizes, " + s.sizes().get(0) + " to " + s.sizes().get(s.sizes().size() - 1)
                        + " bytes (inner IPv4 datagram, headers included)")
                .meta("DF", s.dfSettings().stream().map(df -> df ? "on" : "off").collect(Collectors.joining(", ")))
                .meta("Protocols", s.protocols().stream().map(SweepSpec.Protocol::id).collect(Collectors.joining(", ")))
                .meta("Pod MTU", s.podMtu() == 0 ? "Calico's: the underlay's less the overhead" : s.podMtu() + " on every pod and veth")
                .meta("ICMP errors", s.dropIcmpErrors() ? "dropped by the hosts (drop_icmp_errors): PMTUD black holes"
                        : "sent as the kernel sends them")
                .meta("Cluster", "two Calico-style nodes, one pod each: pod -> veth -> node -> tunnel -> NIC -> NIC -> node -> veth -> pod")
                .meta("Cells", r.cells().size() + " (" + simulated + " simulated, " + (r.cells().size() - simulated) + " "
                        + NOT_SIMULATED + "; " + disagree + " disagree with the theory; " + holes + " PMTUD black holes)");
        if (!notSimulated.isEmpty()) {
            rep = rep.meta("Not simulated yet", notSimulated + ": the tunnel devices are not in the node stack yet;"
                    + " their rows show the theory only, labelled so");
        }
        return rep.section(maxima(r)).section(efficiency(r)).section(goodput(r)).section(cells(r));
    }

    private static Section maxima(Sweep.SweepResult r) {
        var t = Table.builder()
                .column(Column.bytes("underlay_mtu", "Underlay MTU"))
                .column(Column.text("encap", "Encapsulation"))
                .column(Column.bytes("pod_mtu", "Pod MTU"))
                .column(Column.bytes("theory", "Max inner MTU (theory)"))
                .column(Column.bytes("measured", "Largest whole (simulated, DF)"))
                .column(Column.text("status", "Status"));
        List<Integer> underlays = r.spec().underlayMtus();
        var bars = new ArrayList<BarChart.BarSeries>();
        for (Encapsulation e : r.spec().encapsulations()) {
            var values = new ArrayList<Double>();
            boolean allSimulated = true;
            for (Sweep.Maximum m : r.maxima()) {
                if (m.encapsulation() != e) {
                    continue;
                }
                int theory = MtuTheory.maxInnerMtu(m.underlayMtu(), e);
                Cell measured = Cell.of(m.simulated() ? (Object) (long) m.measured() : null);
                String status = m.simulated() ? "simulated" : NOT_SIMULATED + ": theory only";
                if (m.simulated() && m.measured() != theory) {
                    measured = measured.flag(Flag.disagreesWithTheory("simulated " + m.measured() + ", theory " + theory
                            + " (pod MTU " + m.podMtu() + ")"));
                }
                t.row((long) m.underlayMtu(), e.id(), (long) m.podMtu(), (long) theory, measured, status);
                values.add((double) (m.simulated() ? m.measured() : theory));
                allSimulated &= m.simulated();
            }
            bars.add(new BarChart.BarSeries(allSimulated ? e.id() : e.id() + " (theory, " + NOT_SIMULATED + ")", values));
        }
        return Section.of("mtu", "Maximum deliverable datagram per underlay MTU", t.build())
                .withDescription("The largest ICMP datagram with DF that reaches the other node's pod whole, found by"
                        + " bisection over simulated probes, next to the theory (Calico's table: 1500 -> 1480 / 1450,"
                        + " 9000 -> 8980 / 8950, 1460 -> 1440 / 1410, 1450 -> 1430 / 1400).")
                .withChart(new BarChart("max-deliverable", "Maximum deliverable datagram per underlay MTU",
                        "Underlay MTU (bytes)", "Largest whole inner datagram (bytes)",
                        underlays.stream().map(String::valueOf).toList(), bars));
    }

    private static Section cells(Sweep.SweepResult r) {
        var t = Table.builder()
                .column(Column.text("encap", "Encap"))
                .column(Column.bytes("underlay_mtu", "Underlay"))
                .column(Column.bytes("pod_mtu", "Pod MTU"))
                .column(Column.bytes("size", "Datagram"))
                .column(Column.text("df", "DF"))
                .column(Column.text("proto", "Proto"))
                .column(Column.text("outcome", "Outcome"))
                .column(Column.integer("fragments", "Packets"))
                .column(Column.text("where", "Where"))
                .column(Column.duration("pmtud", "PMTUD"))
                .column(Column.bytes("wire", "Line bytes"))
                .column(Column.percent("efficiency", "Efficiency", 2))
                .column(Column.text("theory", "Theory"))
                .column(Column.percent("theory_efficiency", "Theory eff.", 2));
        for (CellResult c : r.cells()) {
            SweepCell k = c.cell();
            Transmission th = theory(k);
            String theoryText = theoryOutcome(k, th);
            Cell outcome = Cell.of(c.outcome().text());
            String why = c.simulated() ? disagreement(c) : null;
            if (why != null) {
                outcome = outcome.flag(Flag.disagreesWithTheory(why));
            }
            if (c.outcome() == CellResult.Outcome.BLACK_HOLE) {
                outcome = outcome.flag(Flag.error("pmtud-black-hole", "frag-needed never reached the sender"));
            }
            if (!c.simulated()) {
                outcome = outcome.note(c.notes().get(0));
            }
            Object pmtud = c.simulated() && (c.cell().df() || k.protocol() == SweepSpec.Protocol.TCP) && (c.outcome() == CellResult.Outcome.REFUSED)
                    ? (Object) c.convergenceNanos() : null;
            Cell pm = Cell.of(pmtud);
            if (c.outcome() == CellResult.Outcome.BLACK_HOLE) {
                pm = pm.note("never");
            }
            boolean sim = c.simulated();
            t.row(new Row(List.of(Cell.of(k.encapsulation().id()), Cell.of((long) k.underlayMtu()), Cell.of((long) k.podMtu()),
                    Cell.of((long) k.size()), Cell.of(k.df() ? "on" : "off"), Cell.of(k.protocol().id()), outcome,
                    Cell.of(sim ? (Object) (long) c.fragments() : null), Cell.of(c.where()), pm,
                    Cell.of(sim ? (Object) c.wireBytes() : null), Cell.of(sim ? (Object) c.efficiency() : null), Cell.of(theoryText),
                    Cell.of(th.efficiency())), List.of(), List.of()));
        }
        return Section.of("cells", "Every cell: simulation and theory", t.build())
                .withDescription("One datagram per cell from pod-a to pod-c. Delivered whole, fragmented (into how many"
                        + " packets, where), refused with frag-needed (by whom, with which MTU; 'local' when the"
                        + " sender's own interface refused it), or lost silently (a PMTUD black hole). PMTUD: for a DF datagram"
                        + " too large for the path, the time until the sender learned the path MTU (0 when its own"
                        + " interface refused it; veths have no delay). Line bytes: the datagram's frames on the"
                        + " sender's underlay NIC with preamble, FCS and gap; efficiency: payload per line byte.");
    }

    private static Section efficiency(Sweep.SweepResult r) {
        int underlay = r.spec().underlayMtus().get(0);
        boolean df = r.spec().dfSettings().contains(false) ? false : true;
        SweepSpec.Protocol proto = r.spec().protocols().get(0);
        var t = Table.builder().column(Column.bytes("size", "Datagram"));
        for (Encapsulation e : r.spec().encapsulations()) {
            t.column(Column.percent(e.id() + "_efficiency", e.id() + " (simulated)", 2));
            t.column(Column.percent(e.id() + "_theory", e.id() + " (theory)", 2));
        }
        var series = new ArrayList<LineChart.XySeries>();
        var xs = new ArrayList<Double>();
        r.spec().sizes().forEach(s -> xs.add((double) s));
        List<List<Object>> rows = new ArrayList<>();
        r.spec().sizes().forEach(s -> rows.add(new ArrayList<>(List.of((Object) (long) s))));
        for (Encapsulation e : r.spec().encapsulations()) {
            var ys = new ArrayList<Double>();
            boolean simulated = true;
            for (int i = 0; i < r.spec().sizes().size(); i++) {
                int size = r.spec().sizes().get(i);
                CellResult c = find(r, e, underlay, size, df, proto);
                double theory = theory(c.cell()).efficiency();
                rows.get(i).add(c.simulated() ? (Object) c.efficiency() : null);
                rows.get(i).add(theory);
                simulated &= c.simulated();
                ys.add(100 * (c.simulated() ? c.efficiency() : theory));
            }
            series.add(new LineChart.XySeries(simulated ? e.id() : e.id() + " (theory, " + NOT_SIMULATED + ")", xs, ys));
        }
        rows.forEach(row -> t.row(row.toArray()));
        return Section.of("efficiency", "Efficiency vs. datagram size (underlay MTU " + underlay + ", DF " + (df ? "on" : "off")
                + ", " + proto.id() + ")", t.build())
                .withDescription("Payload bytes per byte on the line for each datagram size; each drop is one more fragment.")
                .withChart(new LineChart("efficiency", "Efficiency vs. datagram size (underlay MTU " + underlay + ")",
                        "Inner IP datagram size (bytes)", "Payload / line bytes (%)", series).withYRange(0, 100));
    }

    private static Section goodput(Sweep.SweepResult r) {
        double rate = r.spec().linkRateBps();
        var t = Table.builder()
                .column(Column.bytes("underlay_mtu", "Underlay MTU"))
                .column(Column.text("encap", "Encapsulation"))
                .column(Column.bytes("datagram", "Datagram"))
                .column(Column.decimal("goodput_gbps", "UDP goodput (simulated, Gbit/s)", 3))
                .column(Column.decimal("theory_gbps", "UDP goodput (theory, Gbit/s)", 3))
                .column(Column.bytes("mss", "TCP MSS"))
                .column(Column.decimal("tcp_gbps", "TCP bulk goodput (simulated, Gbit/s)", 3))
                .column(Column.decimal("tcp_theory_gbps", "TCP goodput (theory, Gbit/s)", 3))
                .column(Column.text("status", "Status"));
        var bars = new ArrayList<BarChart.BarSeries>();
        var tcpBars = new ArrayList<BarChart.BarSeries>();
        for (Encapsulation e : r.spec().encapsulations()) {
            var values = new ArrayList<Double>();
            var tcpValues = new ArrayList<Double>();
            boolean allSimulated = true;
            for (Sweep.Maximum m : r.maxima()) {
                if (m.encapsulation() != e) {
                    continue;
                }
                CellResult c = m.fullSize();
                double theory = rate * theory(c.cell()).efficiency() / 1e9;
                double measured = rate * c.efficiency() / 1e9;
                Cell cell = Cell.of(c.simulated() ? (Object) measured : null);
                if (c.simulated() && Math.abs(measured - theory) > 1e-9) {
                    cell = cell.flag(Flag.disagreesWithTheory("simulated " + gbps(measured) + ", theory " + gbps(theory)));
                }
                TcpBulk tcp = m.tcp();
                int mss = tcp != null ? tcp.mss() : Math.min(m.podMtu(), m.underlayMtu() - e.overhead()) - 40;
                double tcpTheory = rate * tcpTheory(mss, e) / 1e9;
                Cell tcpCell = Cell.of(tcp == null ? null : (Object) (tcp.bitsPerSecond() / 1e9));
                if (tcp != null && Math.abs(tcp.bitsPerSecond() / 1e9 - tcpTheory) > TCP_TOLERANCE * tcpTheory) {
                    tcpCell = tcpCell.flag(Flag.disagreesWithTheory("simulated " + gbps(tcp.bitsPerSecond() / 1e9)
                            + ", theory " + gbps(tcpTheory) + " (more than " + (int) (TCP_TOLERANCE * 100) + " % apart)"));
                }
                if (tcp != null && tcp.bytes() < TcpBulk.BYTES) {
                    tcpCell = tcpCell.flag(Flag.error("tcp-stalled", "the transfer stalled after " + tcp.bytes() + " of "
                            + TcpBulk.BYTES + " bytes (full-size segments lost: a PMTUD black hole?)"));
                }
                if (tcp != null && tcp.retransmitted() > 0) {
                    tcpCell = tcpCell.note(tcp.retransmitted() + " segments retransmitted");
                }
                t.row((long) m.underlayMtu(), e.id(), (long) c.cell().size(), cell, theory, (long) mss, tcpCell, tcpTheory,
                        c.simulated() ? "simulated" : NOT_SIMULATED + ": theory only");
                values.add(Math.round((c.simulated() ? measured : theory) * 100) / 100.0);
                tcpValues.add(Math.round((tcp != null ? tcp.bitsPerSecond() / 1e9 : tcpTheory) * 100) / 100.0);
                allSimulated &= c.simulated() && tcp != null;
            }
            String suffix = allSimulated ? "" : " (theory, " + NOT_SIMULATED + ")";
            bars.add(new BarChart.BarSeries(e.id() + suffix, values));
            tcpBars.add(new BarChart.BarSeries(e.id() + suffix, tcpValues));
        }
        String rateText = String.valueOf(r.spec().linkRateBps() / 1_000_000_000L);
        return Section.of("goodput", "Goodput per encapsulation at " + rateText + " Gbit/s", t.build())
                .withDescription("UDP: a full-size datagram (the pod MTU, or the inner MTU when smaller) measured on the"
                        + " underlay; goodput is the payload rate of such datagrams back to back at the link rate. TCP:"
                        + " a bulk transfer of " + (TcpBulk.BYTES >> 20) + " MiB from pod to pod, timed from the"
                        + " handshake's end to the last byte received (slow start and ACKs included); the theory is"
                        + " MSS / (MSS + 40 + overhead + 14) of the link rate, as the simulated link serialises frames"
                        + " without preamble, FCS and gap; flagged when more than " + (int) (TCP_TOLERANCE * 100)
                        + " % apart.")
                .withChart(new BarChart("goodput", "UDP goodput per encapsulation at " + rateText + " Gbit/s",
                        "Underlay MTU (bytes)", "Goodput (Gbit/s)",
                        r.spec().underlayMtus().stream().map(String::valueOf).toList(), bars))
                .withChart(new BarChart("goodput-tcp", "TCP bulk goodput per encapsulation at " + rateText + " Gbit/s",
                        "Underlay MTU (bytes)", "Goodput (Gbit/s)",
                        r.spec().underlayMtus().stream().map(String::valueOf).toList(), tcpBars));
    }

    /** How far a TCP bulk flow may fall below the full-segment theory before it is flagged. */
    static final double TCP_TOLERANCE = 0.01;

    /**
     * Payload per frame byte of full TCP segments without options: MSS / (MSS + 40 + overhead +
     * 14). The Ethernet header only: the simulated link serialises a frame as a capture counts it
     * (no preamble, FCS or gap), and the TCP figure is a time, not a byte count.
     */
    static double tcpTheory(int mss, Encapsulation e) {
        return mss / (double) Framing.HEADER.frameBytes(mss + 40 + e.overhead());
    }

    static Transmission theory(SweepCell k) {
        if (k.protocol() == SweepSpec.Protocol.TCP) {
            return tcpSegments(k);
        }
        return MtuTheory.send(k.size(), k.encapsulation(), k.underlayMtu(), k.df(), k.protocol().header(), Framing.LINE);
    }

    /**
     * A TCP write of {@code size - 40} bytes: segments of at most the MSS (both pods' MTU - 40,
     * as {@code tcp_connect} and the peer's MSS option give), each with DF; refused when the
     * largest is above the inner MTU the tunnel allows. {@code fragmentSizes} are the segments.
     */
    static Transmission tcpSegments(SweepCell k) {
        int innerMtu = MtuTheory.maxInnerMtu(k.underlayMtu(), k.encapsulation());
        int mss = k.podMtu() - 40;
        int payload = Math.max(0, k.size() - 40);
        if (payload == 0 || Math.min(mss, payload) + 40 > innerMtu) {
            return new Transmission(k.size(), innerMtu, false, List.of(), 0, 0);
        }
        List<Integer> segments = new ArrayList<>();
        long wire = 0;
        for (int left = payload; left > 0; left -= mss) {
            int segment = Math.min(mss, left) + 40;
            segments.add(segment);
            wire += MtuTheory.wireBytes(segment, k.encapsulation(), Framing.LINE);
        }
        return new Transmission(k.size(), innerMtu, true, segments, payload, wire);
    }

    /**
     * Linux TCP after path-MTU discovery: refused first (frag-needed with the tunnel's MTU), then
     * {@code tcp_v4_err} lowers the MSS to that MTU - 40 and the data goes in that many segments;
     * -1 when the cell is not such a case (not TCP, delivered as sent, or ICMP errors dropped).
     */
    static int tcpSegmentsAfterPmtud(SweepCell k, Transmission th) {
        if (k.protocol() != SweepSpec.Protocol.TCP || th.delivered() || k.dropIcmpErrors() || th.innerMtu() <= 40) {
            return -1;
        }
        int mss = th.innerMtu() - 40;
        return (k.size() - 40 + mss - 1) / mss;
    }

    static String theoryOutcome(SweepCell k, Transmission th) {
        int afterPmtud = tcpSegmentsAfterPmtud(k, th);
        if (afterPmtud > 0) {
            return CellResult.Outcome.SEGMENTED.text() + " (" + afterPmtud + ") after frag-needed (mtu " + th.innerMtu() + ")";
        }
        if (k.protocol() == SweepSpec.Protocol.TCP && th.delivered() && th.fragments() > 1) {
            return CellResult.Outcome.SEGMENTED.text() + " (" + th.fragments() + ")";
        }
        return theoryOutcome(th);
    }

    static String theoryOutcome(Transmission th) {
        if (!th.delivered()) {
            return CellResult.Outcome.REFUSED.text() + " (mtu " + th.innerMtu() + ")";
        }
        return th.fragments() == 1 ? CellResult.Outcome.DELIVERED.text()
                : CellResult.Outcome.FRAGMENTED.text() + " (" + th.fragments() + ")";
    }

    /** Why a simulated cell disagrees with the theory, or null when it agrees. */
    static String disagreement(CellResult c) {
        Transmission th = theory(c.cell());
        int afterPmtud = tcpSegmentsAfterPmtud(c.cell(), th);
        if (afterPmtud > 0) {
            return c.outcome() == CellResult.Outcome.SEGMENTED && c.fragments() == afterPmtud && c.mtu() == th.innerMtu()
                    ? null
                    : "simulated " + c.outcome().text() + " (" + c.fragments() + ", mtu " + c.mtu() + "), theory "
                            + theoryOutcome(c.cell(), th);
        }
        if (c.outcome().delivered() != th.delivered()) {
            return "simulated " + c.outcome().text() + ", theory " + theoryOutcome(c.cell(), th);
        }
        if (!th.delivered()) {
            return c.outcome() == CellResult.Outcome.REFUSED && c.mtu() == th.innerMtu() ? null
                    : "simulated " + c.outcome().text() + " (mtu " + c.mtu() + "), theory " + theoryOutcome(c.cell(), th);
        }
        if (c.fragments() != th.fragments()) {
            return "simulated " + c.fragments() + " packets, theory " + th.fragments();
        }
        if (c.wireBytes() != th.wireBytes()) {
            return "simulated " + c.wireBytes() + " line bytes, theory " + th.wireBytes();
        }
        return null;
    }

    private static CellResult find(Sweep.SweepResult r, Encapsulation e, int underlay, int size, boolean df,
                                   SweepSpec.Protocol p) {
        return r.cells().stream().filter(c -> c.cell().encapsulation() == e && c.cell().underlayMtu() == underlay
                && c.cell().size() == size && c.cell().df() == df && c.cell().protocol() == p).findFirst().orElseThrow();
    }

    private static String gbps(double g) {
        return String.format(java.util.Locale.ROOT, "%.3f Gbit/s", g);
    }

    private static String join(List<Integer> xs) {
        return xs.stream().map(String::valueOf).collect(Collectors.joining(", "));
    }
}
