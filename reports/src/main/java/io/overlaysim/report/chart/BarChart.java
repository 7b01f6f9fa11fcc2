package io.overlaysim.report.chart;

import io.overlaysim.report.Report;
import java.util.List;
import java.util.Objects;

/**
 * A chart of grouped bars: one group per category, one bar per series (maximum deliverable size
 * per underlay MTU, one bar per encapsulation).
 */
public record BarChart(String id, String title, String xLabel, String yLabel, List<String> categories,
                       List<BarSeries> series) implements Chart {

    public BarChart {
        Report.checkedId("chart id", id);
        Objects.requireNonNull(title);
        Objects.requireNonNull(xLabel);
        Objects.requireNonNull(yLabel);
        categories = List.copyOf(categories);
        series = List.copyOf(series);
        if (categories.isEmpty() || series.isEmpty()) {
            throw new IllegalArgumentException("chart '" + id + "': expected categories and series");
        }
        for (BarSeries s : series) {
            if (s.values().size() != categories.size()) {
                throw new IllegalArgumentException("chart '" + id + "', series '" + s.name() + "': expected "
                        + categories.size() + " values (one per category), got " + s.values().size());
            }
        }
    }

    /** The bars of one series, one value per category. */
    public record BarSeries(String name, List<Double> values) {
        public BarSeries {
            Objects.requireNonNull(name);
            values = List.copyOf(values);
        }
    }
}
