package io.overlaysim.report.chart;

import io.overlaysim.report.Report;
import java.util.List;
import java.util.Objects;

/**
 * A chart of lines, one per series, over a numeric horizontal axis (efficiency vs. packet size,
 * one line per encapsulation).
 *
 * @param yMin lower bound of the vertical axis, or null to fit the data
 * @param yMax upper bound of the vertical axis, or null to fit the data
 */
public record LineChart(String id, String title, String xLabel, String yLabel, List<XySeries> series,
                        Double yMin, Double yMax) implements Chart {

    public LineChart {
        Report.checkedId("chart id", id);
        Objects.requireNonNull(title);
        Objects.requireNonNull(xLabel);
        Objects.requireNonNull(yLabel);
        series = List.copyOf(series);
        if (series.isEmpty()) {
            throw new IllegalArgumentException("chart '" + id + "': no series");
        }
    }

    public LineChart(String id, String title, String xLabel, String yLabel, List<XySeries> series) {
        this(id, title, xLabel, yLabel, series, null, null);
    }

    /** This chart with a fixed vertical range. */
    public LineChart withYRange(double min, double max) {
        return new LineChart(id, title, xLabel, yLabel, series, min, max);
    }

    /** One line: a name for the legend and points sorted by x. */
    public record XySeries(String name, List<Double> x, List<Double> y) {
        public XySeries {
            Objects.requireNonNull(name);
            x = List.copyOf(x);
            y = List.copyOf(y);
            if (x.size() != y.size() || x.isEmpty()) {
                throw new IllegalArgumentException("series '" + name + "': expected as many x as y values"
                        + " and at least one point, got " + x.size() + " and " + y.size());
            }
        }
    }
}
