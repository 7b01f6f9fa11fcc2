package io.overlaysim.report;

import io.overlaysim.report.chart.BarChart;
import io.overlaysim.report.chart.LineChart;
import java.util.List;

/** A small report that uses every column type, flags and notes on cells and rows, and both charts. */
public final class Fixtures {

    private Fixtures() {}

    public static Report sample() {
        Table table = Table.builder()
                .column(Column.text("encap", "Encapsulation"))
                .column(Column.integer("fragments", "Fragments"))
                .column(Column.decimal("ratio", "Ratio", 3))
                .column(Column.bytes("inner_mtu", "Inner MTU"))
                .column(Column.percent("efficiency", "Efficiency", 2))
                .column(Column.duration("pmtud", "PMTUD time"))
                .row("none", 1, 0.125, 1500, 0.957087, 0L)
                .row(Row.of("vxlan, \"calico\"", 2, -0.0004,
                                Cell.of(1440).flag(Flag.disagreesWithTheory("simulated 1440, theory says 1450")),
                                0.92458, 1_250_000L)
                        .note("pod veth MTU 1500 | tunnel 1450"))
                .row(Row.of("ipip\nline two", null, 2.5, 3L * 1024 * 1024 + 512, 0.5, 2_500_000_000L)
                        .flag(Flag.error("black-hole", "fragmentation-needed never reached the sender")))
                .build();
        var line = new LineChart("eff", "Efficiency", "size (bytes)", "efficiency (%)", List.of(
                new LineChart.XySeries("none", List.of(64.0, 1500.0), List.of(35.3, 95.7)),
                new LineChart.XySeries("vxlan", List.of(64.0, 1500.0), List.of(23.7, 92.5))));
        var bar = new BarChart("max", "Max deliverable", "underlay MTU", "bytes", List.of("1500", "9000"), List.of(
                new BarChart.BarSeries("ipip", List.of(1480.0, 8980.0)),
                new BarChart.BarSeries("vxlan", List.of(1450.0, 8950.0))));
        return Report.titled("Sample <report> & co")
                .meta("seed", "42")
                .meta("underlays", "1500, 9000")
                .section(new Section("cells", "Cells", "Every type once.", table, List.of(line, bar),
                        List.of("Theory from MtuTheory.")));
    }
}
