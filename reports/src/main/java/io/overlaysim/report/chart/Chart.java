package io.overlaysim.report.chart;

/** A chart of a report section: drawn to PNG and SVG by {@link ChartRenderer}. */
public sealed interface Chart permits LineChart, BarChart {

    /** File-name-safe identifier, unique in a report; the PNG is {@code ID.png}. */
    String id();

    /** The chart's heading. */
    String title();

    /** The label of the horizontal axis. */
    String xLabel();

    /** The label of the vertical axis. */
    String yLabel();
}
