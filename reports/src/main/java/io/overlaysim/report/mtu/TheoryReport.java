package io.overlaysim.report.mtu;

import io.overlaysim.report.Column;
import io.overlaysim.report.Report;
import io.overlaysim.report.Row;
import io.overlaysim.report.Section;
import io.overlaysim.report.Table;
import io.overlaysim.report.chart.BarChart;
import io.overlaysim.report.chart.ChartRenderer;
import io.overlaysim.report.chart.LineChart;
import io.overlaysim.report.format.ReportFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The MTU theory as a report: inner MTUs per underlay (Calico's table), efficiency over a sweep
 * of datagram sizes, and the UDP goodput of full-size datagrams at a line rate; the half of the
 * {@code overlaysim mtu} report that needs no simulation, and a runnable example of every writer.
 *
 * <pre>{@code
 * Report r = TheoryReport.build(List.of(1500, 9000, 1460, 1450), 1500, 64, 9000, 16, 10e9);
 * }</pre>
 *
 * Run {@code main} with a directory to write it in every format there.
 */
public final class TheoryReport {

    private static final List<Encapsulation> ENCAPS = List.of(Encapsulation.values());

    private TheoryReport() {}

    /**
     * The theory report.
     *
     * @param underlayMtus the underlays of the MTU table and the bar charts
     * @param sweepUnderlay the underlay MTU of the efficiency sweep
     * @param from smallest datagram of the sweep (at least 28: IPv4 + UDP headers)
     * @param to largest datagram of the sweep
     * @param step sweep step in bytes
     * @param lineRateBitsPerSecond the link rate the goodput is computed for
     */
    public static Report build(List<Integer> underlayMtus, int sweepUnderlay, int from, int to, int step,
                               double lineRateBitsPerSecond) {
        if (from < MtuTheory.IPV4_HEADER + MtuTheory.UDP_HEADER || to < from || step <= 0) {
            throw new IllegalArgumentException("sweep: expected 28 <= from <= to and step > 0, got "
                    + from + ".." + to + "/" + step);
        }
        return Report.titled("MTU and overhead: theory")
                .meta("Encapsulations", "none (0 B), IPIP (20 B), VXLAN over IPv4 (50 B)")
                .meta("Underlay MTUs", String.join(", ", underlayMtus.stream().map(String::valueOf).toList()))
                .meta("Traffic", "UDP over IPv4, DF clear: larger datagrams are fragmented at the inner MTU")
                .meta("Wire bytes", "Ethernet on the line: preamble 8 + header 14 + FCS 4 + gap 12,"
                        + " payload padded to 46")
                .section(mtuTable(underlayMtus))
                .section(sweep(sweepUnderlay, from, to, step))
                .section(goodput(underlayMtus, lineRateBitsPerSecond));
    }

    private static Section mtuTable(List<Integer> underlays) {
        var t = Table.builder()
                .column(Column.bytes("underlay_mtu", "Underlay MTU"))
                .column(Column.text("encap", "Encapsulation"))
                .column(Column.bytes("overhead", "Overhead"))
                .column(Column.bytes("inner_mtu", "Max inner MTU"))
                .column(Column.bytes("frame", "Frame (capture)"))
                .column(Column.percent("efficiency", "Efficiency (line)", 2));
        var bars = new ArrayList<BarChart.BarSeries>();
        for (Encapsulation e : ENCAPS) {
            var values = new ArrayList<Double>();
            for (int mtu : underlays) {
                int inner = MtuTheory.maxInnerMtu(mtu, e);
                Transmission tx = MtuTheory.send(inner, e, mtu, true, MtuTheory.UDP_HEADER, Framing.LINE);
                t.row(Row.of((long) mtu, e.id(), (long) e.overhead(), (long) inner,
                        MtuTheory.wireBytes(inner, e, Framing.HEADER), tx.efficiency()));
                values.add((double) inner);
            }
            bars.add(new BarChart.BarSeries(e.id(), values));
        }
        return Section.of("mtu", "Maximum inner MTU per underlay", t.build())
                .withDescription("The largest pod datagram that crosses each underlay whole, as Calico sets"
                        + " the pod MTU; the frame and efficiency columns are for a full-size UDP datagram.")
                .withChart(new BarChart("max-deliverable", "Maximum deliverable datagram per underlay MTU",
                        "Underlay MTU (bytes)", "Largest whole inner datagram (bytes)",
                        underlays.stream().map(String::valueOf).toList(), bars));
    }

    private static Section sweep(int underlay, int from, int to, int step) {
        var t = Table.builder().column(Column.bytes("size", "Datagram"));
        for (Encapsulation e : ENCAPS) {
            t.column(Column.integer(e.id() + "_fragments", e.id() + " fragments"));
            t.column(Column.percent(e.id() + "_efficiency", e.id() + " efficiency", 2));
        }
        var xs = new ArrayList<Double>();
        var ys = new ArrayList<List<Double>>();
        ENCAPS.forEach(e -> ys.add(new ArrayList<>()));
        List<Integer> tableSizes = tableSizes(underlay, from, to);
        for (int size = from; ; size = Math.min(size + step, to)) {
            xs.add((double) size);
            for (int i = 0; i < ENCAPS.size(); i++) {
                Transmission tx = MtuTheory.send(size, ENCAPS.get(i), underlay, false, MtuTheory.UDP_HEADER,
                        Framing.LINE);
                ys.get(i).add(100 * tx.efficiency());
            }
            if (size == to) {
                break;
            }
        }
        for (int size : tableSizes) {
            var cells = new ArrayList<Object>();
            cells.add((long) size);
            for (Encapsulation e : ENCAPS) {
                Transmission tx = MtuTheory.send(size, e, underlay, false, MtuTheory.UDP_HEADER, Framing.LINE);
                cells.add((long) tx.fragments());
                cells.add(tx.efficiency());
            }
            t.row(cells.toArray());
        }
        var series = new ArrayList<LineChart.XySeries>();
        for (int i = 0; i < ENCAPS.size(); i++) {
            series.add(new LineChart.XySeries(ENCAPS.get(i).id(), xs, ys.get(i)));
        }
        return Section.of("efficiency", "Efficiency vs. datagram size (underlay MTU " + underlay + ")", t.build())
                .withDescription("UDP payload bytes per byte on the line, for datagrams of " + from + " to " + to
                        + " bytes; the chart steps by " + step + " bytes, the table shows the sizes around the"
                        + " MTUs. Each drop is one more fragment.")
                .withChart(new LineChart("efficiency", "Efficiency vs. datagram size (underlay MTU " + underlay + ")",
                        "Inner IP datagram size (bytes)", "UDP payload / line bytes (%)", series)
                        .withYRange(0, 100));
    }

    /** Sizes that tell the story: small packets, each encapsulation's inner MTU and one byte more. */
    private static List<Integer> tableSizes(int underlay, int from, int to) {
        var sizes = new java.util.TreeSet<Integer>(List.of(from, 128, 256, 512, 1024, 4000, to));
        for (Encapsulation e : ENCAPS) {
            int inner = MtuTheory.maxInnerMtu(underlay, e);
            sizes.add(inner);
            sizes.add(inner + 1);
        }
        return sizes.stream().filter(s -> s >= from && s <= to).toList();
    }

    private static Section goodput(List<Integer> underlays, double rate) {
        var t = Table.builder()
                .column(Column.bytes("underlay_mtu", "Underlay MTU"))
                .column(Column.text("encap", "Encapsulation"))
                .column(Column.bytes("datagram", "Datagram"))
                .column(Column.decimal("goodput_gbps", "UDP goodput (Gbit/s)", 3));
        var bars = new ArrayList<BarChart.BarSeries>();
        for (Encapsulation e : ENCAPS) {
            var values = new ArrayList<Double>();
            for (int mtu : underlays) {
                int inner = MtuTheory.maxInnerMtu(mtu, e);
                Transmission tx = MtuTheory.send(inner, e, mtu, true, MtuTheory.UDP_HEADER, Framing.LINE);
                double gbps = rate * tx.efficiency() / 1e9;
                t.row((long) mtu, e.id(), (long) inner, gbps);
                values.add(Math.round(gbps * 1000) / 1000.0);
            }
            bars.add(new BarChart.BarSeries(e.id(), values));
        }
        String rateText = io.overlaysim.report.format.ValueFormat.fixed(java.math.BigDecimal.valueOf(rate / 1e9), 1);
        return Section.of("goodput", "UDP goodput at " + rateText + " Gbit/s", t.build())
                .withDescription("Full-size UDP datagrams back to back on a " + rateText
                        + " Gbit/s link: payload rate after IP, UDP, encapsulation and Ethernet framing.")
                .withChart(new BarChart("goodput", "UDP goodput per encapsulation at " + rateText + " Gbit/s",
                        "Underlay MTU (bytes)", "Goodput (Gbit/s)",
                        underlays.stream().map(String::valueOf).toList(), bars));
    }

    /** Writes the example theory report in every format into the directory given (default: {@code .}). */
    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : ".");
        Report report = build(List.of(1500, 9000, 1460, 1450), 1500, 64, 9000, 16, 10e9);
        for (Path p : ReportFiles.writeAll(report, dir, "mtu-theory", ChartRenderer.standard())) {
            System.out.println(p);
        }
    }
}
