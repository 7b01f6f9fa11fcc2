package io.overlaysim.report.chart;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Draws report charts with XChart, as PNG (ImageIO) and SVG (VectorGraphics2D), headless.
 *
 * <p>Output is deterministic for a given JDK and set of installed fonts: series colors follow the
 * series order (Okabe-Ito palette, readable by colour-blind people), number labels use
 * {@link Locale#ROOT}, and nothing depends on the clock.
 *
 * <pre>{@code
 * ChartRenderer r = ChartRenderer.standard();
 * Files.write(dir.resolve(chart.id() + ".png"), r.png(chart));
 * String inlineSvg = r.svg(chart);
 * }</pre>
 */
public final class ChartRenderer {

    static {
        // AWT decides headless-ness once per JVM; a CLI run on a desktop must not open a window
        // or need a display, so ask for headless unless the user decided otherwise.
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    /** Okabe & Ito's colour-blind-safe palette (black left out: it reads as an axis). */
    private static final Color[] PALETTE = {
        new Color(0x0072B2), new Color(0xD55E00), new Color(0x009E73), new Color(0xCC79A7),
        new Color(0xE69F00), new Color(0x56B4E9), new Color(0xF0E442),
    };

    private final int width;
    private final int height;

    /** A renderer of charts {@code width} x {@code height} pixels (SVG: points). */
    public ChartRenderer(int width, int height) {
        if (width < 200 || height < 150) {
            throw new IllegalArgumentException("chart size: expected at least 200x150, got " + width + "x" + height);
        }
        this.width = width;
        this.height = height;
    }

    /** 800 x 480: readable in a browser column and in a pull request. */
    public static ChartRenderer standard() {
        return new ChartRenderer(800, 480);
    }

    /** The chart as PNG bytes. */
    public byte[] png(io.overlaysim.report.chart.Chart chart) {
        var out = new ByteArrayOutputStream();
        try {
            BitmapEncoder.saveBitmap(build(chart), out, BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException("chart '" + chart.id() + "': PNG encoding failed", e);
        }
        return out.toByteArray();
    }

    /** The chart as a standalone SVG document (UTF-8 text), compacted by {@link SvgCompactor}. */
    public String svg(io.overlaysim.report.chart.Chart chart) {
        var out = new ByteArrayOutputStream();
        try {
            VectorGraphicsEncoder.saveVectorGraphic(build(chart), out,
                    VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
        } catch (IOException e) {
            throw new UncheckedIOException("chart '" + chart.id() + "': SVG encoding failed", e);
        }
        return SvgCompactor.compact(out.toString(StandardCharsets.UTF_8));
    }

    /** Writes {@code ID.png} and {@code ID.svg} into a directory and returns their paths. */
    public java.util.List<Path> write(io.overlaysim.report.chart.Chart chart, Path dir) throws IOException {
        Path png = dir.resolve(chart.id() + ".png");
        Path svg = dir.resolve(chart.id() + ".svg");
        Files.write(png, png(chart));
        Files.writeString(svg, svg(chart), StandardCharsets.UTF_8);
        return java.util.List.of(png, svg);
    }

    private Chart<?, ?> build(io.overlaysim.report.chart.Chart chart) {
        return switch (chart) {
            case LineChart line -> line(line);
            case BarChart bar -> bar(bar);
        };
    }

    private XYChart line(LineChart spec) {
        XYChart chart = new XYChartBuilder().width(width).height(height).title(spec.title())
                .xAxisTitle(spec.xLabel()).yAxisTitle(spec.yLabel()).build();
        style(chart.getStyler());
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE);
        chart.getStyler().setYAxisMin(spec.yMin());
        chart.getStyler().setYAxisMax(spec.yMax());
        // XChart starts the ticks at the first x value (64, 144, 224, ...); from 0 they are round.
        boolean nonNegative = spec.series().stream().flatMap(s -> s.x().stream()).allMatch(x -> x >= 0);
        if (nonNegative) {
            chart.getStyler().setXAxisMin(0.0);
        }
        for (LineChart.XySeries s : spec.series()) {
            XYSeries series = chart.addSeries(s.name(), s.x(), s.y());
            series.setMarker(SeriesMarkers.NONE);
            series.setLineStyle(new BasicStroke(2.5f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        }
        return chart;
    }

    private CategoryChart bar(BarChart spec) {
        CategoryChart chart = new CategoryChartBuilder().width(width).height(height).title(spec.title())
                .xAxisTitle(spec.xLabel()).yAxisTitle(spec.yLabel()).build();
        style(chart.getStyler());
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Horizontal);
        chart.getStyler().setLabelsVisible(true);
        chart.getStyler().setLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        chart.getStyler().setLabelsFontColor(Color.DARK_GRAY);
        chart.getStyler().setLabelsPosition(1.0);
        chart.getStyler().setAvailableSpaceFill(0.8);
        chart.getStyler().setYAxisMin(0.0);
        for (BarChart.BarSeries s : spec.series()) {
            chart.addSeries(s.name(), spec.categories(), s.values());
        }
        return chart;
    }

    private static void style(AxesChartStyler styler) {
        styler.setLocale(Locale.ROOT);
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotBackgroundColor(Color.WHITE);
        styler.setPlotBorderVisible(false);
        styler.setPlotGridLinesColor(new Color(0xDDDDDD));
        styler.setPlotGridVerticalLinesVisible(false);
        styler.setChartFontColor(new Color(0x222222));
        styler.setAxisTickLabelsColor(new Color(0x333333));
        styler.setSeriesColors(PALETTE);
        styler.setLegendBorderColor(new Color(0xCCCCCC));
        styler.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 17));
        styler.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        styler.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        styler.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        styler.setToolTipsEnabled(false);
        styler.setAntiAlias(true);
    }
}
